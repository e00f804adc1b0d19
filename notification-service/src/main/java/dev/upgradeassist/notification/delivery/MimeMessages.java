package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.notification.ledger.NotificationEntry;
import dev.upgradeassist.notification.templates.Addresses;
import dev.upgradeassist.notification.templates.CalendarPart;
import jakarta.activation.DataHandler;
import jakarta.activation.FileTypeMap;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a ledger entry into a MIME message. Headers come only from strictly parsed addresses, the ticket-id-only
 * subject (checked again for CR/LF here) and the Message-ID derived from the ledger key; the bodies are the stored text
 * and HTML alternatives, plus the stored calendar invitation as a {@code text/calendar} alternative when the email
 * carries one (the review call's emails).
 */
final class MimeMessages {

    private final Supplier<Session> session;
    private final InternetAddress from;
    private final Clock clock;

    static {
        StreamProviders.nameAngusProvider();   // before the first message: no class path scan per part and encoder
    }

    /** @param session the mail session as it is now (it is made again when the sender's settings change) */
    MimeMessages(Supplier<Session> session, String from, Clock clock) {
        this.session = session;
        this.from = Addresses.strict(from);
        this.clock = clock;
    }

    MimeMessage build(NotificationEntry entry) {
        if (Addresses.hasControlCharacters(entry.subject())) {
            throw new MailPreparationException("subject carries a control character");
        }
        try {
            MimeMessage message = new KeyedMimeMessage(session.get(), entry.messageId());
            var helper = new SharedTypeMapHelper(message);
            helper.setFrom(from);
            helper.setTo(strict(entry.to()));
            if (!entry.cc().isEmpty()) {
                helper.setCc(strict(entry.cc()));
            }
            helper.setSubject(entry.subject());
            helper.setSentDate(Date.from(clock.instant()));
            helper.setText(entry.text(), entry.html());
            // chosen as Jakarta Mail would, without its pass over each body at saveChanges()
            TransferEncodings.preset(alternatives(helper));
            if (entry.calendarPart() != null) {
                alternatives(helper).addBodyPart(calendarPart(entry.calendarPart()));
            }
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Upgrade-Assist-Notification", entry.id());
            return message;
        } catch (MessagingException | IllegalArgumentException e) {
            throw new MailPreparationException("could not build the message: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code multipart/alternative} that {@link MimeMessageHelper#setText(String, String)} made of the two bodies:
     * the content of the helper's main part (its body part without a file name).
     */
    private static MimeMultipart alternatives(MimeMessageHelper helper) throws MessagingException {
        MimeMultipart related = helper.getMimeMultipart();
        for (int i = 0; i < related.getCount(); i++) {
            BodyPart part = related.getBodyPart(i);
            try {
                if (part.getFileName() == null && part.getContent() instanceof MimeMultipart alternatives) {
                    return alternatives;
                }
            } catch (java.io.IOException e) {
                throw new MessagingException("could not read the message's bodies", e);
            }
        }
        throw new MessagingException("the message has no multipart/alternative bodies");
    }

    /**
     * The calendar invitation as a third alternative of the bodies, {@code text/calendar; charset=UTF-8;
     * method=REQUEST|CANCEL} (RFC 6047): where calendar clients look for an iTIP message. Its bytes are the stored
     * iCalendar text; Jakarta Mail picks the transfer encoding (the text keeps its CRLF line ends either way).
     */
    private static MimeBodyPart calendarPart(CalendarPart calendar) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(
                calendar.content().getBytes(StandardCharsets.UTF_8), calendar.contentType())));
        part.setHeader("Content-Type", calendar.contentType());
        return part;
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

    static InternetAddress[] strict(List<String> addresses) {
        return addresses.stream().map(Addresses::strict).toArray(InternetAddress[]::new);
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
