package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import java.time.Instant;

/**
 * Builds a {@link RequestReceived} for a test: every field starts as in the golden file {@code golden/RequestReceived.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class RequestReceivedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String ticketId;
    private int revision;
    private String priority;
    private UpgradeSubmission submission;
    private Organization organization;
    private CustomerContact contact;

    RequestReceivedBuilder(RequestReceived from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.ticketId = from.ticketId();
        this.revision = from.revision();
        this.priority = from.priority();
        this.submission = from.submission();
        this.organization = from.organization();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static RequestReceivedBuilder from(RequestReceived event) {
        return new RequestReceivedBuilder(event);
    }

    public RequestReceivedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public RequestReceivedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public RequestReceivedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public RequestReceivedBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public RequestReceivedBuilder revision(int revision) {
        this.revision = revision;
        return this;
    }

    public RequestReceivedBuilder priority(String priority) {
        this.priority = priority;
        return this;
    }

    public RequestReceivedBuilder submission(UpgradeSubmission submission) {
        this.submission = submission;
        return this;
    }

    public RequestReceivedBuilder organization(Organization organization) {
        this.organization = organization;
        return this;
    }

    public RequestReceivedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public RequestReceived build() {
        return new RequestReceived(eventId, occurredAt, requestId, ticketId, revision, priority, submission, organization, contact);
    }
}
