package dev.upgradeassist.systemtests.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a replay from EARLIEST is done while the load goes on: each consumer group has been
 * seen to go back (a committed offset lower than one seen before, or the committed offsets behind
 * the topic ends by at least half of what it is to read again), and then its committed offset on
 * every partition it consumes has reached that partition's end as of the replay call. New records published after the call do not count, so a
 * group that always has a record or two handled but not yet committed still finishes.
 *
 * <p>Create it just before the replay calls; it reads the topic ends then.
 */
public final class ReplayWatch {

    /** How it ended: per group, whether it went back and whether it caught up; and when. */
    public record Outcome(boolean done, double seconds, Map<String, Boolean> wentBack, Map<String, Boolean> caughtUp,
                          long recordsToRead) {
        public String describe() {
            if (done) {
                return String.format("every group went back and committed past the topic ends of the replay call"
                        + " %.1f s after the replay calls (%,d records to read again across the groups)", seconds,
                        recordsToRead);
            }
            return String.format("NOT done %.1f s after the replay calls: went back %s, caught up %s", seconds, wentBack,
                    caughtUp);
        }
    }

    private final KafkaProbe probe;
    private final Map<TopicPartition, Long> ends;
    private final Map<String, Long> toRead = new LinkedHashMap<>();
    private final Map<String, Map<TopicPartition, Long>> seen = new LinkedHashMap<>();
    private final long started = System.nanoTime();

    public ReplayWatch(KafkaProbe probe) throws Exception {
        this.probe = probe;
        this.ends = probe.endOffsets(KafkaProbe.CONSUMED);
        Map<TopicPartition, Long> starts = probe.startOffsets(KafkaProbe.CONSUMED);
        probe.committedOffsets(ends.keySet()).forEach((group, partitions) -> {
            toRead.put(group, partitions.keySet().stream().mapToLong(tp -> ends.get(tp) - starts.getOrDefault(tp, 0L)).sum());
            seen.put(group, new LinkedHashMap<>(partitions));
        });
    }

    /** Samples the committed offsets every {@code period} until every group is done or the timeout passes. */
    public Outcome await(Duration timeout, Duration period) throws InterruptedException {
        long deadline = started + timeout.toNanos();
        Map<String, Boolean> wentBack = new LinkedHashMap<>();
        Map<String, Boolean> caughtUp = new LinkedHashMap<>();
        toRead.keySet().forEach(g -> {
            // a group with nothing to read again has nothing to go back over
            wentBack.put(g, toRead.get(g) == 0);
            caughtUp.put(g, false);
        });
        while (true) {
            try {
                probe.committedOffsets(ends.keySet()).forEach((group, committed) -> {
                    long behind = 0;
                    boolean reached = true;
                    boolean lower = false;
                    for (Map.Entry<TopicPartition, Long> c : committed.entrySet()) {
                        Long before = seen.get(group).put(c.getKey(), c.getValue());
                        lower |= before != null && c.getValue() < before;
                        long end = ends.get(c.getKey());
                        behind += Math.max(0, end - c.getValue());
                        reached &= c.getValue() >= end;
                    }
                    if (!wentBack.get(group) && (lower || behind * 2 >= toRead.get(group))) {
                        wentBack.put(group, true);
                    }
                    if (wentBack.get(group) && reached) {
                        caughtUp.put(group, true);
                    }
                });
            } catch (Exception e) {
                // the broker did not answer this time; the next sample asks again
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (caughtUp.values().stream().allMatch(Boolean::booleanValue)) {
                return new Outcome(true, seconds, wentBack, caughtUp, total());
            }
            if (System.nanoTime() > deadline) {
                return new Outcome(false, seconds, wentBack, caughtUp, total());
            }
            Thread.sleep(period.toMillis());
        }
    }

    private long total() {
        return toRead.values().stream().mapToLong(Long::longValue).sum();
    }
}
