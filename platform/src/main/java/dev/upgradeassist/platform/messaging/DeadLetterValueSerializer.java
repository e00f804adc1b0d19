package dev.upgradeassist.platform.messaging;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a dead letter's value: the original bytes when the record could not be deserialized,
 * the event's JSON when it was deserialized but could not be processed.
 */
class DeadLetterValueSerializer implements Serializer<Object> {

    private final EventCodec codec;

    DeadLetterValueSerializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        if (data instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return codec.toBytes(data);
    }
}
