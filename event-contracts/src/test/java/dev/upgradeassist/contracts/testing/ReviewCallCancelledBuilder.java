package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.model.CustomerContact;
import java.time.Instant;

/**
 * Builds a {@link ReviewCallCancelled} for a test: every field starts as in the golden file {@code golden/ReviewCallCancelled.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class ReviewCallCancelledBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String callId;
    private int sequence;
    private String engineer;
    private String engineerEmail;
    private Instant start;
    private Instant end;
    private ReviewCallCancelled.Reason reason;
    private String actor;
    private CustomerContact contact;

    ReviewCallCancelledBuilder(ReviewCallCancelled from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.callId = from.callId();
        this.sequence = from.sequence();
        this.engineer = from.engineer();
        this.engineerEmail = from.engineerEmail();
        this.start = from.start();
        this.end = from.end();
        this.reason = from.reason();
        this.actor = from.actor();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static ReviewCallCancelledBuilder from(ReviewCallCancelled event) {
        return new ReviewCallCancelledBuilder(event);
    }

    public ReviewCallCancelledBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public ReviewCallCancelledBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public ReviewCallCancelledBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public ReviewCallCancelledBuilder callId(String callId) {
        this.callId = callId;
        return this;
    }

    public ReviewCallCancelledBuilder sequence(int sequence) {
        this.sequence = sequence;
        return this;
    }

    public ReviewCallCancelledBuilder engineer(String engineer) {
        this.engineer = engineer;
        return this;
    }

    public ReviewCallCancelledBuilder engineerEmail(String engineerEmail) {
        this.engineerEmail = engineerEmail;
        return this;
    }

    public ReviewCallCancelledBuilder start(Instant start) {
        this.start = start;
        return this;
    }

    public ReviewCallCancelledBuilder end(Instant end) {
        this.end = end;
        return this;
    }

    public ReviewCallCancelledBuilder reason(ReviewCallCancelled.Reason reason) {
        this.reason = reason;
        return this;
    }

    public ReviewCallCancelledBuilder actor(String actor) {
        this.actor = actor;
        return this;
    }

    public ReviewCallCancelledBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public ReviewCallCancelled build() {
        return new ReviewCallCancelled(eventId, occurredAt, requestId, callId, sequence, engineer, engineerEmail, start, end, reason, actor, contact);
    }
}
