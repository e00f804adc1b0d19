package dev.upgradeassist.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/** {@link TransferEncodings} against Jakarta Mail's own choice, for single texts and for a whole message. */
class TransferEncodingsTest {

    /** What Jakarta Mail chooses for the body when none is set (as {@code saveChanges()} does). */
    private static String jakartaChoice(String text, String type) throws Exception {
        return MimeUtility.getEncoding(new DataHandler(text, type + "; charset=UTF-8"));
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of("", "Hello Dana,\r\n\r\nyour plan was approved.\r\n", "tab\tand\nLF",
                "Grüße aus Köln", "日本語のテキストです", "ab\u00e9", "a\u00e9", "control \u0001 character", "del \u007f",
                "x".repeat(998), "x".repeat(999), "x".repeat(998) + "\r\n" + "y".repeat(998),
                "x".repeat(997) + "é", "<p>Upgrade window — 10:00 America/New_York</p>", "\r", "\n\n\n"));
        // random texts over ASCII, control characters, Latin-1, CJK, emoji and line ends, some with long lines
        String[] pieces = {"a", "Z", " ", "\t", "\r\n", "\n", "\r", "\u0000", "\u001b", "é", "ß", "—", "日", "😀",
                "x".repeat(400), "<br>"};
        Random random = new Random(20261204);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }

    @Test
    void the_choice_for_a_text_is_jakarta_mails_for_the_same_text() throws Exception {
        for (String text : texts()) {
            assertThat(TransferEncodings.forUtf8(text)).as("text/plain %s", text.length() > 60 ? text.length() + " chars" : text)
                    .isEqualTo(jakartaChoice(text, "text/plain"));
            assertThat(TransferEncodings.forUtf8(text)).isEqualTo(jakartaChoice(text, "text/html"));
        }
        assertThat(TransferEncodings.forUtf8("plain")).isEqualTo("7bit");
        assertThat(TransferEncodings.forUtf8("Grüße aus Köln")).as("more ASCII bytes than not").isEqualTo("quoted-printable");
        assertThat(TransferEncodings.forUtf8("Grüße")).as("fewer ASCII bytes than not").isEqualTo("base64");
        assertThat(TransferEncodings.forUtf8("日本語")).isEqualTo("base64");
        assertThat(TransferEncodings.forUtf8("x".repeat(999))).as("a line over 998 bytes").isEqualTo("quoted-printable");
    }

    private static MimeMessage message(String text, String html) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<4711@upgrade-assist>");   // as the ledger's key does, not a random one
            }
        };
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom("support@upgrade-assist.example");
        helper.setTo("dana@acme.example");
        helper.setSubject("Ticket 4711");
        helper.setSentDate(new java.util.Date(0));
        helper.setText(text, html);
        return message;
    }

    /** mixed → related → the main part → alternative, as {@code MimeMessageHelper} nests them. */
    private static MimeMultipart alternatives(MimeMessage message) throws Exception {
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        MimeMultipart related = (MimeMultipart) mixed.getBodyPart(0).getContent();
        return (MimeMultipart) related.getBodyPart(0).getContent();
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void a_message_with_the_encodings_preset_is_byte_for_byte_the_one_jakarta_mail_makes() throws Exception {
        String[][] bodies = {
                {"Hello Dana,\r\nyour plan was approved.", "<p>Hello Dana,</p><p>your plan was approved.</p>"},
                {"Grüße, Jürgen — 10:00", "<p>Grüße, Jürgen &mdash; 10:00</p>" + "x".repeat(1_200)},
                {"日本語のテキストです", "<p>日本語のテキストです</p>"}};
        for (String[] body : bodies) {
            MimeMessage message = message(body[0], body[1]);
            MimeMultipart alternatives = alternatives(message);

            TransferEncodings.preset(alternatives);

            List<String> preset = new ArrayList<>();
            for (int i = 0; i < alternatives.getCount(); i++) {
                String[] header = alternatives.getBodyPart(i).getHeader("Content-Transfer-Encoding");
                assertThat(header).as("part %d has its encoding before saveChanges", i).isNotNull();
                preset.add(header[0]);
            }
            message.saveChanges();
            byte[] withPreset = bytes(message);

            for (int i = 0; i < alternatives.getCount(); i++) {
                BodyPart part = alternatives.getBodyPart(i);
                part.removeHeader("Content-Transfer-Encoding");
            }
            message.saveChanges();   // Jakarta Mail chooses again, from the bodies
            byte[] jakartas = bytes(message);

            assertThat(new String(withPreset, "US-ASCII")).isEqualTo(new String(jakartas, "US-ASCII"));
            assertThat(preset).as("both bodies").hasSize(2);
        }
    }

    @Test
    void a_part_that_is_not_a_utf8_text_string_is_left_to_jakarta_mail() throws Exception {
        MimeMessage message = message("text", "<p>html</p>");
        MimeMultipart alternatives = alternatives(message);
        var calendar = new jakarta.mail.internet.MimeBodyPart();
        calendar.setDataHandler(new DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/calendar; charset=UTF-8; method=REQUEST")));
        alternatives.addBodyPart(calendar);
        var latin1 = new jakarta.mail.internet.MimeBodyPart();
        latin1.setText("Grüße", "ISO-8859-1");
        alternatives.addBodyPart(latin1);

        TransferEncodings.preset(alternatives);

        assertThat(alternatives.getBodyPart(0).getHeader("Content-Transfer-Encoding")).isNotNull();
        assertThat(alternatives.getBodyPart(1).getHeader("Content-Transfer-Encoding")).isNotNull();
        assertThat(calendar.getHeader("Content-Transfer-Encoding")).as("bytes given: Jakarta Mail's").isNull();
        assertThat(latin1.getHeader("Content-Transfer-Encoding")).as("not UTF-8").isNull();
    }
}
