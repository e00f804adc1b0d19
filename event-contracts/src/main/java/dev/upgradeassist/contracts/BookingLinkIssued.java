package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/** A personal, single-use link to book the optional 30-minute review call. */
public record BookingLinkIssued(
        String eventId,
        Instant occurredAt,
        String requestId,
        String linkId,
        String approvalEventId,
        String url,
        Instant expiresAt,
        String engineer,
        int callMinutes,
        CustomerContact contact) implements DomainEvent {
}
