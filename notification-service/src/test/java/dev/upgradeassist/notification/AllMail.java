package dev.upgradeassist.notification;

import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestInfrastructure;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Every message the mail server holds, as text to search: its subject, its raw MIME (every header) and every decoded
 * part (a quoted-printable soft line break or base64 would hide a string from a search of the raw text alone).
 */
public final class AllMail {

    private AllMail() {
    }

    /**
     * In embedded mode every message of every mailbox GreenMail holds; in docker mode (no in-JVM server to ask) the
     * mailboxes of {@code addresses}.
     */
    public static List<String> searchable(String... addresses) {
        List<String> texts = new ArrayList<>();
        try {
            if (TestInfrastructure.get().greenMail() != null) {
                for (MimeMessage message : TestInfrastructure.get().greenMail().getReceivedMessages()) {
                    texts.add(searchable(message));
                }
            } else {
                for (String address : addresses) {
                    for (Mailbox.Mail mail : Mails.of(address)) {
                        texts.add(searchable(new MimeMessage(Session.getInstance(new Properties()),
                                new ByteArrayInputStream(mail.raw().getBytes(StandardCharsets.UTF_8)))));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return texts;
    }

    private static String searchable(MimeMessage message) throws Exception {
        StringBuilder text = new StringBuilder();
        text.append(message.getSubject()).append('\n');
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        text.append(raw.toString(StandardCharsets.UTF_8)).append('\n');
        decoded(message, text);
        return text.toString();
    }

    private static void decoded(Part part, StringBuilder text) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                decoded(body, text);
            }
        } else if (part.getContent() instanceof String content) {
            text.append(content).append('\n');
        }
    }
}
