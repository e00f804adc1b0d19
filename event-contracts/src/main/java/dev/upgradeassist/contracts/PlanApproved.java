package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;
import java.util.List;

/**
 * The upgrade and rollback plans passed review. {@code callOffered} is true only when the
 * customer asked for the review call and the upgrade is at least two days away; scheduling
 * issues a booking link only then. {@code upgradeStart} is the maintenance window start as an
 * instant; {@code rollbackEstimateMinutes} comes from the reviewed rollback plan.
 * <p>{@code approvedBy} is {@code review-service} for an automatic approval (mode {@code AUTOMATIC}) and the
 * engineer's name for an engineer's (mode {@code ENGINEER}); {@code feedback} is the engineer's text for the
 * customer, or null. Events from before these fields were added have them null: read as automatic.
 */
public record PlanApproved(
        String eventId,
        Instant occurredAt,
        String requestId,
        int revision,
        String ticketId,
        Form form,
        Region region,
        List<Finding> findings,
        List<String> requiredStops,
        boolean wantsReviewCall,
        boolean callOffered,
        Instant upgradeStart,
        int windowDurationMinutes,
        int rollbackEstimateMinutes,
        CustomerContact contact,
        String approvedBy,
        ApprovalMode approvalMode,
        String feedback) implements DomainEvent {

    /** Who approves a complete revision: the automatic checks, or an engineer after them. */
    public enum ApprovalMode { AUTOMATIC, ENGINEER }

    /** An automatic approval (the shape before engineers approved). */
    public PlanApproved(String eventId, Instant occurredAt, String requestId, int revision, String ticketId, Form form,
                        Region region, List<Finding> findings, List<String> requiredStops, boolean wantsReviewCall,
                        boolean callOffered, Instant upgradeStart, int windowDurationMinutes,
                        int rollbackEstimateMinutes, CustomerContact contact) {
        this(eventId, occurredAt, requestId, revision, ticketId, form, region, findings, requiredStops, wantsReviewCall,
                callOffered, upgradeStart, windowDurationMinutes, rollbackEstimateMinutes, contact, "review-service",
                ApprovalMode.AUTOMATIC, null);
    }
}
