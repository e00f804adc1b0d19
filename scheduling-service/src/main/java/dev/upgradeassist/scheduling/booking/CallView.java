package dev.upgradeassist.scheduling.booking;

import java.time.Instant;

/**
 * A booked (or just cancelled) review call, as the manage calls answer it.
 *
 * @param status   {@code BOOKED} or {@code CANCELLED}
 * @param sequence the invitation's SEQUENCE after this change
 */
public record CallView(String requestId, String ticketId, String callId, String status, int sequence, String engineer,
                       Instant start, Instant end, String meetingUrl) {
}
