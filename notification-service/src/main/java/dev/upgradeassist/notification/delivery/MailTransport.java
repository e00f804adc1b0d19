package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
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

/**
 * Turns a ledger entry into a MIME message and hands it to SMTP. Headers come only from strictly
 * parsed addresses, the ticket-id-only subject (checked again for CR/LF here) and the Message-ID
 * derived from the ledger key; the bodies are the stored text and HTML alternatives.
 */
@Component
class MailTransport {

    private final JavaMailSenderImpl sender;
    private final InternetAddress from;
    private final Clock clock;

    MailTransport(JavaMailSenderImpl sender, NotificationProperties properties, Clock clock) {
        this.sender = sender;
        this.from = Addresses.strict(properties.from());
        this.clock = clock;
    }

    /** Sends and returns when the SMTP server accepted the message; throws {@link MailException} otherwise. */
    void send(NotificationEntry entry) {
        MimeMessage message = build(entry);
        sender.send(message);
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
