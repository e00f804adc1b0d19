package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import java.time.Instant;
import java.util.List;

/**
 * Builds a {@link PlanAwaitingApproval} for a test: every field starts as in the golden file {@code golden/PlanAwaitingApproval.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class PlanAwaitingApprovalBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private int revision;
    private String ticketId;
    private Form form;
    private Region region;
    private List<Finding> findings;
    private List<String> requiredStops;
    private boolean wantsReviewCall;
    private boolean callOffered;
    private Instant upgradeStart;
    private int windowDurationMinutes;
    private int rollbackEstimateMinutes;
    private CustomerContact contact;

    PlanAwaitingApprovalBuilder(PlanAwaitingApproval from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.revision = from.revision();
        this.ticketId = from.ticketId();
        this.form = from.form();
        this.region = from.region();
        this.findings = from.findings();
        this.requiredStops = from.requiredStops();
        this.wantsReviewCall = from.wantsReviewCall();
        this.callOffered = from.callOffered();
        this.upgradeStart = from.upgradeStart();
        this.windowDurationMinutes = from.windowDurationMinutes();
        this.rollbackEstimateMinutes = from.rollbackEstimateMinutes();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static PlanAwaitingApprovalBuilder from(PlanAwaitingApproval event) {
        return new PlanAwaitingApprovalBuilder(event);
    }

    public PlanAwaitingApprovalBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public PlanAwaitingApprovalBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public PlanAwaitingApprovalBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public PlanAwaitingApprovalBuilder revision(int revision) {
        this.revision = revision;
        return this;
    }

    public PlanAwaitingApprovalBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public PlanAwaitingApprovalBuilder form(Form form) {
        this.form = form;
        return this;
    }

    public PlanAwaitingApprovalBuilder region(Region region) {
        this.region = region;
        return this;
    }

    public PlanAwaitingApprovalBuilder findings(List<Finding> findings) {
        this.findings = findings;
        return this;
    }

    public PlanAwaitingApprovalBuilder requiredStops(List<String> requiredStops) {
        this.requiredStops = requiredStops;
        return this;
    }

    public PlanAwaitingApprovalBuilder wantsReviewCall(boolean wantsReviewCall) {
        this.wantsReviewCall = wantsReviewCall;
        return this;
    }

    public PlanAwaitingApprovalBuilder callOffered(boolean callOffered) {
        this.callOffered = callOffered;
        return this;
    }

    public PlanAwaitingApprovalBuilder upgradeStart(Instant upgradeStart) {
        this.upgradeStart = upgradeStart;
        return this;
    }

    public PlanAwaitingApprovalBuilder windowDurationMinutes(int windowDurationMinutes) {
        this.windowDurationMinutes = windowDurationMinutes;
        return this;
    }

    public PlanAwaitingApprovalBuilder rollbackEstimateMinutes(int rollbackEstimateMinutes) {
        this.rollbackEstimateMinutes = rollbackEstimateMinutes;
        return this;
    }

    public PlanAwaitingApprovalBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public PlanAwaitingApproval build() {
        return new PlanAwaitingApproval(eventId, occurredAt, requestId, revision, ticketId, form, region, findings, requiredStops, wantsReviewCall, callOffered, upgradeStart, windowDurationMinutes, rollbackEstimateMinutes, contact);
    }
}
