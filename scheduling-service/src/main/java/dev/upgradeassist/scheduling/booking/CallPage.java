package dev.upgradeassist.scheduling.booking;

import java.time.Instant;
import java.util.List;

/**
 * What the manage page shows for a token.
 *
 * @param movable  whether the call can still be moved (the booking deadline is ahead)
 * @param deadline the booking deadline: no slot ends after it
 */
record CallPage(State state, String ticketId, String engineer, Instant start, Instant end, String meetingUrl,
                boolean movable, boolean cancellable, Instant deadline, List<Instant> slots, String customerTimeZone) {

    enum State { BOOKED, CANCELLED, UNKNOWN }

    static CallPage of(State state) {
        return new CallPage(state, null, null, null, null, null, false, false, null, List.of(), null);
    }
}
