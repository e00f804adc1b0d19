package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/**
 * A personal, single-use link to book the optional 30-minute review call. {@code reissuedBy} is null for the link
 * issued on approval, and the engineer's name for one an engineer issued again (no-show, expired, asked again).
 */
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
        CustomerContact contact,
        String reissuedBy) implements DomainEvent {

    /** A link issued on approval (the shape before engineers re-issued links). */
    public BookingLinkIssued(String eventId, Instant occurredAt, String requestId, String linkId, String approvalEventId,
                             String url, Instant expiresAt, String engineer, int callMinutes, CustomerContact contact) {
        this(eventId, occurredAt, requestId, linkId, approvalEventId, url, expiresAt, engineer, callMinutes, contact, null);
    }
}
