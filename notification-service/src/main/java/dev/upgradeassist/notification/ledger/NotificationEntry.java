package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.NotificationFailed;
import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.notification.templates.CalendarPart;
import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.platform.ids.DerivedIds;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One email in the ledger, keyed by {@link NotificationKey}. It carries the rendered mail (and the calendar
 * invitation of a review call's email), so that delivery never depends on the event again, and its state machine (see {@link NotificationStatus}).
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
    /**
     * Who this entry delivers to (the SMTP envelope) when that is not every To and Cc: the one recipient of an email
     * whom the SMTP server refused for now while it took the email for the others. The message itself (headers,
     * Message-ID) stays the email's. Null for an email as recorded.
     */
    private List<String> recipients;
    private String subject;
    private String text;
    private String html;
    /**
     * The review call's calendar invitation (iCalendar text, as built when the email was rendered) and its iTIP method
     * ({@code REQUEST}, {@code CANCEL}); null when the email carries none. Stored with the bodies so that every attempt,
     * a retry after an SMTP failure or a send by another instance included, sends the same {@code text/calendar} part.
     */
    private String calendar;
    private String calendarMethod;
    private String messageId;
    private NotificationStatus status;
    private int attempts;
    private Instant createdAt;
    @Indexed
    private Instant nextAttemptAt;
    private Instant sentAt;
    private Instant failedAt;
    private String lastError;

    /**
     * The fields {@link #markSent} changes (with the outbox): the delivery writes only these, not the rendered email
     * again ({@code AggregateStore.applyToFields}; {@code SentWriteIT} compares the stored entry with a
     * whole write's).
     */
    static final List<String> SENT_FIELDS = List.of("status", "sentAt", "nextAttemptAt", "lastError");

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

    /** A copy of {@code email} (same headers, bodies and Message-ID) under another key, for one of its recipients. */
    private NotificationEntry(String key, NotificationEntry email, Instant now) {
        super(key);
        this.requestId = email.requestId;
        this.ticketId = email.ticketId;
        this.sourceEventId = email.sourceEventId;
        this.sourceEventType = email.sourceEventType;
        this.template = email.template;
        this.to = email.to;
        this.cc = email.cc;
        this.subject = email.subject;
        this.text = email.text;
        this.html = email.html;
        this.calendar = email.calendar;
        this.calendarMethod = email.calendarMethod;
        this.messageId = email.messageId;
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
        if (mail.calendar() != null) {
            entry.calendar = mail.calendar().content();
            entry.calendarMethod = mail.calendar().method();
        }
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

    /**
     * A recipient of {@code email} that the SMTP server refused for good while it took the email for the others:
     * FAILED at once and reported (NotificationFailed), as an address dropped for its syntax is; never retried.
     */
    static NotificationEntry refusedRecipient(String key, NotificationEntry email, String address, String reason,
                                              Instant now) {
        var entry = new NotificationEntry(key, email, now);
        entry.to = List.of(address);
        entry.cc = List.of();
        entry.text = null;
        entry.html = null;
        entry.calendar = null;
        entry.calendarMethod = null;
        entry.fail(reason, now);
        return entry;
    }

    /**
     * A recipient of {@code email} that the SMTP server refused for now (4xx) while it took the email for the others:
     * the same message, for this recipient alone, retried at {@code retryAt} (its first attempt was the email's).
     */
    static NotificationEntry retryRecipient(String key, NotificationEntry email, String address, String error,
                                            Instant now, Instant retryAt) {
        var entry = new NotificationEntry(key, email, now);
        entry.recipients = List.of(address);
        entry.status = NotificationStatus.RETRYING;
        entry.attempts = 1;
        entry.lastError = error;
        entry.nextAttemptAt = retryAt;
        return entry;
    }

    /**
     * SMTP accepted the message for every recipient. Idempotent: false when the entry may not become SENT any more (it is
     * final already: a late or repeated report), which the delivery worker takes as nothing to do.
     */
    boolean markSent(Instant at) {
        return markSent(at, List.of());
    }

    /**
     * SMTP accepted the message, for every recipient of the entry but {@code refused}: NotificationSent names those
     * who received it. Idempotent: false when the entry may not become SENT any more (already final).
     */
    boolean markSent(Instant at, Collection<String> refused) {
        if (!status.canBecome(NotificationStatus.SENT)) {
            return false;
        }
        status = NotificationStatus.SENT;
        sentAt = at;
        nextAttemptAt = null;
        lastError = null;
        Set<String> delivered = new HashSet<>();
        (recipients != null ? recipients : concat(to, cc)).forEach(a -> delivered.add(a.toLowerCase(Locale.ROOT)));
        refused.forEach(a -> delivered.remove(a.toLowerCase(Locale.ROOT)));
        raise(new NotificationSent(derivedEventId("NotificationSent"), at, requestId, id, template.tag(),
                sourceEventId, among(to, delivered), among(cc, delivered), messageId));
        return true;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<String> among(List<String> addresses, Set<String> delivered) {
        return addresses.stream().filter(a -> delivered.contains(a.toLowerCase(Locale.ROOT))).toList();
    }

    /**
     * An attempt failed. With {@code retryAt} null (no attempts left, or a permanent error) the entry
     * becomes FAILED and NotificationFailed is raised; otherwise it waits as RETRYING.
     *
     * @return true when the entry became FAILED now; false when it waits as RETRYING, or when it may not change any
     *         more (already final: a late report, a quiet no-op)
     */
    boolean attemptFailed(String error, Instant now, Instant retryAt) {
        NotificationStatus next = retryAt == null ? NotificationStatus.FAILED : NotificationStatus.RETRYING;
        if (!status.canBecome(next)) {
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

    /** FAILED: from an attempt that may still fail, or at birth (an email that can never be sent). */
    private void fail(String reason, Instant now) {
        if (status != null && !status.canBecome(NotificationStatus.FAILED)) {
            throw new IllegalStateException("a " + status + " entry cannot fail");
        }
        status = NotificationStatus.FAILED;
        failedAt = now;
        nextAttemptAt = null;
        lastError = reason;
        raise(new NotificationFailed(derivedEventId("NotificationFailed"), now, requestId, id,
                template.tag(), sourceEventId, reason));
    }

    /** Stable across a replay or a retried write: derived from the key. */
    private String derivedEventId(String type) {
        return DerivedIds.derive(id, type);
    }

    public String requestId() {
        return requestId;
    }

    public String ticketId() {
        return ticketId;
    }

    public String sourceEventId() {
        return sourceEventId;
    }

    public String sourceEventType() {
        return sourceEventType;
    }

    public Template template() {
        return template;
    }

    public List<String> to() {
        return to;
    }

    public List<String> cc() {
        return cc;
    }

    /** The SMTP envelope when it is not every To and Cc (one recipient retried on its own), else null. */
    public List<String> recipients() {
        return recipients;
    }

    public String subject() {
        return subject;
    }

    public String text() {
        return text;
    }

    public String html() {
        return html;
    }

    /** The calendar part to send with the bodies, or null when the email carries none. */
    public CalendarPart calendarPart() {
        return calendar == null || calendarMethod == null ? null : new CalendarPart(calendarMethod, calendar);
    }

    public String messageId() {
        return messageId;
    }

    public NotificationStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant failedAt() {
        return failedAt;
    }

    public String lastError() {
        return lastError;
    }
}
