package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;
import java.util.List;

/**
 * Approval mode {@code ENGINEER}: the revision is complete (no deficiency) and waits for an engineer's
 * approval ({@code IN_REVIEW}). It carries what the automatic checks found, as the engineer's pre-check, and
 * what the approval will carry when the engineer approves: no link, no approval email until then.
 */
public record PlanAwaitingApproval(
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
