package dev.upgradeassist.contracts;

import java.time.Instant;

/** An email could not be sent after bounded retries, or could not be built (bad address). */
public record NotificationFailed(
        String eventId,
        Instant occurredAt,
        String requestId,
        String notificationKey,
        String template,
        String sourceEventId,
        String reason) implements DomainEvent {
}
