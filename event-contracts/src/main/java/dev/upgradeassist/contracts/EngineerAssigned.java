package dev.upgradeassist.contracts;

import java.time.Instant;
import java.util.List;

/** The triaging engineer took the ticket; {@code ccs} are the internal CCs (the TAM) added with it. */
public record EngineerAssigned(
        String eventId,
        Instant occurredAt,
        String requestId,
        String ticketId,
        String engineer,
        List<String> ccs) implements DomainEvent {
}
