package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Region;
import java.time.Instant;
import java.util.List;

/**
 * Builds a {@link ChangesRequested} for a test: every field starts as in the golden file {@code golden/ChangesRequested.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class ChangesRequestedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private int revision;
    private String requestedBy;
    private String feedback;
    private List<Deficiency> deficiencies;
    private List<Finding> findings;
    private List<String> requiredStops;
    private CustomerContact contact;
    private String assignee;
    private Region region;

    ChangesRequestedBuilder(ChangesRequested from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.revision = from.revision();
        this.requestedBy = from.requestedBy();
        this.feedback = from.feedback();
        this.deficiencies = from.deficiencies();
        this.findings = from.findings();
        this.requiredStops = from.requiredStops();
        this.contact = from.contact();
        this.assignee = from.assignee();
        this.region = from.region();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static ChangesRequestedBuilder from(ChangesRequested event) {
        return new ChangesRequestedBuilder(event);
    }

    public ChangesRequestedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public ChangesRequestedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public ChangesRequestedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public ChangesRequestedBuilder revision(int revision) {
        this.revision = revision;
        return this;
    }

    public ChangesRequestedBuilder requestedBy(String requestedBy) {
        this.requestedBy = requestedBy;
        return this;
    }

    public ChangesRequestedBuilder feedback(String feedback) {
        this.feedback = feedback;
        return this;
    }

    public ChangesRequestedBuilder deficiencies(List<Deficiency> deficiencies) {
        this.deficiencies = deficiencies;
        return this;
    }

    public ChangesRequestedBuilder findings(List<Finding> findings) {
        this.findings = findings;
        return this;
    }

    public ChangesRequestedBuilder requiredStops(List<String> requiredStops) {
        this.requiredStops = requiredStops;
        return this;
    }

    public ChangesRequestedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public ChangesRequestedBuilder assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public ChangesRequestedBuilder region(Region region) {
        this.region = region;
        return this;
    }

    public ChangesRequested build() {
        return new ChangesRequested(eventId, occurredAt, requestId, revision, requestedBy, feedback, deficiencies, findings, requiredStops, contact, assignee, region);
    }
}
