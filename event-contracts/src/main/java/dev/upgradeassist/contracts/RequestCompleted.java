package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/** The customer confirmed a successful upgrade; the ticket is solved. */
public record RequestCompleted(
        String eventId,
        Instant occurredAt,
        String requestId,
        String details,
        String assignee,
        String assigneeEmail,
        CustomerContact contact) implements DomainEvent {
}
