package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Transport;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import jakarta.activation.FileTypeMap;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a ledger entry into a MIME message and hands it to SMTP. Headers come only from strictly
 * parsed addresses, the ticket-id-only subject (checked again for CR/LF here) and the Message-ID
 * derived from the ledger key; the bodies are the stored text and HTML alternatives.
 * <p>
 * Each delivery thread keeps its SMTP connection open for its next message (one connect, greeting and
 * EHLO per thread instead of per email). A connection idle for longer than {@link #CHECK_IDLE_AFTER_NANOS}
 * is checked with a NOOP before it is used again; any failure on a connection closes it, and the ledger
 * retries the email later on a new one, exactly as after a failed connect.
 */
@Component
class MailTransport implements DisposableBean {

    private static final long CHECK_IDLE_AFTER_NANOS = 5_000_000_000L;

    private final JavaMailSenderImpl sender;
    private final InternetAddress from;
    private final Clock clock;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    MailTransport(JavaMailSenderImpl sender, NotificationProperties properties, Clock clock) {
        this.sender = sender;
        this.from = Addresses.strict(properties.from());
        this.clock = clock;
    }

    /** An open SMTP connection and when it last delivered. */
    private static final class Connection {
        final Transport transport;
        long lastUsedNanos = System.nanoTime();

        Connection(Transport transport) {
            this.transport = transport;
        }
    }

    /** Sends and returns when the SMTP server accepted the message; throws {@link MailException} otherwise. */
    void send(NotificationEntry entry) {
        MimeMessage message = build(entry);
        try {
            String messageId = message.getMessageID();
            message.saveChanges(); // the Message-ID stays the ledger's (KeyedMimeMessage)
            if (messageId != null) {
                message.setHeader("Message-ID", messageId);
            }
        } catch (MessagingException e) {
            throw new MailPreparationException("could not prepare the message: " + e.getMessage(), e);
        }
        Connection current = connected();
        try {
            Address[] recipients = message.getAllRecipients();
            current.transport.sendMessage(message, recipients != null ? recipients : new Address[0]);
            current.lastUsedNanos = System.nanoTime();
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

    MimeMessage build(NotificationEntry entry) {
        if (Addresses.hasControlCharacters(entry.getSubject())) {
            throw new MailPreparationException("subject carries a control character");
        }
        try {
            MimeMessage message = new KeyedMimeMessage(sender.getSession(), entry.getMessageId());
            var helper = new SharedTypeMapHelper(message);
            helper.setFrom(from);
            helper.setTo(strict(entry.getTo()));
            if (!entry.getCc().isEmpty()) {
                helper.setCc(strict(entry.getCc()));
            }
            helper.setSubject(entry.getSubject());
            helper.setSentDate(Date.from(clock.instant()));
            helper.setText(entry.getText(), entry.getHtml());
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Upgrade-Assist-Notification", entry.getId());
            return message;
        } catch (MessagingException | IllegalArgumentException e) {
            throw new MailPreparationException("could not build the message: " + e.getMessage(), e);
        }
    }

    /**
     * MimeMessageHelper on a message it did not create builds and parses a new MIME type map (from the classpath)
     * for every message; these emails attach no files, so one map made once serves them all.
     */
    private static final class SharedTypeMapHelper extends MimeMessageHelper {

        private static final FileTypeMap TYPES = defaultTypes();

        SharedTypeMapHelper(MimeMessage message) throws MessagingException {
            super(message, true, StandardCharsets.UTF_8.name());
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
            return TYPES;
        }

        private static FileTypeMap defaultTypes() {
            var types = new ConfigurableMimeFileTypeMap();
            types.afterPropertiesSet();
            return types;
        }
    }

    private static InternetAddress[] strict(List<String> addresses) {
        return addresses.stream().map(Addresses::strict).toArray(InternetAddress[]::new);
    }

    /** True when trying again cannot help: the message cannot be built, or the server refused every recipient (5xx). */
    static boolean isPermanent(RuntimeException e) {
        if (e instanceof MailPreparationException || e instanceof IllegalArgumentException) {
            return true;
        }
        if (e instanceof MailSendException send) {
            for (Exception cause : send.getFailedMessages().values()) {
                if (cause instanceof SendFailedException failed && failed.getValidSentAddresses() == null
                        && failed.getValidUnsentAddresses() == null && failed.getInvalidAddresses() != null
                        && failed.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A MIME message whose Message-ID is the one the ledger derived, not a random one. */
    private static final class KeyedMimeMessage extends MimeMessage {

        private final String messageId;

        KeyedMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
