package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import java.time.Instant;

/**
 * Builds a {@link RequestAmended} for a test: every field starts as in the golden file {@code golden/RequestAmended.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class RequestAmendedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String ticketId;
    private int revision;
    private String priority;
    private UpgradeSubmission submission;
    private Organization organization;
    private CustomerContact contact;

    RequestAmendedBuilder(RequestAmended from) {
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
    public static RequestAmendedBuilder from(RequestAmended event) {
        return new RequestAmendedBuilder(event);
    }

    public RequestAmendedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public RequestAmendedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public RequestAmendedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public RequestAmendedBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public RequestAmendedBuilder revision(int revision) {
        this.revision = revision;
        return this;
    }

    public RequestAmendedBuilder priority(String priority) {
        this.priority = priority;
        return this;
    }

    public RequestAmendedBuilder submission(UpgradeSubmission submission) {
        this.submission = submission;
        return this;
    }

    public RequestAmendedBuilder organization(Organization organization) {
        this.organization = organization;
        return this;
    }

    public RequestAmendedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public RequestAmended build() {
        return new RequestAmended(eventId, occurredAt, requestId, ticketId, revision, priority, submission, organization, contact);
    }
}
