package dev.upgradeassist.systemtests.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** {@link ReadCoverage}'s bookkeeping with offsets given by hand (no broker). */
class ReadCoverageTest {

    private static final long S = 1_000_000_000L;
    private static final long FRESH = 5 * S;
    private static final TopicPartition A = new TopicPartition("review-events", 0);
    private static final TopicPartition B = new TopicPartition("notification-events", 3);

    private final ReadCoverage coverage = new ReadCoverage();

    @Test
    void nothing_is_covered_before_the_reader_started_and_caught_up() {
        assertThat(coverage.wantsSnapshot()).as("no consumer yet").isFalse();
        assertThat(coverage.covers(10 * S, 11 * S, FRESH)).isFalse();

        coverage.restarted(10 * S);

        assertThat(coverage.wantsSnapshot()).isTrue();
        assertThat(coverage.covers(11 * S, 12 * S, FRESH)).as("started, never caught up").isFalse();
        assertThat(coverage.caughtUpTo()).isEmpty();
    }

    @Test
    void positions_at_every_end_of_the_snapshot_cover_what_was_published_before_it_was_asked_for() {
        coverage.restarted(10 * S);
        coverage.snapshot(20 * S, Map.of(A, 100L, B, 7L));

        assertThat(coverage.wantsSnapshot()).as("one pending").isFalse();
        assertThat(coverage.positions(Map.of(A, 100L, B, 6L))).as("B behind").isFalse();
        assertThat(coverage.positions(Map.of(A, 100L))).as("B unknown").isFalse();
        assertThat(coverage.covers(11 * S, 21 * S, FRESH)).isFalse();

        assertThat(coverage.positions(Map.of(A, 120L, B, 7L))).isTrue();

        assertThat(coverage.caughtUpTo()).hasValue(20 * S);
        assertThat(coverage.wantsSnapshot()).as("the next one may be asked for").isTrue();
        assertThat(coverage.covers(11 * S, 21 * S, FRESH)).isTrue();
        assertThat(coverage.covers(11 * S, 25 * S, FRESH)).as("caught up 5 s ago").isTrue();
        assertThat(coverage.covers(11 * S, 25 * S + 1, FRESH)).as("stale: the reader stopped catching up").isFalse();
        assertThat(coverage.covers(10 * S - 1, 21 * S, FRESH)).as("submitted before the reader started").isFalse();
    }

    @Test
    void positions_without_a_pending_snapshot_move_nothing() {
        coverage.restarted(10 * S);
        coverage.snapshot(20 * S, Map.of(A, 1L));
        coverage.positions(Map.of(A, 1L));

        assertThat(coverage.positions(Map.of(A, 1L))).isFalse();
        assertThat(coverage.caughtUpTo()).hasValue(20 * S);
    }

    @Test
    void a_consumer_made_anew_forgets_what_the_last_one_read() {
        coverage.restarted(10 * S);
        coverage.snapshot(20 * S, Map.of(A, 1L));
        coverage.positions(Map.of(A, 1L));
        coverage.snapshot(21 * S, Map.of(A, 2L));   // pending when the consumer failed

        coverage.restarted(30 * S);

        assertThat(coverage.covers(11 * S, 31 * S, FRESH)).isFalse();
        assertThat(coverage.caughtUpTo()).isEmpty();
        assertThat(coverage.positions(Map.of(A, 2L))).as("the old snapshot is dropped").isFalse();

        coverage.snapshot(32 * S, Map.of(A, 5L));
        coverage.positions(Map.of(A, 5L));
        assertThat(coverage.covers(11 * S, 33 * S, FRESH)).as("submitted before this consumer started").isFalse();
        assertThat(coverage.covers(31 * S, 33 * S, FRESH)).isTrue();
    }
}
