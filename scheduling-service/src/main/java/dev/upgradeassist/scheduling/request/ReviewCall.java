package dev.upgradeassist.scheduling.request;

import java.time.Instant;

/**
 * The booked review call. {@code slotKey} ({@code engineer|start}) carries a unique index, so that no engineer is ever
 * booked twice for the same slot, whichever links race for it.
 */
public record ReviewCall(String linkId, String engineer, Instant start, Instant end, String slotKey, Instant bookedAt) {

    static ReviewCall of(String linkId, String engineer, Instant start, Instant end, Instant bookedAt) {
        return new ReviewCall(linkId, engineer, start, end, slotKey(engineer, start), bookedAt);
    }

    ReviewCall withEngineer(String newEngineer) {
        return of(linkId, newEngineer, start, end, bookedAt);
    }

    static String slotKey(String engineer, Instant start) {
        return engineer + "|" + start;
    }
}
