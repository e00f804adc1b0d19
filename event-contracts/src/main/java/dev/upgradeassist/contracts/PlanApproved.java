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
        CustomerContact contact) implements DomainEvent {
}
