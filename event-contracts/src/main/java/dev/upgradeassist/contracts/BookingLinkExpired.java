package dev.upgradeassist.contracts;

import java.time.Instant;

/** A booking link can no longer be used: it ran out ({@code EXPIRED}) or was replaced ({@code REVOKED}). */
public record BookingLinkExpired(
        String eventId,
        Instant occurredAt,
        String requestId,
        String linkId,
        Reason reason) implements DomainEvent {

    public enum Reason { EXPIRED, REVOKED }
}
