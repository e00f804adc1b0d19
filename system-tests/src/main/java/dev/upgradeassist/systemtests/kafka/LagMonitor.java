package dev.upgradeassist.systemtests.kafka;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples the consumer lag of the four groups once a second, in the background. */
public final class LagMonitor implements AutoCloseable {

    /** One sample: when (nanoTime) and the lag per group; null lag = the broker did not answer. */
    public record Sample(long nanos, Map<String, Long> lag) {
        public long total() {
            return lag == null ? -1 : lag.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final KafkaProbe probe;
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;

    public LagMonitor(KafkaProbe probe, long periodMillis) {
        this.probe = probe;
        this.thread = new Thread(() -> {
            while (running) {
                long t = System.nanoTime();
                Map<String, Long> lag;
                try {
                    lag = probe.lag();
                } catch (Exception e) {
                    lag = null;
                }
                samples.add(new Sample(t, lag));
                long sleep = periodMillis - (System.nanoTime() - t) / 1_000_000;
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "lag-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    public List<Sample> samples(long fromNanos, long toNanos) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.nanos() >= fromNanos && s.nanos() <= toNanos).toList();
        }
    }

    /** The highest lag of each group between two moments. */
    public Map<String, Long> peak(long fromNanos, long toNanos) {
        Map<String, Long> peak = new LinkedHashMap<>();
        KafkaProbe.GROUPS.forEach(g -> peak.put(g, 0L));
        for (Sample s : samples(fromNanos, toNanos)) {
            if (s.lag() != null) {
                s.lag().forEach((g, l) -> peak.merge(g, l, Math::max));
            }
        }
        return peak;
    }

    /** The highest total lag (all groups) between two moments. */
    public long peakTotal(long fromNanos, long toNanos) {
        return samples(fromNanos, toNanos).stream().mapToLong(Sample::total).max().orElse(0);
    }

    /**
     * Milliseconds from {@code fromNanos} until the lag was 0 in every group for good: the first
     * zero sample after the last non-zero one in the window; -1 when the window ends with lag.
     */
    public long drainMillis(long fromNanos, long untilNanos) {
        List<Sample> window = samples(fromNanos, untilNanos).stream().filter(s -> s.lag() != null).toList();
        Sample firstZero = null;
        for (Sample s : window) {
            if (s.total() == 0) {
                if (firstZero == null) {
                    firstZero = s;
                }
            } else {
                firstZero = null;
            }
        }
        return firstZero == null ? -1 : (firstZero.nanos() - fromNanos) / 1_000_000;
    }

    /** Blocks until a sample taken after this call shows zero lag in every group; false on timeout. */
    public boolean awaitZero(java.time.Duration timeout) {
        long asked = System.nanoTime();
        long deadline = asked + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Sample> recent = samples(asked, Long.MAX_VALUE);
            if (!recent.isEmpty() && recent.get(recent.size() - 1).lag() != null && recent.get(recent.size() - 1).total() == 0) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
