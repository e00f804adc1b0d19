package dev.upgradeassist.contracts;

import java.time.Instant;

/**
 * A fact that happened to one upgrade request. Every event carries its id, when it happened,
 * and the request id, which is also the Kafka key.
 */
public interface DomainEvent {

    String eventId();

    Instant occurredAt();

    String requestId();
}
