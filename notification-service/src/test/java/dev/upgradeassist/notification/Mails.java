package dev.upgradeassist.notification;

import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestInfrastructure;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;



/** Reading what people received, over IMAP, as the tests need it. */
public final class Mails {

    private Mails() {
    }

    public static List<Mailbox.Mail> of(String address) {
        return TestInfrastructure.get().mailbox(address).messages();
    }

    /** Waits until the address holds exactly {@code count} messages, and returns them. */
    public static List<Mailbox.Mail> awaitCount(String address, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> of(address).size() >= count);
        return of(address);
    }

    /** The single message an address holds once it arrives. */
    public static Mailbox.Mail one(String address) {
        List<Mailbox.Mail> mails = awaitCount(address, 1);
        if (mails.size() != 1) {
            throw new AssertionError(address + " holds " + mails.size() + " messages, expected 1");
        }
        return mails.get(0);
    }

    /** The messages of a shared (seeded engineer's) mailbox whose subject names this ticket. */
    public static List<Mailbox.Mail> aboutTicket(String address, String ticketId) {
        return of(address).stream().filter(m -> m.subject() != null && m.subject().contains("[" + ticketId + "]"))
                .toList();
    }

    /** The one message about this ticket in a shared mailbox, once it arrives; fails when there are more. */
    public static Mailbox.Mail onlyOneAboutTicket(String address, String ticketId) {
        List<Mailbox.Mail> mails = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> aboutTicket(address, ticketId), list -> !list.isEmpty());
        if (mails.size() != 1) {
            throw new AssertionError(address + " holds " + mails.size() + " messages about " + ticketId + ", expected 1");
        }
        return mails.get(0);
    }

    /** The decoded text/plain alternative of a raw message. */
    public static String text(Mailbox.Mail mail) {
        return part(mail, "text/plain");
    }

    /** The decoded text/html alternative of a raw message. */
    public static String html(Mailbox.Mail mail) {
        return part(mail, "text/html");
    }

    /** The header block of the raw message (everything before the first empty line). */
    public static String headers(Mailbox.Mail mail) {
        String raw = mail.raw().replace("\r\n", "\n");
        int end = raw.indexOf("\n\n");
        return end < 0 ? raw : raw.substring(0, end);
    }

    private static String part(Mailbox.Mail mail, String type) {
        try {
            var message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mail.raw().getBytes(StandardCharsets.UTF_8)));
            String found = find(message, type);
            if (found == null) {
                throw new AssertionError("No " + type + " part in message " + mail.messageId());
            }
            return found.replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = find(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
