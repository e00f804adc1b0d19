package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/** The customer booked the review call through their link. */
public record ReviewCallBooked(
        String eventId,
        Instant occurredAt,
        String requestId,
        String linkId,
        String engineer,
        String engineerEmail,
        Instant start,
        Instant end,
        CustomerContact contact) implements DomainEvent {
}
