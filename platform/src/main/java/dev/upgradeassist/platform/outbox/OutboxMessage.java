package dev.upgradeassist.platform.outbox;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EventTypes;
import dev.upgradeassist.platform.messaging.EventCodec;
import dev.upgradeassist.platform.tracing.OutboxTracing;

import java.time.Instant;

/**
 * An event waiting to be published, stored inside the aggregate document that raised it, so that
 * the state change and its events are one single-document write.
 */
public record OutboxMessage(String eventId, String typeId, String topic, String key, String payload,
                            Instant occurredAt, String traceparent) {

    private static final EventCodec CODEC = new EventCodec();

    public static OutboxMessage of(DomainEvent event) {
        EventTypes.EventType type = EventTypes.of(event);
        return new OutboxMessage(event.eventId(), type.typeId(), type.topic(), event.requestId(),
                CODEC.toJson(event), event.occurredAt(), OutboxTracing.capture());
    }
}
