package dev.upgradeassist.platform.messaging;

import dev.upgradeassist.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the record's {@code requestId} (its key) and {@code eventId} ({@code ce_id}) into the logging
 * context while a listener handles it, so every log line of that work can be followed. Never the
 * value: payloads carry personal data that logs must not.
 */
public class LoggingContextInterceptor implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        if (record.key() != null) {
            MDC.put("requestId", String.valueOf(record.key()));
        }
        String eventId = CloudEventDeserializer.header(record.headers(), CloudEventHeaders.ID);
        if (eventId != null) {
            MDC.put("eventId", eventId);
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        MDC.remove("requestId");
        MDC.remove("eventId");
    }
}
