package dev.upgradeassist.scheduling.booking;

import java.time.Instant;

/**
 * A link an engineer issued again (201 of {@code POST /api/v1/upgrade-requests/{id}/booking-link}); the customer is
 * emailed the same URL (BookingLinkIssued with {@code reissuedBy}).
 */
public record ReissuedLinkView(String requestId, String ticketId, String linkId, String url, Instant expiresAt,
                               String engineer, int callMinutes, String reissuedBy) {
}
