package dev.upgradeassist.testsupport;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads one address's mail over IMAP, as a person would, in both infrastructure modes.
 * With authentication disabled the login and password are the address itself.
 */
public final class Mailbox {

    private final String host;
    private final int port;
    private final String address;

    Mailbox(String host, int port, String address) {
        this.host = host;
        this.port = port;
        this.address = address;
    }

    /** A received message: headers and the raw MIME text. */
    public record Mail(String messageId, String subject, List<String> to, List<String> cc, String raw) {
    }

    public List<Mail> messages() {
        Properties props = new Properties();
        props.put("mail.store.protocol", "imap");
        props.put("mail.imap.host", host);
        props.put("mail.imap.port", String.valueOf(port));
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imap")) {
            store.connect(host, port, address, address);
            Folder inbox = store.getFolder("INBOX");
            if (!inbox.exists()) {
                return List.of();
            }
            inbox.open(Folder.READ_ONLY);
            try {
                List<Mail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    MimeMessage mime = (MimeMessage) message;
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    mime.writeTo(raw);
                    mails.add(new Mail(mime.getMessageID(), mime.getSubject(),
                            addresses(mime, Message.RecipientType.TO), addresses(mime, Message.RecipientType.CC),
                            raw.toString(java.nio.charset.StandardCharsets.UTF_8)));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return List.of();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Could not read the mailbox of " + address, e);
        }
    }

    private static List<String> addresses(MimeMessage message, Message.RecipientType type) throws MessagingException {
        List<String> result = new ArrayList<>();
        var recipients = message.getRecipients(type);
        if (recipients != null) {
            for (var recipient : recipients) {
                result.add(((jakarta.mail.internet.InternetAddress) recipient).getAddress());
            }
        }
        return result;
    }
}
