package dev.upgradeassist.systemtests.report;

import java.util.Collection;

import org.HdrHistogram.Histogram;

/** Percentiles of a set of latencies, recorded in an HdrHistogram (microseconds, 3 significant digits). */
public final class Latency {

    private final Histogram histogram;

    private Latency(Histogram histogram) {
        this.histogram = histogram;
    }

    public static Latency ofMicros(Collection<Long> micros) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        micros.forEach(m -> h.recordValue(Math.max(0, Math.min(m, 3_600_000_000L))));
        return new Latency(h);
    }

    public static Latency ofMillis(Collection<Long> millis) {
        return ofMicros(millis.stream().map(m -> m * 1000).toList());
    }

    public static Latency of(Histogram micros) {
        return new Latency(micros);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** Milliseconds at the percentile (0–100). */
    public double ms(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMs() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }

    public double meanMs() {
        return count() == 0 ? Double.NaN : histogram.getMean() / 1000.0;
    }

    /** {@code | n | p50 | p90 | p99 | p99.9 | max |} in milliseconds. */
    public String row(String label) {
        return String.format("| %s | %d | %s | %s | %s | %s | %s |", label, count(), f(ms(50)), f(ms(90)), f(ms(99)),
                f(ms(99.9)), f(maxMs()));
    }

    public static String header() {
        return "| what | n | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|";
    }

    public static String f(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
    }

    @Override
    public String toString() {
        return String.format("n=%d p50=%s p90=%s p99=%s p99.9=%s max=%s ms", count(), f(ms(50)), f(ms(90)), f(ms(99)),
                f(ms(99.9)), f(maxMs()));
    }
}
