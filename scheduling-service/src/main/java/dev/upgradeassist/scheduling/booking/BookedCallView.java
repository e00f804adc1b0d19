package dev.upgradeassist.scheduling.booking;

import java.time.Instant;

/** The booked review call (201 of {@code POST /api/v1/bookings/{token}}). */
public record BookedCallView(String requestId, String ticketId, String engineer, Instant start, Instant end) {
}
