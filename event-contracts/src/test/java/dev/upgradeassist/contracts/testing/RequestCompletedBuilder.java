package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.model.CustomerContact;
import java.time.Instant;

/**
 * Builds a {@link RequestCompleted} for a test: every field starts as in the golden file {@code golden/RequestCompleted.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class RequestCompletedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String details;
    private String assignee;
    private String assigneeEmail;
    private CustomerContact contact;

    RequestCompletedBuilder(RequestCompleted from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.details = from.details();
        this.assignee = from.assignee();
        this.assigneeEmail = from.assigneeEmail();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static RequestCompletedBuilder from(RequestCompleted event) {
        return new RequestCompletedBuilder(event);
    }

    public RequestCompletedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public RequestCompletedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public RequestCompletedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public RequestCompletedBuilder details(String details) {
        this.details = details;
        return this;
    }

    public RequestCompletedBuilder assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public RequestCompletedBuilder assigneeEmail(String assigneeEmail) {
        this.assigneeEmail = assigneeEmail;
        return this;
    }

    public RequestCompletedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public RequestCompleted build() {
        return new RequestCompleted(eventId, occurredAt, requestId, details, assignee, assigneeEmail, contact);
    }
}
