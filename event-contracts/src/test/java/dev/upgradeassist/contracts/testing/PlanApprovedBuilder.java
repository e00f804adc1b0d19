package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import java.time.Instant;
import java.util.List;

/**
 * Builds a {@link PlanApproved} for a test: every field starts as in the golden file {@code golden/PlanApproved.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class PlanApprovedBuilder {

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
    private String approvedBy;
    private PlanApproved.ApprovalMode approvalMode;
    private String feedback;

    PlanApprovedBuilder(PlanApproved from) {
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
        this.approvedBy = from.approvedBy();
        this.approvalMode = from.approvalMode();
        this.feedback = from.feedback();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static PlanApprovedBuilder from(PlanApproved event) {
        return new PlanApprovedBuilder(event);
    }

    public PlanApprovedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public PlanApprovedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public PlanApprovedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public PlanApprovedBuilder revision(int revision) {
        this.revision = revision;
        return this;
    }

    public PlanApprovedBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public PlanApprovedBuilder form(Form form) {
        this.form = form;
        return this;
    }

    public PlanApprovedBuilder region(Region region) {
        this.region = region;
        return this;
    }

    public PlanApprovedBuilder findings(List<Finding> findings) {
        this.findings = findings;
        return this;
    }

    public PlanApprovedBuilder requiredStops(List<String> requiredStops) {
        this.requiredStops = requiredStops;
        return this;
    }

    public PlanApprovedBuilder wantsReviewCall(boolean wantsReviewCall) {
        this.wantsReviewCall = wantsReviewCall;
        return this;
    }

    public PlanApprovedBuilder callOffered(boolean callOffered) {
        this.callOffered = callOffered;
        return this;
    }

    public PlanApprovedBuilder upgradeStart(Instant upgradeStart) {
        this.upgradeStart = upgradeStart;
        return this;
    }

    public PlanApprovedBuilder windowDurationMinutes(int windowDurationMinutes) {
        this.windowDurationMinutes = windowDurationMinutes;
        return this;
    }

    public PlanApprovedBuilder rollbackEstimateMinutes(int rollbackEstimateMinutes) {
        this.rollbackEstimateMinutes = rollbackEstimateMinutes;
        return this;
    }

    public PlanApprovedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public PlanApprovedBuilder approvedBy(String approvedBy) {
        this.approvedBy = approvedBy;
        return this;
    }

    public PlanApprovedBuilder approvalMode(PlanApproved.ApprovalMode approvalMode) {
        this.approvalMode = approvalMode;
        return this;
    }

    public PlanApprovedBuilder feedback(String feedback) {
        this.feedback = feedback;
        return this;
    }

    public PlanApproved build() {
        return new PlanApproved(eventId, occurredAt, requestId, revision, ticketId, form, region, findings, requiredStops, wantsReviewCall, callOffered, upgradeStart, windowDurationMinutes, rollbackEstimateMinutes, contact, approvedBy, approvalMode, feedback);
    }
}
