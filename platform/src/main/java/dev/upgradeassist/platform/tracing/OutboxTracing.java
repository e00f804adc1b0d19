package dev.upgradeassist.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries a trace across the outbox: the W3C {@code traceparent} of the code that raised an event is
 * stored with the event, and the relay publishes it inside a span that continues that trace, so one
 * trace spans HTTP → every Kafka hop → SMTP although the publish happens later on another thread.
 */
public final class OutboxTracing {

    private static volatile Supplier<String> current = () -> null;

    private final Tracer tracer;
    private final Propagator propagator;

    public OutboxTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
        current = this::currentTraceparent;
    }

    /** The traceparent of the current span, or null outside a trace. Used when an event is raised. */
    public static String capture() {
        try {
            return current.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    String currentTraceparent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /** As {@link #inSpan(String, String, Runnable)}, for work that returns a result. */
    public <T> T inSpan(String traceparent, String name, Supplier<T> work) {
        Span.Builder builder = traceparent == null ? tracer.spanBuilder()
                : propagator.extract(Map.of("traceparent", traceparent), Map::get);
        Span span = builder.name(name).start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }

    /** Runs {@code work} in a new span that continues {@code traceparent} (or starts a trace when null). */
    public void inSpan(String traceparent, String name, Runnable work) {
        Span.Builder builder = traceparent == null ? tracer.spanBuilder()
                : propagator.extract(Map.of("traceparent", traceparent), Map::get);
        Span span = builder.name(name).start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            work.run();
        } finally {
            span.end();
        }
    }
}
