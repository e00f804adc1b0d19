package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.NotificationSent;
import java.time.Instant;
import java.util.List;

/**
 * Builds a {@link NotificationSent} for a test: every field starts as in the golden file {@code golden/NotificationSent.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class NotificationSentBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String notificationKey;
    private String template;
    private String sourceEventId;
    private List<String> to;
    private List<String> cc;
    private String messageId;

    NotificationSentBuilder(NotificationSent from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.notificationKey = from.notificationKey();
        this.template = from.template();
        this.sourceEventId = from.sourceEventId();
        this.to = from.to();
        this.cc = from.cc();
        this.messageId = from.messageId();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static NotificationSentBuilder from(NotificationSent event) {
        return new NotificationSentBuilder(event);
    }

    public NotificationSentBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public NotificationSentBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public NotificationSentBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public NotificationSentBuilder notificationKey(String notificationKey) {
        this.notificationKey = notificationKey;
        return this;
    }

    public NotificationSentBuilder template(String template) {
        this.template = template;
        return this;
    }

    public NotificationSentBuilder sourceEventId(String sourceEventId) {
        this.sourceEventId = sourceEventId;
        return this;
    }

    public NotificationSentBuilder to(List<String> to) {
        this.to = to;
        return this;
    }

    public NotificationSentBuilder cc(List<String> cc) {
        this.cc = cc;
        return this;
    }

    public NotificationSentBuilder messageId(String messageId) {
        this.messageId = messageId;
        return this;
    }

    public NotificationSent build() {
        return new NotificationSent(eventId, occurredAt, requestId, notificationKey, template, sourceEventId, to, cc, messageId);
    }
}
