package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;

/**
 * The request is on hold, its maintenance window ended at {@code windowEnd}, and no outcome has been reported for
 * the on-hold re-check delay: one reminder to the customer (report the outcome) and one to the assignee (or, when
 * unassigned, the region's Upgrade-focus engineers).
 */
public record OnHoldRecheckDue(
        String eventId,
        Instant occurredAt,
        String requestId,
        String ticketId,
        Instant windowEnd,
        Form form,
        Region region,
        String assignee,
        CustomerContact contact) implements DomainEvent {
}
