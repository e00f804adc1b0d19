package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.NotificationFailed;
import java.time.Instant;

/**
 * Builds a {@link NotificationFailed} for a test: every field starts as in the golden file {@code golden/NotificationFailed.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class NotificationFailedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String notificationKey;
    private String template;
    private String sourceEventId;
    private String reason;

    NotificationFailedBuilder(NotificationFailed from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.notificationKey = from.notificationKey();
        this.template = from.template();
        this.sourceEventId = from.sourceEventId();
        this.reason = from.reason();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static NotificationFailedBuilder from(NotificationFailed event) {
        return new NotificationFailedBuilder(event);
    }

    public NotificationFailedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public NotificationFailedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public NotificationFailedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public NotificationFailedBuilder notificationKey(String notificationKey) {
        this.notificationKey = notificationKey;
        return this;
    }

    public NotificationFailedBuilder template(String template) {
        this.template = template;
        return this;
    }

    public NotificationFailedBuilder sourceEventId(String sourceEventId) {
        this.sourceEventId = sourceEventId;
        return this;
    }

    public NotificationFailedBuilder reason(String reason) {
        this.reason = reason;
        return this;
    }

    public NotificationFailed build() {
        return new NotificationFailed(eventId, occurredAt, requestId, notificationKey, template, sourceEventId, reason);
    }
}
