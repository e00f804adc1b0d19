package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import java.time.Instant;

/**
 * Builds a {@link RequestDeclined} for a test: every field starts as in the golden file {@code golden/RequestDeclined.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class RequestDeclinedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private int revision;
    private DeclineReason reason;
    private String explanation;
    private String declinedBy;
    private CustomerContact contact;

    RequestDeclinedBuilder(RequestDeclined from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.revision = from.revision();
        this.reason = from.reason();
        this.explanation = from.explanation();
        this.declinedBy = from.declinedBy();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static RequestDeclinedBuilder from(RequestDeclined event) {
        return new RequestDeclinedBuilder(event);
    }

    public RequestDeclinedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public RequestDeclinedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public RequestDeclinedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public RequestDeclinedBuilder revision(int revision) {
        this.revision = revision;
        return this;
    }

    public RequestDeclinedBuilder reason(DeclineReason reason) {
        this.reason = reason;
        return this;
    }

    public RequestDeclinedBuilder explanation(String explanation) {
        this.explanation = explanation;
        return this;
    }

    public RequestDeclinedBuilder declinedBy(String declinedBy) {
        this.declinedBy = declinedBy;
        return this;
    }

    public RequestDeclinedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public RequestDeclined build() {
        return new RequestDeclined(eventId, occurredAt, requestId, revision, reason, explanation, declinedBy, contact);
    }
}
