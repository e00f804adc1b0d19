package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/**
 * The reviewing engineer handed the ticket over after syncing with the receiving engineer; {@code actor} is the
 * authenticated user who did it (null in events from before it was recorded).
 */
public record EngineerHandedOff(
        String eventId,
        Instant occurredAt,
        String requestId,
        String fromEngineer,
        String fromEngineerEmail,
        String toEngineer,
        String toEngineerEmail,
        String notes,
        Instant callStart,
        CustomerContact contact,
        String actor) implements DomainEvent {
}
