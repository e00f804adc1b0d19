package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import dev.upgradeassist.notification.ledger.RefusedRecipient;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands a ledger entry to SMTP, as the MIME message {@link MimeMessages} builds of it; what a failure means is
 * {@link SmtpFailures}'.
 * <p>
 * Each delivery thread keeps its SMTP connection open for its next message (one connect, greeting and
 * EHLO per thread instead of per email). A connection idle for longer than {@link #CHECK_IDLE_AFTER_NANOS}
 * is checked with a NOOP before it is used again; any failure on a connection closes it, and the ledger
 * retries the email later on a new one, exactly as after a failed connect.
 * <p>
 * A partial rejection (the server refuses some recipients at {@code RCPT TO} and accepts the others) delivers the
 * message to those it accepted ({@code mail.smtp.sendpartial}), and {@link #send} names the refused ones with their
 * reply codes: the ledger counts the email as delivered and deals with each refused recipient on its own, so nobody
 * gets it twice. Without it, Jakarta Mail sent the message to no one and the whole email was retried until it failed.
 */
@Component
class MailTransport implements DisposableBean {

    private static final long CHECK_IDLE_AFTER_NANOS = 5_000_000_000L;

    private final JavaMailSenderImpl sender;
    private final MimeMessages messages;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    MailTransport(JavaMailSenderImpl sender, NotificationProperties properties, Clock clock) {
        Properties settings = sender.getJavaMailProperties();
        settings.setProperty("mail.smtp.sendpartial", "true");
        settings.setProperty("mail.smtps.sendpartial", "true");
        sender.setJavaMailProperties(settings); // the session is made again from them on its next use
        this.sender = sender;
        this.messages = new MimeMessages(sender::getSession, properties.from(), clock);
    }

    /** An open SMTP connection and when it last delivered. */
    private static final class Connection {
        final Transport transport;
        long lastUsedNanos = System.nanoTime();

        Connection(Transport transport) {
            this.transport = transport;
        }
    }

    /**
     * Sends and returns when the SMTP server accepted the message, for all its recipients (an empty list) or for all
     * but those returned (refused at {@code RCPT TO}); throws {@link MailException} when it was delivered to no one.
     * The envelope is every To and Cc, or the entry's own recipients when it has them (one recipient retried alone).
     */
    List<RefusedRecipient> send(NotificationEntry entry) {
        MimeMessage message = messages.build(entry);
        try {
            String messageId = message.getMessageID();
            message.saveChanges(); // the Message-ID stays the ledger's (KeyedMimeMessage)
            if (messageId != null) {
                message.setHeader("Message-ID", messageId);
            }
        } catch (MessagingException e) {
            throw new MailPreparationException("could not prepare the message: " + e.getMessage(), e);
        }
        Address[] recipients;
        try {
            recipients = entry.recipients() != null ? MimeMessages.strict(entry.recipients()) : message.getAllRecipients();
        } catch (MessagingException | IllegalArgumentException e) {
            throw new MailPreparationException("could not address the message: " + e.getMessage(), e);
        }
        Connection current = connected();
        try {
            current.transport.sendMessage(message, recipients != null ? recipients : new Address[0]);
            current.lastUsedNanos = System.nanoTime();
            return List.of();
        } catch (SendFailedException e) {
            if (SmtpFailures.isEmpty(e.getValidSentAddresses())) {
                discard(current);
                throw new MailSendException(Map.of(message, e));
            }
            // delivered to the valid sent addresses: the others were refused at RCPT TO (the connection is fine)
            current.lastUsedNanos = System.nanoTime();
            return SmtpFailures.refused(e);
        } catch (MessagingException | RuntimeException e) {
            discard(current);
            throw new MailSendException(Map.of(message, e));
        }
    }

    /** This thread's connection, opened (or re-opened when it went stale) as needed. */
    private Connection connected() {
        Connection current = connection.get();
        if (current != null && System.nanoTime() - current.lastUsedNanos > CHECK_IDLE_AFTER_NANOS
                && !current.transport.isConnected()) { // SMTPTransport asks the server (NOOP)
            discard(current);
            current = null;
        }
        if (current != null) {
            return current;
        }
        String username = sender.getUsername();
        String password = sender.getPassword();
        if ("".equals(username)) {
            username = null;
            password = "".equals(password) ? null : password;
        }
        try {
            Transport transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
            transport.connect(sender.getHost(), sender.getPort(), username, password);
            current = new Connection(transport);
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        } catch (MessagingException | RuntimeException e) {
            throw new MailSendException("Mail server connection failed", e);
        }
        connection.set(current);
        open.add(current);
        return current;
    }

    private void discard(Connection current) {
        connection.remove();
        open.remove(current);
        try {
            current.transport.close();
        } catch (MessagingException | RuntimeException e) {
            // gone already
        }
    }

    @Override
    public void destroy() {
        for (Connection current : open) {
            try {
                current.transport.close();
            } catch (MessagingException | RuntimeException e) {
                // gone already
            }
        }
        open.clear();
    }
}
