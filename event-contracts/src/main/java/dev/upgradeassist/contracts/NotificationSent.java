package dev.upgradeassist.contracts;

import java.time.Instant;
import java.util.List;

/** An email left for its recipients. {@code notificationKey} is the ledger key (event, template, recipient). */
public record NotificationSent(
        String eventId,
        Instant occurredAt,
        String requestId,
        String notificationKey,
        String template,
        String sourceEventId,
        List<String> to,
        List<String> cc,
        String messageId) implements DomainEvent {
}
