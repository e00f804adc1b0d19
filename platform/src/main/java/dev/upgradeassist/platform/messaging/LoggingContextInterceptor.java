package dev.upgradeassist.platform.messaging;

import dev.upgradeassist.contracts.CloudEventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

import java.nio.charset.StandardCharsets;

/**
 * Puts the record's {@code requestId} (its key) and {@code eventId} ({@code ce_id}) into the logging
 * context while a listener handles it, so every log line of that work can be followed. Never the
 * value: payloads carry personal data that logs must not.
 * <p>
 * With a tracer, it also continues the record's trace ({@code traceparent}) in a consumer span that is current while
 * the listener, and the error handler after it, handle the record: its {@code traceId} and {@code spanId} are in the
 * logging context, and an event the work raises carries the trace on through the outbox
 * ({@link dev.upgradeassist.platform.tracing.OutboxTracing#capture}). This stands in for Spring Kafka's listener
 * observation, which cost 7–17 % of each consumer thread's CPU (JFR, issue 22, ADR 0034): its meters are Spring
 * Kafka's plain listener timer instead.
 */
public class LoggingContextInterceptor implements RecordInterceptor<Object, Object> {

    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;
    /** The span of the record this thread is handling, and its scope; null between records. */
    private final ThreadLocal<Current> current = new ThreadLocal<>();

    /** Without tracing: the logging context only. */
    public LoggingContextInterceptor() {
        this(null, null);
    }

    /** @param tracer null for no tracing (then {@code propagator} is not used) */
    public LoggingContextInterceptor(Tracer tracer, Propagator propagator) {
        this.tracer = propagator == null ? null : tracer;
        this.propagator = propagator;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        if (record.key() != null) {
            MDC.put("requestId", String.valueOf(record.key()));
        }
        String eventId = CloudEventDeserializer.header(record.headers(), CloudEventHeaders.ID);
        if (eventId != null) {
            MDC.put("eventId", eventId);
        }
        if (tracer != null) {
            // a record another interceptor skipped is not followed by afterRecord: its span ends here
            end();
            Span span = propagator.extract(record.headers(), HEADERS)
                    .name(record.topic() + " receive")
                    .kind(Span.Kind.CONSUMER)
                    .remoteServiceName("kafka")
                    .start();
            current.set(new Current(span, tracer.withSpan(span)));
        }
        return record;
    }

    @Override
    public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
        Current open = current.get();
        if (open != null) {
            open.span.error(exception);
        }
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        end();
        MDC.remove("requestId");
        MDC.remove("eventId");
    }

    private void end() {
        Current open = current.get();
        if (open != null) {
            current.remove();
            open.scope.close();
            open.span.end();
        }
    }

    private record Current(Span span, Tracer.SpanInScope scope) {
    }
}
