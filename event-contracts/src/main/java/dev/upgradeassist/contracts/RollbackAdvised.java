package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/**
 * The customer reported problems. Support advises the reviewed rollback plan; {@code rollBackNow}
 * is set when the time left in the window is less than the rollback estimate plus a safety margin.
 */
public record RollbackAdvised(
        String eventId,
        Instant occurredAt,
        String requestId,
        long minutesLeftInWindow,
        int rollbackEstimateMinutes,
        boolean rollBackNow,
        String advice,
        String assignee,
        String assigneeEmail,
        CustomerContact contact) implements DomainEvent {
}
