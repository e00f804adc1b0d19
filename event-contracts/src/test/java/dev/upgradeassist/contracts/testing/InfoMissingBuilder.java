package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import java.time.Instant;
import java.util.List;

/**
 * Builds a {@link InfoMissing} for a test: every field starts as in the golden file {@code golden/InfoMissing.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class InfoMissingBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private int revision;
    private List<Deficiency> deficiencies;
    private List<Finding> findings;
    private List<String> requiredStops;
    private CustomerContact contact;

    InfoMissingBuilder(InfoMissing from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.revision = from.revision();
        this.deficiencies = from.deficiencies();
        this.findings = from.findings();
        this.requiredStops = from.requiredStops();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static InfoMissingBuilder from(InfoMissing event) {
        return new InfoMissingBuilder(event);
    }

    public InfoMissingBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public InfoMissingBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public InfoMissingBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public InfoMissingBuilder revision(int revision) {
        this.revision = revision;
        return this;
    }

    public InfoMissingBuilder deficiencies(List<Deficiency> deficiencies) {
        this.deficiencies = deficiencies;
        return this;
    }

    public InfoMissingBuilder findings(List<Finding> findings) {
        this.findings = findings;
        return this;
    }

    public InfoMissingBuilder requiredStops(List<String> requiredStops) {
        this.requiredStops = requiredStops;
        return this;
    }

    public InfoMissingBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public InfoMissing build() {
        return new InfoMissing(eventId, occurredAt, requestId, revision, deficiencies, findings, requiredStops, contact);
    }
}
