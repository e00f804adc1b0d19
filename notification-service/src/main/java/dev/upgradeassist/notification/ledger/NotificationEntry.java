package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.NotificationFailed;
import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One email in the ledger, keyed by {@link NotificationKey}. It carries the rendered mail, so that
 * delivery never depends on the event again, and its state machine (see {@link NotificationStatus}).
 * Marking it SENT or FAILED raises NotificationSent or NotificationFailed in the same
 * single-document write (the platform's outbox).
 */
@Document("notifications")
public class NotificationEntry extends AggregateRoot {

    @Indexed
    private String requestId;
    private String ticketId;
    private String sourceEventId;
    private String sourceEventType;
    private Template template;
    private List<String> to = List.of();
    private List<String> cc = List.of();
    private String subject;
    private String text;
    private String html;
    private String messageId;
    private NotificationStatus status;
    private int attempts;
    private Instant createdAt;
    @Indexed
    private Instant nextAttemptAt;
    private Instant sentAt;
    private Instant failedAt;
    private String lastError;

    NotificationEntry() {
    }

    private NotificationEntry(String key, MailRequest request, List<String> to, List<String> cc, Instant now) {
        super(key);
        this.requestId = request.requestId();
        this.ticketId = request.ticketId();
        this.sourceEventId = request.sourceEventId();
        this.sourceEventType = request.sourceEventType();
        this.template = request.template();
        this.to = List.copyOf(to);
        this.cc = List.copyOf(cc);
        this.messageId = NotificationKey.messageId(key);
        this.createdAt = now;
    }

    /**
     * A new email, claimed at birth by the instance that records it: its first attempt is counted and it is
     * hidden from every other claim for {@code lease}, so that this instance can send it straight away without
     * another write (the claim), while a crash before the send leaves it to the safety-net round once the
     * lease has run out.
     */
    static NotificationEntry pending(String key, MailRequest request, List<String> to, List<String> cc,
                                     RenderedMail mail, Instant now, java.time.Duration lease) {
        var entry = new NotificationEntry(key, request, to, cc, now);
        entry.subject = mail.subject();
        entry.text = mail.text();
        entry.html = mail.html();
        entry.status = NotificationStatus.PENDING;
        entry.attempts = 1;
        entry.nextAttemptAt = now.plus(lease);
        return entry;
    }

    /** An email that can never be sent (bad address, unsafe header value): FAILED at once, reported. */
    static NotificationEntry refused(String key, MailRequest request, List<String> to, List<String> cc,
                                     String reason, Instant now) {
        var entry = new NotificationEntry(key, request, to, cc, now);
        entry.fail(reason, now);
        return entry;
    }

    /** SMTP accepted the message. Idempotent: false when the entry was already final. */
    boolean markSent(Instant at) {
        if (status.isFinal()) {
            return false;
        }
        status = NotificationStatus.SENT;
        sentAt = at;
        nextAttemptAt = null;
        lastError = null;
        raise(new NotificationSent(derivedEventId("NotificationSent"), at, requestId, id, template.tag(),
                sourceEventId, to, cc, messageId));
        return true;
    }

    /**
     * An attempt failed. With {@code retryAt} null (no attempts left, or a permanent error) the entry
     * becomes FAILED and NotificationFailed is raised; otherwise it waits as RETRYING.
     *
     * @return true when the entry became FAILED now
     */
    boolean attemptFailed(String error, Instant now, Instant retryAt) {
        if (status.isFinal()) {
            return false;
        }
        if (retryAt == null) {
            fail("SMTP delivery failed after " + attempts + " attempt(s): " + error, now);
            return true;
        }
        status = NotificationStatus.RETRYING;
        lastError = error;
        nextAttemptAt = retryAt;
        return false;
    }

    private void fail(String reason, Instant now) {
        status = NotificationStatus.FAILED;
        failedAt = now;
        nextAttemptAt = null;
        lastError = reason;
        raise(new NotificationFailed(derivedEventId("NotificationFailed"), now, requestId, id,
                template.tag(), sourceEventId, reason));
    }

    /** Stable across a replay or a retried write: derived from the key. */
    private String derivedEventId(String type) {
        return UUID.nameUUIDFromBytes((id + ":" + type).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String getRequestId() {
        return requestId;
    }

    public String getTicketId() {
        return ticketId;
    }

    public String getSourceEventId() {
        return sourceEventId;
    }

    public String getSourceEventType() {
        return sourceEventType;
    }

    public Template getTemplate() {
        return template;
    }

    public List<String> getTo() {
        return to;
    }

    public List<String> getCc() {
        return cc;
    }

    public String getSubject() {
        return subject;
    }

    public String getText() {
        return text;
    }

    public String getHtml() {
        return html;
    }

    public String getMessageId() {
        return messageId;
    }

    public NotificationStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getFailedAt() {
        return failedAt;
    }

    public String getLastError() {
        return lastError;
    }
}
