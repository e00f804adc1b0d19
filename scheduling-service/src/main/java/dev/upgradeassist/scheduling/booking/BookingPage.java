package dev.upgradeassist.scheduling.booking;

import java.time.Instant;
import java.util.List;

/** What the booking page shows for a token. */
record BookingPage(State state, String ticketId, String engineer, int callMinutes, Instant expiresAt,
                   List<Instant> slots, String customerTimeZone) {

    enum State { OPEN, USED, GONE, UNKNOWN }

    static BookingPage of(State state) {
        return new BookingPage(state, null, null, 0, null, List.of(), null);
    }
}
