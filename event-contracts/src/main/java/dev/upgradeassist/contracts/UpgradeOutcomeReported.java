package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.OutcomeResult;

import java.time.Instant;

/** The customer reported how the upgrade went. */
public record UpgradeOutcomeReported(
        String eventId,
        Instant occurredAt,
        String requestId,
        String ticketId,
        OutcomeResult result,
        String details) implements DomainEvent {
}
