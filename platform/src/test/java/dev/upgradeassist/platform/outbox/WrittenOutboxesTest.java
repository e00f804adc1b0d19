package dev.upgradeassist.platform.outbox;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WrittenOutboxesTest {

    private final WrittenOutboxes queue = new WrittenOutboxes();

    @Test
    void of_several_writes_of_one_document_the_one_with_the_highest_version_is_published() {
        queue.add(written("requests", "r1", 2L, "e1", "e2"));
        queue.add(written("requests", "r1", 1L, "e1"));
        queue.add(written("requests", "r1", 3L, "e1", "e2", "e3"));
        queue.add(written("requests", "r1", 0L));

        assertThat(queue.drainLatestPerDocument()).singleElement()
                .satisfies(latest -> assertThat(latest.version()).isEqualTo(3L));
    }

    @Test
    void documents_keep_the_order_they_were_first_written_in_and_collections_stay_apart() {
        queue.add(written("requests", "r1", 0L, "e1"));
        queue.add(written("reviews", "r1", 0L, "e2"));
        queue.add(written("requests", "r2", 0L, "e3"));
        queue.add(written("requests", "r1", 1L, "e1", "e4"));

        assertThat(queue.drainLatestPerDocument())
                .extracting(w -> w.collection() + "/" + w.id() + "@" + w.version())
                .containsExactly("requests/r1@1", "requests/r2@0", "reviews/r1@0");
    }

    @Test
    void a_drain_takes_everything_queued_so_the_next_one_finds_nothing() {
        queue.add(written("requests", "r1", 0L, "e1"));

        assertThat(queue.drainLatestPerDocument()).hasSize(1);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.drainLatestPerDocument()).isEmpty();
    }

    @Test
    void a_write_of_unknown_version_wins_over_the_one_before_it() {
        queue.add(written("requests", "r1", 5L, "e1"));
        queue.add(written("requests", "r1", null, "e1", "e2"));

        assertThat(queue.drainLatestPerDocument()).singleElement()
                .satisfies(latest -> assertThat(latest.outbox()).hasSize(2));
    }

    static WrittenOutbox written(String collection, String id, Long version, String... eventIds) {
        List<OutboxMessage> outbox = java.util.Arrays.stream(eventIds)
                .map(eventId -> new OutboxMessage(eventId, "Probe.v1", "probe.events", id, "{}", Instant.EPOCH, null))
                .toList();
        return new WrittenOutbox(collection, id, version, outbox);
    }
}
