package dev.upgradeassist.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The triaging engineer took the ticket; {@code ccs} are the internal CCs (the TAM) added with it. {@code engineer}
 * is the assignee; {@code actor} the authenticated user who assigned (null in events from before it was recorded).
 */
public record EngineerAssigned(
        String eventId,
        Instant occurredAt,
        String requestId,
        String ticketId,
        String engineer,
        List<String> ccs,
        String actor) implements DomainEvent {
}
