package dev.upgradeassist.scheduling.request;

import java.time.Instant;

/**
 * The booked review call. {@code slotKey} ({@code engineer|start}) carries a unique index, so that no engineer is ever
 * booked twice for the same slot, whichever links or reschedules race for it.
 *
 * @param callId          the call's stable identity (invitation UID {@code <callId>@upgrade-assist})
 * @param sequence        the invitation's SEQUENCE: 0 at booking, one more on every change
 * @param manageTokenHash base64url SHA-256 of the customer's manage token ({@code /calls/<token>}); never the token
 * @param meetingUrl      the engineer's meeting room when the call was booked or last moved
 */
public record ReviewCall(String linkId, String engineer, Instant start, Instant end, String slotKey, Instant bookedAt,
                         String callId, int sequence, String manageTokenHash, String meetingUrl) {

    static ReviewCall of(String linkId, String engineer, Instant start, Instant end, Instant bookedAt, String callId,
                         String manageTokenHash, String meetingUrl) {
        return new ReviewCall(linkId, engineer, start, end, slotKey(engineer, start), bookedAt, callId, 0,
                manageTokenHash, meetingUrl);
    }

    ReviewCall withEngineer(String newEngineer) {
        return new ReviewCall(linkId, newEngineer, start, end, slotKey(newEngineer, start), bookedAt, callId, sequence,
                manageTokenHash, meetingUrl);
    }

    ReviewCall movedTo(Instant newStart, Instant newEnd, String newMeetingUrl) {
        return new ReviewCall(linkId, engineer, newStart, newEnd, slotKey(engineer, newStart), bookedAt, callId,
                sequence + 1, manageTokenHash, newMeetingUrl);
    }

    static String slotKey(String engineer, Instant start) {
        return engineer + "|" + start;
    }
}
