package dev.upgradeassist.platform.outbox;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.platform.PlatformProperties;
import dev.upgradeassist.platform.tracing.OutboxTracing;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;


/**
 * Publishes the events waiting in aggregate documents. Runs on one thread: right after every write
 * ({@link #publishAfterWrite}, with the outbox as written) and on a polling interval as a fallback (after a crash,
 * or when the broker was away). An event leaves the document only after the broker has acknowledged it, so a crash
 * between the write and the publish loses nothing; at worst an event is published twice with the
 * same id, which consumers ignore.
 */
public class OutboxRelay implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Supplier<List<String>> collections;
    private final PlatformProperties.Outbox settings;
    private final String source;
    private final Clock clock;
    private final OutboxTracing tracing;
    /** Made again by a start after a stop (a paused test context, a restarted lifecycle). */
    private volatile ScheduledExecutorService executor;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    /** Outboxes written since the last round, published as written without scanning a collection. */
    private final WrittenOutboxes written = new WrittenOutboxes();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    /** Events the broker acknowledged to this relay: never sent again, whatever snapshot still holds them. */
    private final AcknowledgedEvents acknowledgedEvents;
    private volatile boolean running;
    /**
     * Whether a collection scan may find something: at start (events a crashed process left behind) and
     * after any failed publish. While nothing failed, every event is published by id right after its
     * write, and the scan runs only every {@link #QUIET_SCAN_INTERVAL_NANOS} (30 s) as a safety net.
     */
    private volatile boolean scanNeeded = true;
    // elapsed time, not the Clock bean: a clock moved back (tests move business time) must not stop the safety net
    private volatile long lastScanNanos = System.nanoTime() - QUIET_SCAN_INTERVAL_NANOS;
    private static final long QUIET_SCAN_INTERVAL_NANOS = 30_000_000_000L;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, Supplier<List<String>> collections,
                       PlatformProperties.Outbox settings, String serviceName, Clock clock, OutboxTracing tracing) {
        this.tracing = tracing;
        this.mongo = mongo;
        this.kafka = kafka;
        this.collections = collections;
        this.settings = settings;
        this.source = CloudEventHeaders.source(serviceName);
        this.clock = clock;
        this.acknowledgedEvents = new AcknowledgedEvents(settings.rememberAcknowledged());
        this.executor = newExecutor();
    }

    private static ScheduledExecutorService newExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The indexes of every aggregate collection ({@link AggregateIndexes}). */
    private void indexPendingEvents() {
        for (String collection : collections.get()) {
            AggregateIndexes.ensure(mongo, collection);
        }
    }

    /**
     * Queues the outbox of a document just written (at this version) to be published by the relay's next round,
     * which starts at once (or after the {@code linger}, gathering the writes meanwhile) unless one is due or running: the relay publishes these events as the writer holds them, without
     * reading the document again. Of several writes of one document waiting for the same round, the one with the
     * highest version is published (the outbox only grows between the relay's removals, so it holds the others'
     * events).
     */
    public void publishAfterWrite(String collection, Object id, Long version, List<OutboxMessage> outbox) {
        written.add(new WrittenOutbox(collection, id, version, List.copyOf(outbox)));
        if (running && wakeUpPending.compareAndSet(false, true)) {
            long linger = settings.linger() == null ? 0 : settings.linger().toNanos();
            if (linger > 0) {
                executor.schedule(this::publishWrittenQuietly, linger, TimeUnit.NANOSECONDS);
            } else {
                executor.execute(this::publishWrittenQuietly);
            }
        }
    }

    private void publishWrittenQuietly() {
        wakeUpPending.set(false);
        try {
            publishWritten();
        } catch (RuntimeException e) {
            scanNeeded = true;
            log.warn("Outbox round failed, the poll will retry: {}", e.toString());
        }
    }

    /**
     * One round over the documents written since the last one ({@link #publishAfterWrite}). Runs on the relay's
     * thread; visible for tests, which call it while the relay is not started to interleave writes with it.
     */
    public synchronized void publishWritten() {
        List<PendingDocument> pending = new ArrayList<>();
        for (WrittenOutbox document : written.drainLatestPerDocument()) {
            if (!document.outbox().isEmpty()) {
                pending.add(new PendingDocument(document.collection(), document.id(), document.outbox()));
            }
        }
        publishAll(pending);
    }

    private static List<OutboxMessage> messages(Document document) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (Document message : document.getList("outbox", Document.class, List.of())) {
            java.util.Date occurredAt = message.get("occurredAt", java.util.Date.class);
            messages.add(new OutboxMessage(message.getString("eventId"), message.getString("typeId"),
                    message.getString("topic"), message.getString("key"), message.getString("payload"),
                    occurredAt == null ? null : occurredAt.toInstant(), message.getString("traceparent")));
        }
        return messages;
    }

    @Override
    public void start() {
        if (executor.isShutdown()) {
            executor = newExecutor();
        }
        scanNeeded = true; // what was written while stopped is found by the first round
        indexPendingEvents();
        running = true;
        long poll = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::drainQuietly, poll, poll, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop after the web server and listeners (which may still write), start before them
        return Integer.MAX_VALUE - 2000;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** Age of the oldest event still waiting, as of the last round. */
    public Duration oldestPendingAge() {
        long millis = oldestPendingMillis.get();
        return millis == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, clock.millis() - millis));
    }

    public long pendingCount() {
        return pending.get();
    }

    private void drainQuietly() {
        if (!scanNeeded && System.nanoTime() - lastScanNanos < QUIET_SCAN_INTERVAL_NANOS) {
            return;
        }
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("Outbox round failed, will retry: {}", e.toString());
        }
    }

    /** One publishing round over every aggregate collection. Visible for tests. */
    public synchronized void drain() {
        lastScanNanos = System.nanoTime();
        scanNeeded = false;
        long oldest = 0;
        long waiting = 0;
        for (String collection : collections.get()) {
            Query query = new Query(Criteria.where("outbox.eventId").exists(true)).limit(BATCH);
            query.fields().include("_id").include("outbox");
            List<PendingDocument> pending = new ArrayList<>();
            for (Document document : mongo.find(query, Document.class, collection)) {
                pending.add(new PendingDocument(collection, document.get("_id"), messages(document)));
            }
            List<Integer> published = publishAll(pending);
            for (int i = 0; i < pending.size(); i++) {
                List<OutboxMessage> messages = pending.get(i).messages();
                if (published.get(i) < messages.size()) {
                    waiting += messages.size() - published.get(i);
                    Instant at = messages.get(published.get(i)).occurredAt();
                    long millis = at == null ? clock.millis() : at.toEpochMilli();
                    oldest = oldest == 0 ? millis : Math.min(oldest, millis);
                }
            }
        }
        oldestPendingMillis.set(oldest);
        pending.set(waiting);
        if (waiting > 0) {
            scanNeeded = true;
        }
    }

    private record PendingDocument(String collection, Object id, List<OutboxMessage> messages) {
    }

    /**
     * Publishes the events of these documents: every send is handed to the producer at once (in order per
     * document; the idempotent producer keeps that order per partition, and a document's events share its key),
     * then the acknowledgements are awaited and each document loses, in one update, the leading events the
     * broker acknowledged. An event the broker refused stays, with those after it, for the next round; a later
     * one that did get through is then published again with the same id, which consumers ignore. An event this
     * relay has seen acknowledged before (a snapshot written just before its removal still holds it) is not sent
     * again, only removed once more where a document still holds it.
     *
     * @return per document, how many of its leading events were published
     */
    private List<Integer> publishAll(List<PendingDocument> documents) {
        List<List<CompletableFuture<?>>> sends = new ArrayList<>();
        for (PendingDocument document : documents) {
            List<CompletableFuture<?>> futures = new ArrayList<>();
            for (OutboxMessage message : document.messages()) {
                if (acknowledgedEvents.contains(message.eventId())) {
                    futures.add(CompletableFuture.completedFuture(null));
                    continue;
                }
                try {
                    futures.add(send(message));
                } catch (RuntimeException e) {
                    futures.add(CompletableFuture.failedFuture(e));
                    break;
                }
            }
            sends.add(futures);
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<Integer> published = new ArrayList<>();
        // per collection: the documents that lost events, and every acknowledged event id among them
        Map<String, Acknowledged> acknowledgedByCollection = new LinkedHashMap<>();
        for (int d = 0; d < documents.size(); d++) {
            PendingDocument document = documents.get(d);
            List<Object> acknowledged = new ArrayList<>();
            for (int m = 0; m < sends.get(d).size(); m++) {
                OutboxMessage message = document.messages().get(m);
                try {
                    sends.get(d).get(m).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acknowledgedEvents.add(message.eventId());
                    acknowledged.add(message.eventId());
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    log.warn("Could not publish event {} ({}), will retry: {}", message.eventId(),
                            message.typeId(), e.toString());
                    scanNeeded = true;
                    break;
                }
            }
            if (acknowledged.size() < document.messages().size()) {
                scanNeeded = true;
            }
            if (!acknowledged.isEmpty()) {
                Acknowledged inCollection = acknowledgedByCollection.computeIfAbsent(document.collection(),
                        c -> new Acknowledged(new ArrayList<>(), new ArrayList<>()));
                inCollection.documentIds().add(document.id());
                inCollection.eventIds().addAll(acknowledged);
            }
            published.add(acknowledged.size());
        }
        acknowledgedByCollection.forEach(this::removeAcknowledged);
        return published;
    }

    /** The documents of one collection that lost acknowledged events in a round, and those events' ids. */
    private record Acknowledged(List<Object> documentIds, List<Object> eventIds) {
    }

    /**
     * Pulls the acknowledged events out of their documents and bumps each one's version, so that a writer holding
     * the old document retries instead of writing a published event back: one update for the whole round's documents
     * of a collection ({@code _id $in}, served by the {@code _id} index on real MongoDB and on the embedded server
     * alike). Event ids are unique, so each document loses exactly its own acknowledged events. A document that no
     * longer holds any of them (its events were removed before, and a late snapshot brought them back here) is not
     * matched, so its version is not bumped for nothing.
     */
    private void removeAcknowledged(String collection, Acknowledged acknowledged) {
        Criteria byId = acknowledged.documentIds().size() == 1
                ? Criteria.where("_id").is(acknowledged.documentIds().get(0))
                : Criteria.where("_id").in(acknowledged.documentIds());
        byId = byId.and("outbox.eventId").in(acknowledged.eventIds());
        mongo.updateMulti(new Query(byId),
                new Update().pull("outbox", new Document("eventId", new Document("$in", acknowledged.eventIds())))
                        .inc("version", 1),
                collection);
    }

    private CompletableFuture<?> send(OutboxMessage message) {
        String key = message.key();
        Instant occurredAt = message.occurredAt();
        var record = new ProducerRecord<String, byte[]>(message.topic(), key,
                message.payload().getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, message.eventId());
        header(record, CloudEventHeaders.TYPE, message.typeId());
        header(record, CloudEventHeaders.SOURCE, source);
        header(record, CloudEventHeaders.SUBJECT, key);
        // milliseconds, as the document stores it: the same header whether published from memory or after a scan
        header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(occurredAt.truncatedTo(ChronoUnit.MILLIS)));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return tracing.inSpan(message.traceparent(), "outbox publish", () -> kafka.send(record));
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
