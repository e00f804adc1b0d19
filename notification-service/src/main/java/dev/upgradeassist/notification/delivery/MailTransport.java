package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import dev.upgradeassist.notification.ledger.RefusedRecipient;
import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import dev.upgradeassist.notification.templates.CalendarPart;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Transport;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a ledger entry into a MIME message and hands it to SMTP. Headers come only from strictly
 * parsed addresses, the ticket-id-only subject (checked again for CR/LF here) and the Message-ID
 * derived from the ledger key; the bodies are the stored text and HTML alternatives, plus the stored calendar
 * invitation as a {@code text/calendar} alternative when the email carries one (the review call's emails).
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
    private final InternetAddress from;
    private final Clock clock;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    MailTransport(JavaMailSenderImpl sender, NotificationProperties properties, Clock clock) {
        Properties settings = sender.getJavaMailProperties();
        settings.setProperty("mail.smtp.sendpartial", "true");
        settings.setProperty("mail.smtps.sendpartial", "true");
        sender.setJavaMailProperties(settings); // the session is made again from them on its next use
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

    /**
     * Sends and returns when the SMTP server accepted the message, for all its recipients (an empty list) or for all
     * but those returned (refused at {@code RCPT TO}); throws {@link MailException} when it was delivered to no one.
     * The envelope is every To and Cc, or the entry's own recipients when it has them (one recipient retried alone).
     */
    List<RefusedRecipient> send(NotificationEntry entry) {
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
        Address[] recipients;
        try {
            recipients = entry.getRecipients() != null ? strict(entry.getRecipients()) : message.getAllRecipients();
        } catch (MessagingException | IllegalArgumentException e) {
            throw new MailPreparationException("could not address the message: " + e.getMessage(), e);
        }
        Connection current = connected();
        try {
            current.transport.sendMessage(message, recipients != null ? recipients : new Address[0]);
            current.lastUsedNanos = System.nanoTime();
            return List.of();
        } catch (SendFailedException e) {
            if (isEmpty(e.getValidSentAddresses())) {
                discard(current);
                throw new MailSendException(Map.of(message, e));
            }
            // delivered to the valid sent addresses: the others were refused at RCPT TO (the connection is fine)
            current.lastUsedNanos = System.nanoTime();
            return refused(e);
        } catch (MessagingException | RuntimeException e) {
            discard(current);
            throw new MailSendException(Map.of(message, e));
        }
    }

    /** The recipients a partially failed send did not reach: invalid (5xx) for good, valid unsent (4xx) for now. */
    private static List<RefusedRecipient> refused(SendFailedException e) {
        Map<String, Integer> replies = new HashMap<>();
        for (Throwable next : chain(e)) {
            if (next instanceof SMTPAddressFailedException failed && failed.getAddress() != null) {
                replies.putIfAbsent(failed.getAddress().getAddress().toLowerCase(Locale.ROOT), failed.getReturnCode());
            }
        }
        List<RefusedRecipient> refused = new ArrayList<>();
        for (Address address : nonNull(e.getInvalidAddresses())) {
            String bare = bare(address);
            refused.add(new RefusedRecipient(bare, replies.getOrDefault(bare.toLowerCase(Locale.ROOT), 0), true));
        }
        for (Address address : nonNull(e.getValidUnsentAddresses())) {
            String bare = bare(address);
            int reply = replies.getOrDefault(bare.toLowerCase(Locale.ROOT), 0);
            refused.add(new RefusedRecipient(bare, reply, reply >= 500));
        }
        return refused;
    }

    private static String bare(Address address) {
        return address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
    }

    private static Address[] nonNull(Address[] addresses) {
        return addresses == null ? new Address[0] : addresses;
    }

    private static boolean isEmpty(Address[] addresses) {
        return addresses == null || addresses.length == 0;
    }

    /**
     * For the log: what failed, as the exception classes along the causes (and a MessagingException's next ones) with
     * the SMTP reply codes where there are any, e.g. {@code MailSendException < SendFailedException <
     * SMTPAddressFailedException 550}. Never a message: those carry addresses and the SMTP server's own text.
     */
    static String summary(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable next : chain(e)) {
            if (!out.isEmpty()) {
                out.append(" < ");
            }
            out.append(next.getClass().getSimpleName());
            if (next instanceof SMTPAddressFailedException failed) {
                out.append(' ').append(failed.getReturnCode());
            } else if (next instanceof SMTPSendFailedException failed) {
                out.append(' ').append(failed.getReturnCode());
            } else if (next instanceof SMTPSenderFailedException failed) {
                out.append(' ').append(failed.getReturnCode());
            }
        }
        return out.toString();
    }

    /**
     * {@code e} and what it wraps: causes, a MessagingException's next exceptions, a MailSendException's failed
     * messages (at most 10, each once).
     */
    private static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty() && chain.size() < 10) {
            Throwable next = todo.removeFirst();
            if (!seen.add(next)) {
                continue;
            }
            chain.add(next);
            if (next instanceof MailSendException send && send.getCause() == null) {
                todo.addAll(send.getFailedMessages().values());
            }
            if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
                todo.add(messaging.getNextException());
            }
            if (next.getCause() != null) {
                todo.add(next.getCause());
            }
        }
        return chain;
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
            if (entry.getCalendarPart() != null) {
                alternatives(helper).addBodyPart(calendarPart(entry.getCalendarPart()));
            }
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Upgrade-Assist-Notification", entry.getId());
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

    private static InternetAddress[] strict(List<String> addresses) {
        return addresses.stream().map(Addresses::strict).toArray(InternetAddress[]::new);
    }

    /**
     * True when trying again cannot help: the message cannot be built, or the server refused every recipient for good
     * (5xx; Jakarta Mail reports the valid addresses of such a send as empty arrays, not null).
     */
    static boolean isPermanent(RuntimeException e) {
        if (e instanceof MailPreparationException || e instanceof IllegalArgumentException) {
            return true;
        }
        if (e instanceof MailSendException send) {
            for (Exception cause : send.getFailedMessages().values()) {
                if (cause instanceof SendFailedException failed && isEmpty(failed.getValidSentAddresses())
                        && isEmpty(failed.getValidUnsentAddresses()) && !isEmpty(failed.getInvalidAddresses())) {
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
