package dev.upgradeassist.platform.messaging;

import dev.upgradeassist.platform.InMemoryMongo;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * A polled batch's aggregates read with one query, on a real MongoDB-protocol server (in memory), its commands counted
 * as the driver sends them; and the copies are only a start: a stale one costs a fresh read, never an update.
 */
class PolledBatchReadsTest {

    private static final String TOPIC = "decisions";

    @Document("probes")
    static class Probe extends AggregateRoot {
        int count;
        String note;
        Detail detail;

        Probe() {
        }

        Probe(String id) {
            super(id);
        }
    }

    record Detail(String kept, String large) {
    }

    private InMemoryMongo server;
    private MongoTemplate mongo;
    private AggregateStore store;
    private PolledBatchReads reads;
    private final List<String> finds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = new InMemoryMongo(event -> {
            if ("find".equals(event.getCommandName())) {
                finds.add(event.getCommand().getString("find").getValue());
            }
        });
        mongo = server.template("batch-reads-test");
        store = new AggregateStore(mongo, mock(dev.upgradeassist.platform.outbox.OutboxRelay.class),
                new EventMetrics(new SimpleMeterRegistry(), "probe-service"));
        reads = new PolledBatchReads(mongo, Map.of(TOPIC, List.of(Probe.class)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Probe stored(String id, int count) {
        Probe probe = new Probe(id);
        probe.count = count;
        return mongo.insert(probe);
    }

    private static ConsumerRecords<Object, Object> polled(String topic, String... keys) {
        List<ConsumerRecord<Object, Object>> records = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            records.add(new ConsumerRecord<>(topic, 0, i, keys[i], "event"));
        }
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> byPartition = new HashMap<>();
        byPartition.put(new TopicPartition(topic, 0), records);
        return new ConsumerRecords<>(byPartition, Map.of());
    }

    /** What a handler does: start from the batch's copy when there is one, write, keep what it wrote. */
    private Outcome<Probe, Boolean> handle(String id) {
        return handle(reads, id);
    }

    private Outcome<Probe, Boolean> handle(PolledBatchReads with, String id) {
        return with.apply(store, Target.existing(Probe.class, id), probe -> {
            probe.count++;
            return true;
        });
    }

    @Test
    void a_polled_batch_is_read_with_one_query_and_its_handlers_read_nothing_more() {
        for (int i = 0; i < 50; i++) {
            stored("p" + i, 0);
        }
        String[] keys = new String[60];
        for (int i = 0; i < 50; i++) {
            keys[i] = "p" + i;
        }
        for (int i = 50; i < 60; i++) {
            keys[i] = "p" + (i - 50); // a second record for ten of them, in the same batch
        }
        finds.clear();

        reads.polled(polled(TOPIC, keys));
        for (String key : keys) {
            assertThat(handle(key).written()).isTrue();
        }

        assertThat(finds).as("one query for the batch, none per record").containsExactly("probes");
        assertThat(mongo.findById("p0", Probe.class).count).as("both records of p0 applied").isEqualTo(2);
        assertThat(mongo.findById("p49", Probe.class).count).isEqualTo(1);
    }

    private PolledBatchReads readingWithoutNoteAndLargeDetail() {
        return new PolledBatchReads(mongo, Map.of(TOPIC, List.of(Probe.class)),
                Map.of(Probe.class, List.of("note", "detail.large")));
    }

    private Probe storedWithNoteAndDetail(String id) {
        Probe probe = new Probe(id);
        probe.note = "note of " + id;
        probe.detail = new Detail("kept of " + id, "large of " + id);
        return mongo.insert(probe);
    }

    @Test
    void a_copy_read_without_some_fields_lacks_them_and_a_write_of_other_fields_starts_from_it() {
        storedWithNoteAndDetail("p1");
        PolledBatchReads partly = readingWithoutNoteAndLargeDetail();
        partly.polled(polled(TOPIC, "p1"));
        finds.clear();

        Outcome<Probe, Boolean> outcome = partly.applyToFields(store, Target.existing(Probe.class, "p1"), probe -> {
            assertThat(probe.note).as("left out").isNull();
            assertThat(probe.detail).isEqualTo(new Detail("kept of p1", null));
            probe.count++;
            return true;
        }, written -> true, List.of("count"));

        assertThat(outcome.written()).isTrue();
        assertThat(finds).as("no read besides the poll's").isEmpty();
        Probe stored = mongo.findById("p1", Probe.class);
        assertThat(stored.count).isEqualTo(1);
        assertThat(stored.note).as("what the copy lacked is still stored").isEqualTo("note of p1");
        assertThat(stored.detail).isEqualTo(new Detail("kept of p1", "large of p1"));
    }

    @Test
    void a_write_that_would_store_what_a_copy_lacks_reads_the_aggregate_whole_first() {
        storedWithNoteAndDetail("p1");
        storedWithNoteAndDetail("p2");
        PolledBatchReads partly = readingWithoutNoteAndLargeDetail();
        partly.polled(polled(TOPIC, "p1", "p2"));
        finds.clear();

        // a whole write, and a write of fields that include one read in part
        assertThat(handle(partly, "p1").written()).isTrue();
        assertThat(partly.applyToFields(store, Target.existing(Probe.class, "p2"), probe -> {
            assertThat(probe.detail).as("read whole").isEqualTo(new Detail("kept of p2", "large of p2"));
            probe.count++;
            return true;
        }, written -> true, List.of("count", "detail")).written()).isTrue();

        assertThat(finds).as("each read whole before its write").containsExactly("probes", "probes");
        for (String id : List.of("p1", "p2")) {
            Probe stored = mongo.findById(id, Probe.class);
            assertThat(stored.count).isEqualTo(1);
            assertThat(stored.note).isEqualTo("note of " + id);
            assertThat(stored.detail).isEqualTo(new Detail("kept of " + id, "large of " + id));
        }
    }

    @Test
    void a_copy_made_stale_by_another_writer_costs_a_fresh_read_and_loses_no_update() {
        stored("p1", 0);
        reads.polled(polled(TOPIC, "p1"));
        // another thread (a REST command, another topic's listener) writes p1 after the poll read it
        Probe other = mongo.findById("p1", Probe.class);
        other.count = 10;
        mongo.save(other);
        finds.clear();

        assertThat(handle("p1").written()).isTrue();

        assertThat(finds).as("the conflict read it again").containsExactly("probes");
        assertThat(mongo.findById("p1", Probe.class).count).as("applied on the current state, not the copy").isEqualTo(11);
    }

    @Test
    void records_of_other_topics_absent_aggregates_and_other_threads_read_for_themselves() throws Exception {
        stored("p1", 0);
        finds.clear();

        reads.polled(polled("elsewhere", "p1"));
        assertThat(finds).as("a topic nothing is read ahead for").isEmpty();
        assertThat(reads.take(Probe.class, "p1")).isNull();

        reads.polled(polled(TOPIC, "p1", "missing"));
        assertThat(reads.take(Probe.class, "missing")).as("absent: the handler finds out for itself").isNull();
        var pool = Executors.newSingleThreadExecutor();
        try {
            assertThat(pool.submit(() -> reads.take(Probe.class, "p1")).get())
                    .as("the copies are the polling thread's").isNull();
        } finally {
            pool.shutdownNow();
        }
        Probe copy = reads.take(Probe.class, "p1");
        assertThat(copy).isNotNull();
        assertThat(reads.take(Probe.class, "p1")).as("taken once").isNull();

        reads.polled(polled(TOPIC));
        reads.keep(copy);
        assertThat(reads.take(Probe.class, "p1")).as("an empty poll forgets the last one's copies").isNull();
    }

    @Test
    void a_failed_read_leaves_no_copies() {
        stored("p1", 0);
        reads.polled(polled(TOPIC, "p1"));
        server.stopServer();

        reads.polled(polled(TOPIC, "p1"));

        assertThat(reads.take(Probe.class, "p1")).as("the last poll's copy is not kept past a failed read").isNull();
    }

    @Test
    void none_reads_ahead_nothing_and_each_handler_reads_for_itself() {
        stored("p1", 0);
        PolledBatchReads none = PolledBatchReads.none();
        none.polled(polled(TOPIC, "p1", "p1"));
        finds.clear();

        assertThat(handle(none, "p1").written()).isTrue();
        assertThat(handle(none, "p1").written()).isTrue();

        assertThat(finds).as("no copies: one read per record").containsExactly("probes", "probes");
        assertThat(mongo.findById("p1", Probe.class).count).isEqualTo(2);
    }

    @Test
    void fields_read_ahead_answer_every_record_of_the_poll_with_one_query_and_plain_documents() {
        storedWithNoteAndDetail("p1");
        storedWithNoteAndDetail("p2");
        String fieldsTopic = "own-events";
        PolledBatchReads ahead = new PolledBatchReads(mongo, Map.of(TOPIC, List.of(Probe.class)), Map.of(),
                Map.of(fieldsTopic, new PolledBatchReads.FieldsAhead("probes", List.of("note", "count"))));
        List<String> fallbacks = new ArrayList<>();
        java.util.function.Function<String, org.bson.Document> otherwise = id -> {
            fallbacks.add(id);
            return mongo.findById(id, org.bson.Document.class, "probes");
        };
        finds.clear();

        // p1 twice in the poll, p3 named but not stored
        ahead.polled(polled(fieldsTopic, "p1", "p2", "p1", "p3"));

        assertThat(finds).as("one query for the poll").containsExactly("probes");
        org.bson.Document p1 = ahead.readAhead("probes", "p1", otherwise).orElseThrow();
        assertThat(p1.getString("note")).isEqualTo("note of p1");
        assertThat(p1.containsKey("detail")).as("only the fields asked for").isFalse();
        assertThat(ahead.readAhead("probes", "p1", otherwise)).as("not taken: a second record of p1 sees it too")
                .isPresent();
        assertThat(ahead.readAhead("probes", "p2", otherwise).orElseThrow().getString("note")).isEqualTo("note of p2");
        assertThat(ahead.readAhead("probes", "p3", otherwise)).as("read ahead and not found").isEmpty();
        assertThat(finds).as("no read per record").containsExactly("probes");
        assertThat(fallbacks).isEmpty();

        // an id the poll did not name, and a poll of a topic without fields read ahead: read when asked
        assertThat(ahead.readAhead("probes", "p4", otherwise)).isEmpty();
        ahead.polled(polled(TOPIC, "p2"));
        assertThat(ahead.readAhead("probes", "p1", otherwise).orElseThrow().getString("note")).isEqualTo("note of p1");
        assertThat(fallbacks).as("the next poll forgot the last one's fields").containsExactly("p4", "p1");
    }

    @Test
    void without_fields_read_ahead_every_look_reads_for_itself() {
        storedWithNoteAndDetail("p1");
        reads.polled(polled(TOPIC, "p1"));
        finds.clear();

        assertThat(reads.readAhead("probes", "p1", id -> mongo.findById(id, org.bson.Document.class, "probes"))
                .orElseThrow().getString("note")).isEqualTo("note of p1");
        assertThat(PolledBatchReads.none().readAhead("probes", "p1", id -> null)).isEmpty();
        assertThat(finds).containsExactly("probes");
    }
}
