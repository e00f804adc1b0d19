package dev.upgradeassist.scheduling.booking;

import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** Books the review call: {@code slotStart} is one of the open slots of the booking page, an ISO-8601 instant. */
public record BookingBody(@NotNull Instant slotStart) {
}
