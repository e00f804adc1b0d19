package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.OutcomeResult;
import java.time.Instant;

/**
 * Builds a {@link UpgradeOutcomeReported} for a test: every field starts as in the golden file {@code golden/UpgradeOutcomeReported.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class UpgradeOutcomeReportedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String ticketId;
    private OutcomeResult result;
    private String details;

    UpgradeOutcomeReportedBuilder(UpgradeOutcomeReported from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.ticketId = from.ticketId();
        this.result = from.result();
        this.details = from.details();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static UpgradeOutcomeReportedBuilder from(UpgradeOutcomeReported event) {
        return new UpgradeOutcomeReportedBuilder(event);
    }

    public UpgradeOutcomeReportedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public UpgradeOutcomeReportedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public UpgradeOutcomeReportedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public UpgradeOutcomeReportedBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public UpgradeOutcomeReportedBuilder result(OutcomeResult result) {
        this.result = result;
        return this;
    }

    public UpgradeOutcomeReportedBuilder details(String details) {
        this.details = details;
        return this;
    }

    public UpgradeOutcomeReported build() {
        return new UpgradeOutcomeReported(eventId, occurredAt, requestId, ticketId, result, details);
    }
}
