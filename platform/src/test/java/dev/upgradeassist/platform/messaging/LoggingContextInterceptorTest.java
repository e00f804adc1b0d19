package dev.upgradeassist.platform.messaging;

import brave.Tracing;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.sampler.Sampler;
import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.platform.tracing.OutboxTracing;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace and logging context of a record while a listener handles it (a real Brave tracer, W3C propagation). */
class LoggingContextInterceptorTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";

    private final List<brave.handler.MutableSpan> finished = new ArrayList<>();
    private Tracing tracing;
    private Tracer tracer;
    private LoggingContextInterceptor interceptor;

    @BeforeEach
    void setUp() {
        tracing = Tracing.newBuilder()
                .currentTraceContext(ThreadLocalCurrentTraceContext.newBuilder().build())
                .propagationFactory(new W3CPropagation())
                .traceId128Bit(true)
                .sampler(Sampler.NEVER_SAMPLE)
                .addSpanHandler(new brave.handler.SpanHandler() {
                    @Override
                    public boolean end(brave.propagation.TraceContext context, brave.handler.MutableSpan span,
                                       Cause cause) {
                        finished.add(span);
                        return true;
                    }
                })
                .build();
        tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()));
        interceptor = new LoggingContextInterceptor(tracer, new BravePropagator(tracing));
        new OutboxTracing(tracer, new BravePropagator(tracing));
    }

    @AfterEach
    void tearDown() {
        tracing.close();
        MDC.clear();
    }

    @Test
    void a_record_with_a_traceparent_is_handled_in_a_child_span_of_it_and_the_logging_context_names_it() {
        ConsumerRecord<Object, Object> record = record("req-1", "evt-1", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01");

        interceptor.intercept(record, null);

        assertThat(tracer.currentSpan()).isNotNull();
        assertThat(tracer.currentSpan().context().traceId()).isEqualTo(TRACE_ID);
        assertThat(tracer.currentSpan().context().parentId()).isEqualTo(PARENT_SPAN);
        assertThat(OutboxTracing.capture()).startsWith("00-" + TRACE_ID + "-")
                .doesNotContain(PARENT_SPAN).endsWith("-01");
        assertThat(MDC.get("requestId")).isEqualTo("req-1");
        assertThat(MDC.get("eventId")).isEqualTo("evt-1");

        interceptor.success(record, null);
        interceptor.afterRecord(record, null);

        assertThat(tracer.currentSpan()).isNull();
        assertThat(OutboxTracing.capture()).isNull();
        assertThat(MDC.get("requestId")).isNull();
        assertThat(MDC.get("eventId")).isNull();
        assertThat(finished).singleElement().satisfies(span -> {
            assertThat(span.traceId()).isEqualTo(TRACE_ID);
            assertThat(span.name()).isEqualTo("upgrade-assist.intake.v1 receive");
            assertThat(span.kind()).isEqualTo(brave.Span.Kind.CONSUMER);
        });
    }

    @Test
    void an_unsampled_traceparent_is_continued_unsampled() {
        ConsumerRecord<Object, Object> record = record("req-1", "evt-1", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-00");

        interceptor.intercept(record, null);

        assertThat(OutboxTracing.capture()).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
        interceptor.afterRecord(record, null);
        assertThat(finished).isEmpty();
    }

    @Test
    void a_record_without_a_traceparent_starts_a_trace_of_its_own() {
        ConsumerRecord<Object, Object> first = record("req-1", "evt-1", null);
        interceptor.intercept(first, null);
        String firstTrace = tracer.currentSpan().context().traceId();
        interceptor.afterRecord(first, null);

        ConsumerRecord<Object, Object> second = record("req-2", "evt-2", null);
        interceptor.intercept(second, null);
        String secondTrace = tracer.currentSpan().context().traceId();
        interceptor.afterRecord(second, null);

        assertThat(firstTrace).hasSize(32).isNotEqualTo(secondTrace);
        assertThat(tracer.currentSpan()).isNull();
    }

    @Test
    void a_failure_marks_the_span_and_the_span_stays_current_until_after_the_record_for_the_error_handler() {
        ConsumerRecord<Object, Object> record = record("req-1", "evt-1", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01");
        interceptor.intercept(record, null);

        interceptor.failure(record, new IllegalStateException("broken"), null);

        assertThat(tracer.currentSpan().context().traceId()).isEqualTo(TRACE_ID);
        interceptor.afterRecord(record, null);
        assertThat(tracer.currentSpan()).isNull();
        assertThat(finished).singleElement().satisfies(span ->
                assertThat(span.error()).hasMessage("broken"));
    }

    @Test
    void a_record_skipped_without_after_record_leaves_no_span_behind_for_the_next() {
        ConsumerRecord<Object, Object> skipped = record("req-1", "evt-1", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01");
        interceptor.intercept(skipped, null);
        // no afterRecord: another interceptor dropped the record

        ConsumerRecord<Object, Object> next = record("req-2", "evt-2", null);
        interceptor.intercept(next, null);
        assertThat(tracer.currentSpan().context().traceId()).isNotEqualTo(TRACE_ID);
        interceptor.afterRecord(next, null);

        assertThat(tracer.currentSpan()).isNull();
        assertThat(finished).extracting(brave.handler.MutableSpan::traceId).contains(TRACE_ID);
    }

    @Test
    void without_a_tracer_only_the_logging_context_is_set() {
        LoggingContextInterceptor plain = new LoggingContextInterceptor();
        ConsumerRecord<Object, Object> record = record("req-1", "evt-1", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01");

        plain.intercept(record, null);
        assertThat(MDC.get("requestId")).isEqualTo("req-1");
        assertThat(tracer.currentSpan()).isNull();
        plain.afterRecord(record, null);
        assertThat(MDC.get("requestId")).isNull();
    }

    private static ConsumerRecord<Object, Object> record(String key, String eventId, String traceparent) {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>("upgrade-assist.intake.v1", 0, 0L, key, "value");
        record.headers().add(new RecordHeader(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8)));
        if (traceparent != null) {
            record.headers().add(new RecordHeader("traceparent", traceparent.getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }
}
