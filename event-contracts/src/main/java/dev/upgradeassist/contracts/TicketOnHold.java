package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/** The upgrade is scheduled; the ticket waits on hold for the customer's outcome. */
public record TicketOnHold(
        String eventId,
        Instant occurredAt,
        String requestId,
        Instant upgradeStart,
        int windowDurationMinutes,
        String assignee,
        CustomerContact contact) implements DomainEvent {
}
