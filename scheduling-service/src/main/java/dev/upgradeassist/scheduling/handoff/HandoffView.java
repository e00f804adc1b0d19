package dev.upgradeassist.scheduling.handoff;

import java.time.Instant;

/**
 * The request after a hand-off. {@code callStart} is the booked review call, if any (it moved to the new engineer when
 * it is still to come); {@code changed} is false when {@code toEngineer} already owned the ticket.
 */
public record HandoffView(String requestId, String ticketId, String fromEngineer, String toEngineer, Instant callStart,
                          boolean changed) {
}
