package dev.upgradeassist.platform.messaging;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.contracts.EventTypes;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;

/**
 * Reads a CloudEvents binary-mode record: the logical type from {@code ce_type}, the body as the
 * event's JSON. Unknown types become {@link UnhandledEvent}; a broken body throws, which the
 * {@code ErrorHandlingDeserializer} around this turns into a dead letter without retries.
 */
public class CloudEventDeserializer implements Deserializer<Object> {

    private final EventCodec codec;

    public CloudEventDeserializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        throw new SerializationException("CloudEvents records need their ce_type header");
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        String typeId = header(headers, CloudEventHeaders.TYPE);
        if (typeId == null) {
            throw new SerializationException("Record on " + topic + " has no ce_type header");
        }
        if (EventTypes.byTypeId(typeId).isEmpty()) {
            return new UnhandledEvent(typeId);
        }
        if (data == null) {
            throw new SerializationException("Record of type " + typeId + " has no body");
        }
        try {
            return codec.fromJson(typeId, data);
        } catch (RuntimeException e) {
            throw new SerializationException("Body is not a valid " + typeId + ": " + e.getMessage(), e);
        }
    }

    static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
