package dev.upgradeassist.notification.delivery;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Transfer-Encoding} of the text and HTML bodies, set before {@code saveChanges()}. Left unset,
 * Jakarta Mail chooses it in {@code MimeUtility.getEncoding(DataHandler)}: it writes the whole body through its data
 * content handler into a byte-counting stream, once per body and email. That was about an eighth of the delivery
 * threads' CPU under load (JFR, 2026-12-04). This class makes the same choice from the body's UTF-8 bytes directly (the
 * charset {@link MimeMessages} gives both bodies), so the message on the wire is byte for byte the same
 * ({@code TransferEncodingsTest} compares both).
 */
final class TransferEncodings {

    static final String SEVEN_BIT = "7bit";
    static final String QUOTED_PRINTABLE = "quoted-printable";
    static final String BASE64 = "base64";

    private TransferEncodings() {
    }

    /**
     * Jakarta Mail's choice for a {@code text/*} body of these bytes ({@code MimeUtility.getEncoding} with its
     * {@code AsciiOutputStream}): 7bit when every byte is ASCII other than a control character (CR, LF and tab are
     * ASCII here) and no line is longer than 998 bytes; quoted-printable when such a text has a longer line, or when
     * more of its bytes are ASCII than not; base64 otherwise.
     */
    static String forText(byte[] bytes) {
        int ascii = 0;
        int nonAscii = 0;
        int lineLength = 0;
        boolean longLine = false;
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b == '\r' || b == '\n') {
                lineLength = 0;
            } else if (++lineLength > 998) {
                longLine = true;
            }
            if (b >= 0177 || (b < 040 && b != '\r' && b != '\n' && b != '\t')) {
                nonAscii++;
            } else {
                ascii++;
            }
        }
        if (nonAscii == 0) {
            return longLine ? QUOTED_PRINTABLE : SEVEN_BIT;
        }
        return ascii > nonAscii ? QUOTED_PRINTABLE : BASE64;
    }

    /** As {@link #forText(byte[])} for a text sent in UTF-8. */
    static String forUtf8(String text) {
        return forText(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the encoding of every part of {@code multipart} that Jakarta Mail would scan as a text: its content a string
     * given with a {@code text/*} type in UTF-8 (the bodies {@code MimeMessageHelper.setText} made), no file name, no
     * encoding set yet. Any other part (the calendar invitation, whose bytes are given) is left to Jakarta Mail. The
     * type is the data handler's: the part's {@code Content-Type} header is written only at {@code saveChanges()}.
     */
    static void preset(MimeMultipart multipart) throws MessagingException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            DataHandler handler = part.getDataHandler();
            if (part.getHeader("Content-Transfer-Encoding") != null || handler == null || handler.getName() != null) {
                continue;
            }
            ContentType type = new ContentType(handler.getContentType());
            if (!type.match("text/*") || !"UTF-8".equalsIgnoreCase(type.getParameter("charset"))) {
                continue;
            }
            Object content;
            try {
                content = handler.getContent();
            } catch (IOException e) {
                continue;   // left to Jakarta Mail
            }
            if (content instanceof String text) {
                part.setHeader("Content-Transfer-Encoding", forUtf8(text));
            }
        }
    }
}
