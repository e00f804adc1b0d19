package dev.upgradeassist.platform.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.upgradeassist.embeddedmongo.IdLookupBackends;
import dev.upgradeassist.platform.PlatformProperties;
import dev.upgradeassist.platform.tracing.OutboxTracing;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay on a real MongoDB-protocol server (in memory) and Kafka's {@link MockProducer}: what it publishes, what
 * it removes from the documents, and what it keeps for the next round when the broker refuses.
 */
class OutboxRelayTest {

    private static final String COLLECTION = "probes";

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private MockProducer<String, byte[]> producer;
    private OutboxRelay relay;

    @BeforeEach
    void start() {
        server = new MongoServer(new IdLookupBackends.Memory());
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new MongoTemplate(client, "relay-test");
        relayWith(new SharedMockProducer(true));
    }

    private void relayWith(MockProducer<String, byte[]> mock) {
        producer = mock;
        ProducerFactory<String, byte[]> factory = () -> producer;
        var settings = new PlatformProperties.Outbox(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(5),
                List.of(), 1000, Duration.ZERO);
        relay = new OutboxRelay(mongo, new KafkaTemplate<>(factory), () -> List.of(COLLECTION), settings, "probe-service",
                Clock.systemUTC(), new OutboxTracing(Tracer.NOOP, Propagator.NOOP));
    }

    @AfterEach
    void stop() {
        relay.destroy();
        client.close();
        server.shutdownNow();
    }

    @Test
    void a_written_outbox_is_published_in_order_with_cloud_event_headers_and_then_removed_from_its_document() {
        List<OutboxMessage> outbox = storeDocument("r1", 0, "e1", "e2");

        relay.publishAfterWrite(COLLECTION, "r1", 0L, outbox);
        relay.publishWritten();

        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("r1", "r1");
        assertThat(producer.history()).extracting(record -> header(record, "ce_id")).containsExactly("e1", "e2");
        assertThat(header(producer.history().get(0), "ce_type")).isEqualTo("Probe.v1");
        assertThat(header(producer.history().get(0), "ce_source")).contains("probe-service");
        Document stored = document("r1");
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
        assertThat(stored.get("version", Number.class).longValue()).as("a removal bumps the version").isEqualTo(1L);
    }

    @Test
    void when_the_broker_refuses_an_event_it_stays_with_those_after_it_and_the_acknowledged_ones_before_it_go() {
        relayWith(new SharedMockProducer(false));
        List<OutboxMessage> outbox = storeDocument("r1", 0, "e1", "e2", "e3");
        relay.publishAfterWrite(COLLECTION, "r1", 0L, outbox);

        CompletableFuture<Void> round = CompletableFuture.runAsync(relay::publishWritten);
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker away"));
        producer.completeNext();
        round.join();

        assertThat(eventIds(document("r1"))).containsExactly("e2", "e3");
    }

    @Test
    void a_scan_finds_the_events_a_crashed_process_left_in_documents_and_publishes_them() {
        storeDocument("r1", 4, "e1");
        storeDocument("r2", 0, "e2", "e3");
        storeDocument("r3", 2);

        relay.drain();

        assertThat(producer.history()).extracting(record -> header(record, "ce_id"))
                .containsExactlyInAnyOrder("e1", "e2", "e3");
        assertThat(eventIds(document("r1"))).isEmpty();
        assertThat(eventIds(document("r2"))).isEmpty();
        assertThat(document("r3").get("version", Number.class).longValue()).as("nothing to remove, no bump").isEqualTo(2L);
        assertThat(relay.pendingCount()).isZero();
    }

    @Test
    void events_left_after_a_refused_send_are_counted_as_pending_and_published_by_the_next_scan() {
        producer.sendException = new org.apache.kafka.common.KafkaException("broker away");
        storeDocument("r1", 0, "e1", "e2");

        relay.drain();

        assertThat(relay.pendingCount()).isEqualTo(2);
        assertThat(eventIds(document("r1"))).containsExactly("e1", "e2");

        producer.sendException = null;
        relay.drain();

        assertThat(relay.pendingCount()).isZero();
        assertThat(eventIds(document("r1"))).isEmpty();
    }

    @Test
    void an_event_the_broker_acknowledged_is_not_sent_again_when_a_stale_write_brings_it_back() {
        List<OutboxMessage> outbox = storeDocument("r1", 0, "e1");
        relay.publishAfterWrite(COLLECTION, "r1", 0L, outbox);
        relay.publishWritten();

        relay.publishAfterWrite(COLLECTION, "r1", 0L, outbox);
        relay.publishWritten();

        assertThat(producer.history()).hasSize(1);
        assertThat(document("r1").get("version", Number.class).longValue())
                .as("the document no longer holds it: no second removal, no bump").isEqualTo(1L);
    }

    @Test
    void with_a_linger_a_round_waits_that_long_after_the_write_that_woke_it_and_takes_the_writes_made_meanwhile() {
        Duration linger = Duration.ofMillis(700);
        var settings = new PlatformProperties.Outbox(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(5),
                List.of(), 1000, linger);
        var timed = new SharedMockProducer(true);
        producer = timed;
        ProducerFactory<String, byte[]> factory = () -> producer;
        relay = new OutboxRelay(mongo, new KafkaTemplate<>(factory), () -> List.of(COLLECTION), settings, "probe-service",
                Clock.systemUTC(), new OutboxTracing(Tracer.NOOP, Propagator.NOOP));
        List<OutboxMessage> first = storeDocument("r1", 0, "e1");
        List<OutboxMessage> second = storeDocument("r2", 0, "e2");
        relay.start();
        try {
            long woken = System.nanoTime();
            relay.publishAfterWrite(COLLECTION, "r1", 0L, first);
            relay.publishAfterWrite(COLLECTION, "r2", 0L, second);

            await().atMost(Duration.ofSeconds(10)).until(() -> eventIds(document("r1")).isEmpty()
                    && eventIds(document("r2")).isEmpty());
            assertThat(producer.history()).extracting(record -> header(record, "ce_id")).containsExactlyInAnyOrder("e1", "e2");
            assertThat(timed.firstSendNanos - woken).as("no send before the linger ran out")
                    .isGreaterThanOrEqualTo(linger.toNanos());
        } finally {
            relay.stop();
        }
    }

    @Test
    void a_stop_during_a_linger_runs_the_waiting_round_before_the_relay_ends() {
        var settings = new PlatformProperties.Outbox(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(5),
                List.of(), 1000, Duration.ofSeconds(1));
        ProducerFactory<String, byte[]> factory = () -> producer;
        relay = new OutboxRelay(mongo, new KafkaTemplate<>(factory), () -> List.of(COLLECTION), settings, "probe-service",
                Clock.systemUTC(), new OutboxTracing(Tracer.NOOP, Propagator.NOOP));
        List<OutboxMessage> outbox = storeDocument("r1", 0, "e1");
        relay.start();
        relay.publishAfterWrite(COLLECTION, "r1", 0L, outbox);

        relay.stop();

        assertThat(producer.history()).extracting(record -> header(record, "ce_id")).containsExactly("e1");
        assertThat(eventIds(document("r1"))).isEmpty();
    }

    private List<OutboxMessage> storeDocument(String id, long version, String... eventIds) {
        List<OutboxMessage> outbox = new ArrayList<>();
        List<Document> stored = new ArrayList<>();
        for (String eventId : eventIds) {
            Instant at = Instant.parse("2026-12-02T08:00:00Z");
            outbox.add(new OutboxMessage(eventId, "Probe.v1", "probe.events", id, "{\"eventId\":\"" + eventId + "\"}", at,
                    null));
            stored.add(new Document("eventId", eventId).append("typeId", "Probe.v1").append("topic", "probe.events")
                    .append("key", id).append("payload", "{\"eventId\":\"" + eventId + "\"}")
                    .append("occurredAt", Date.from(at)));
        }
        mongo.insert(new Document("_id", id).append("version", version).append("outbox", stored), COLLECTION);
        return outbox;
    }

    private Document document(String id) {
        return mongo.findById(id, Document.class, COLLECTION);
    }

    private static List<String> eventIds(Document document) {
        return document.getList("outbox", Document.class).stream().map(message -> message.getString("eventId")).toList();
    }

    /** KafkaTemplate closes the producer after each send, as it may with a factory's shared one: this one stays open. */
    private static final class SharedMockProducer extends MockProducer<String, byte[]> {

        /** When the first record was sent (0: none yet). */
        volatile long firstSendNanos;

        SharedMockProducer(boolean autoComplete) {
            super(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                ProducerRecord<String, byte[]> record, org.apache.kafka.clients.producer.Callback callback) {
            if (firstSendNanos == 0) {
                firstSendNanos = System.nanoTime();
            }
            return super.send(record, callback);
        }

        @Override
        public void close() {
        }

        @Override
        public void close(Duration timeout) {
        }
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
