package dev.upgradeassist.platform.testapp;

import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.PlatformProperties;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.platform.outbox.OutboxMessage;
import dev.upgradeassist.platform.outbox.OutboxRelay;
import dev.upgradeassist.platform.tracing.OutboxTracing;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox relay publishes every event once per process, on the real broker: a write that lands between the
 * broker's acknowledgement and the event's removal hands the relay a snapshot that still holds the event, and the
 * relay must not publish it again ("CI green every time").
 */
@IntegrationTest
class OutboxRelayRaceIT {

    private static final String COLLECTION = "relay_interleaving";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    @Qualifier("outboxKafkaTemplate")
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    PlatformProperties properties;

    @Autowired
    OutboxTracing tracing;

    @Autowired
    AggregateStore store;

    @Autowired
    OutboxRelay liveRelay;

    /** A relay of its own, never started: the test runs its rounds, so a write can land between them. */
    private OutboxRelay relay;

    @BeforeEach
    void relayRunByTheTest() {
        relay = new OutboxRelay(mongo, kafka, () -> List.of(COLLECTION), properties.outbox(), "platform-test",
                Clock.systemUTC(), tracing);
    }

    @AfterEach
    void stopRelay() {
        relay.destroy();
    }

    @Test
    void a_write_between_the_acknowledgement_and_the_removal_does_not_publish_the_acknowledged_event_again() {
        String id = UUID.randomUUID().toString();
        OutboxMessage first = message(id, 1);
        OutboxMessage second = message(id, 2);
        mongo.insert(document(id, 0, first), COLLECTION);
        relay.publishAfterWrite(COLLECTION, id, 0L, List.of(first));
        // a command reads the document (first still pending) and writes it with its own event, at version 1
        assertThat(mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("version").is(0L)),
                Update.update("outbox", List.of(bson(first), bson(second))).set("version", 1L), COLLECTION)
                .getModifiedCount()).isEqualTo(1);

        relay.publishWritten(); // publishes the first event from the first snapshot and removes it (version 2)
        assertThat(outbox(id)).extracting(m -> m.get("eventId")).containsExactly(second.eventId());
        // only now does the command hand over its snapshot, which still holds the first event
        relay.publishAfterWrite(COLLECTION, id, 1L, List.of(first, second));
        relay.publishWritten();

        assertThat(recordsPerEventId(id)).containsExactlyInAnyOrderEntriesOf(
                Map.of(first.eventId(), 1L, second.eventId(), 1L));
        assertThat(outbox(id)).isEmpty();
        assertThat(version(id)).isEqualTo(3L);
    }

    @Test
    void a_late_snapshot_of_events_already_removed_sends_nothing_and_leaves_the_version_alone() {
        String id = UUID.randomUUID().toString();
        OutboxMessage first = message(id, 1);
        mongo.insert(document(id, 0, first), COLLECTION);
        relay.publishAfterWrite(COLLECTION, id, 0L, List.of(first));
        relay.publishWritten();
        assertThat(version(id)).isEqualTo(1L);

        relay.publishAfterWrite(COLLECTION, id, 0L, List.of(first));
        relay.publishWritten();
        relay.drain();

        assertThat(recordsPerEventId(id)).containsExactlyEntriesOf(Map.of(first.eventId(), 1L));
        assertThat(version(id)).isEqualTo(1L);
    }

    @Test
    void an_acknowledged_event_a_document_still_holds_is_removed_without_being_sent_again() {
        String id = UUID.randomUUID().toString();
        OutboxMessage first = message(id, 1);
        mongo.insert(document(id, 0, first), COLLECTION);
        relay.publishAfterWrite(COLLECTION, id, 0L, List.of(first));
        relay.publishWritten();
        // as if the removal had been lost (an outage between the acknowledgement and the update)
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), Update.update("outbox", List.of(bson(first))),
                COLLECTION);

        relay.drain();

        assertThat(recordsPerEventId(id)).containsExactlyEntriesOf(Map.of(first.eventId(), 1L));
        assertThat(outbox(id)).isEmpty();
    }

    @Test
    void a_relay_stopped_and_started_again_publishes_what_is_written_after_and_while_it_was_stopped() {
        relay.start();
        relay.stop(); // as a paused context or a restarted lifecycle does
        String whileStopped = UUID.randomUUID().toString();
        OutboxMessage early = message(whileStopped, 1);
        mongo.insert(document(whileStopped, 0, early), COLLECTION);
        relay.publishAfterWrite(COLLECTION, whileStopped, 0L, List.of(early));

        relay.start();
        try {
            relay.drain(); // the first round after a start scans
            String afterwards = UUID.randomUUID().toString();
            OutboxMessage late = message(afterwards, 1);
            mongo.insert(document(afterwards, 0, late), COLLECTION);
            relay.publishAfterWrite(COLLECTION, afterwards, 0L, List.of(late));

            await().atMost(Duration.ofSeconds(30)).until(() -> recordsPerEventId(afterwards).size() == 1);
            assertThat(recordsPerEventId(whileStopped)).containsExactlyEntriesOf(Map.of(early.eventId(), 1L));
        } finally {
            relay.stop();
        }
    }

    @Test
    void concurrent_commands_on_one_aggregate_publish_each_of_their_events_exactly_once() throws Exception {
        String id = UUID.randomUUID().toString();
        store.insert(new Tally(id));
        int threads = 8;
        int commandsPerThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> commands = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                commands.add(() -> {
                    for (int i = 0; i < commandsPerThread; i++) {
                        store.apply(Target.existing(Tally.class, id), tally -> { tally.receive(id, 1); return null; });
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(commands)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        int expected = threads * commandsPerThread;
        assertThat(mongo.findById(id, Tally.class).received()).isEqualTo(expected);

        await().atMost(Duration.ofSeconds(60)).until(() -> recordsPerEventId(id).size() == expected
                && tallyOutbox(id).isEmpty());
        // every hand-over of the commands happened before they returned: one more round, awaited, takes the last ones
        liveRelay.publishWritten();

        Map<String, Long> records = recordsPerEventId(id);
        assertThat(records).hasSize(expected);
        assertThat(records.entrySet()).allSatisfy(entry -> assertThat(entry.getValue())
                .as("records of event %s", entry.getKey()).isEqualTo(1L));
    }

    private static Map<String, Long> recordsPerEventId(String key) {
        return TestKafka.readAll(Topics.REVIEW, key).stream()
                .collect(Collectors.groupingBy(TestKafka.Received::eventId, Collectors.counting()));
    }

    private static OutboxMessage message(String requestId, int revision) {
        return OutboxMessage.of(new InfoMissing(UUID.randomUUID().toString(), Instant.now(), requestId, revision,
                List.of(), List.of(), List.of(), null));
    }

    private Document document(String id, long version, OutboxMessage... outbox) {
        return new Document("_id", id).append("version", version)
                .append("outbox", java.util.Arrays.stream(outbox).map(this::bson).toList());
    }

    private Object bson(OutboxMessage message) {
        return mongo.getConverter().convertToMongoType(message);
    }

    private List<Document> outbox(String id) {
        return mongo.findById(id, Document.class, COLLECTION).getList("outbox", Document.class, List.of());
    }

    private List<?> tallyOutbox(String id) {
        return mongo.findById(id, Document.class, "tallies").getList("outbox", Object.class, List.of());
    }

    private long version(String id) {
        return mongo.findById(id, Document.class, COLLECTION).get("version", Number.class).longValue();
    }
}
