package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;

import java.time.Instant;

/**
 * Review declined the request, or recommended postponing it. {@code declinedBy} is
 * {@code review-service} for automatic decisions and the engineer's name for manual ones.
 */
public record RequestDeclined(
        String eventId,
        Instant occurredAt,
        String requestId,
        int revision,
        DeclineReason reason,
        String explanation,
        String declinedBy,
        CustomerContact contact) implements DomainEvent {
}
