package dev.upgradeassist.systemtests.load;

import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;

/**
 * How far {@link EventSignals}' reader has read, as moments ({@code System.nanoTime()}): every event published after
 * {@code since} and before {@code caughtUpTo} has been handed to the tracker. The reader snapshots the end offsets
 * of every partition it reads (taking the moment just before asking), and once its positions have reached that
 * snapshot, everything published before that moment has been read: the moment becomes {@code caughtUpTo}.
 *
 * <p>{@code since} is the moment the current consumer's start positions (the end of each partition) were known: an
 * event published before it may never be read. A consumer made anew after an error starts from the end again, so
 * {@link #restarted} moves {@code since} and forgets {@code caughtUpTo}.
 *
 * <p>The bookkeeping is called by the reader's thread only; {@link #covers} by any.
 */
final class ReadCoverage {

    /** {@code caughtUpTo} is meaningful only when {@code caughtUp}; one object, so {@link #covers} sees one state. */
    private record State(long since, boolean caughtUp, long caughtUpTo) {
    }

    private volatile State state;
    /** The pending snapshot (reader thread only): the moment before it was asked for, and the ends. */
    private long snapshotAt;
    private Map<TopicPartition, Long> snapshot;

    /** A consumer's start positions are known from this moment on; nothing read before counts. */
    void restarted(long nowNanos) {
        snapshot = null;
        state = new State(nowNanos, false, 0);
    }

    /** Whether the reader should ask for the end offsets now (none pending). */
    boolean wantsSnapshot() {
        return state != null && snapshot == null;
    }

    /** The end offsets of every partition read, asked for at {@code askedAtNanos} (taken just before asking). */
    void snapshot(long askedAtNanos, Map<TopicPartition, Long> endOffsets) {
        snapshotAt = askedAtNanos;
        snapshot = Map.copyOf(endOffsets);
    }

    /**
     * The reader's positions after it handled every record of its last poll: when every partition of the pending
     * snapshot has been read to its end offset, everything published before the snapshot was asked for has been read.
     * A partition missing from {@code positions} is not caught up. True when this call moved {@code caughtUpTo}.
     */
    boolean positions(Map<TopicPartition, Long> positions) {
        if (snapshot == null) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> end : snapshot.entrySet()) {
            Long position = positions.get(end.getKey());
            if (position == null || position < end.getValue()) {
                return false;
            }
        }
        state = new State(state.since(), true, snapshotAt);
        snapshot = null;
        return true;
    }

    /**
     * Whether every event published for a request submitted at {@code submitNanos} has been read, except for those
     * published in the last {@code freshnessNanos} before {@code nowNanos}: the reader started before the request and
     * caught up with the topics no longer than {@code freshnessNanos} ago.
     */
    boolean covers(long submitNanos, long nowNanos, long freshnessNanos) {
        State s = state;
        return s != null && s.caughtUp() && s.since() <= submitNanos && nowNanos - s.caughtUpTo() <= freshnessNanos;
    }

    /** The moment everything before was last known read, or empty before the first time. */
    OptionalLong caughtUpTo() {
        State s = state;
        return s != null && s.caughtUp() ? OptionalLong.of(s.caughtUpTo()) : OptionalLong.empty();
    }
}
