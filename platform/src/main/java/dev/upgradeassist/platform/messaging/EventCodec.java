package dev.upgradeassist.platform.messaging;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EventTypes;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * JSON for events on the wire. Consumers ignore fields they do not know (additive changes within a
 * version); the type comes from the {@code ce_type} header, never from a Java class name.
 */
public final class EventCodec {

    private final JsonMapper mapper;

    public EventCodec() {
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(tools.jackson.databind.cfg.EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .build();
    }

    public String toJson(DomainEvent event) {
        return mapper.writeValueAsString(event);
    }

    public byte[] toBytes(Object value) {
        return mapper.writeValueAsBytes(value);
    }

    public DomainEvent fromJson(String typeId, byte[] json) {
        EventTypes.EventType type = EventTypes.byTypeId(typeId)
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type " + typeId));
        return mapper.readValue(json, type.javaType());
    }

    public DomainEvent fromJson(String typeId, String json) {
        return fromJson(typeId, json.getBytes(StandardCharsets.UTF_8));
    }

    public JsonMapper mapper() {
        return mapper;
    }
}
