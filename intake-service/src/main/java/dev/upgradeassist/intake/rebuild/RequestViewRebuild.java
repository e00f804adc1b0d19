package dev.upgradeassist.intake.rebuild;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EventTypes;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.intake.requestview.RequestRecordProjector;
import dev.upgradeassist.platform.messaging.EventCodec;
import dev.upgradeassist.platform.domain.RuleViolation;
import com.mongodb.MongoNamespace;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the request view from the three topics it is made of, beside the live one:
 * <ol>
 *   <li>reads intake, review and scheduling events from the earliest offsets with a consumer of its
 *       own (no group, so no committed offset moves) into a new collection, applying each event once,
 *       raising no event and recording no metric: side effects are impossible;</li>
 *   <li>once caught up, pauses the live listeners, reads what arrived meanwhile, and swaps the new
 *       collection in for the live one (a rename);</li>
 *   <li>resumes the live listeners, which carry on from their own offsets; events they apply again
 *       are recognised by their ids.</li>
 * </ol>
 * Reads keep working throughout (from the old view, then the new one).
 */
@Service
public class RequestViewRebuild {

    private static final Logger log = LoggerFactory.getLogger(RequestViewRebuild.class);
    private static final List<String> TOPICS = List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING);
    private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(30);

    private final RequestRecordProjector projector;
    private final MongoTemplate mongo;
    private final MongoMappingContext mappingContext;
    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry listeners;
    private final EventCodec codec;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "request-view-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<RebuildView> current = new AtomicReference<>();
    /** Runs right before the swap; tests use it to let another instance write in the window. */
    private volatile Runnable beforeSwap = () -> { };

    public RequestViewRebuild(RequestRecordProjector projector, MongoTemplate mongo, MongoMappingContext mappingContext,
                              KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners, EventCodec codec,
                              Clock clock) {
        this.projector = projector;
        this.mongo = mongo;
        this.mappingContext = mappingContext;
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
        this.codec = codec;
        this.clock = clock;
    }

    public record RebuildView(String id, String state, String collection, long eventsRead, long eventsApplied,
                              Instant startedAt, Instant finishedAt, String error) {

        RebuildView progress(long read, long applied) {
            return new RebuildView(id, state, collection, read, applied, startedAt, finishedAt, error);
        }

        RebuildView finished(String state, String error, Instant at) {
            return new RebuildView(id, state, collection, eventsRead, eventsApplied, startedAt, at, error);
        }
    }

    /** Starts a rebuild; 409 while one is running. */
    public synchronized RebuildView start() {
        RebuildView running = current.get();
        if (running != null && running.state().equals("RUNNING")) {
            throw RuleViolation.illegalTransition("A rebuild is already running: " + running.id());
        }
        Instant now = clock.instant();
        String id = "rebuild-" + now.toEpochMilli();
        RebuildView view = new RebuildView(id, "RUNNING", projector.liveCollection() + "_" + id, 0, 0, now, null, null);
        current.set(view);
        executor.execute(() -> run(view));
        return view;
    }

    void beforeSwapForTests(Runnable hook) {
        beforeSwap = hook == null ? () -> { } : hook;
    }

    public RebuildView status() {
        RebuildView view = current.get();
        if (view == null) {
            throw RuleViolation.notFound("No rebuild has run since this instance started");
        }
        return view;
    }

    private void run(RebuildView view) {
        String target = view.collection();
        long[] counts = new long[2];
        List<MessageListenerContainer> paused = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            dropIfExists(target);
            createIndexes(target);
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readUpTo(consumer, consumer.endOffsets(partitions), target, view, counts);

            for (MessageListenerContainer container : listeners.getListenerContainers()) {
                if (container.isRunning() && TOPICS.stream().anyMatch(t -> List.of(topicsOf(container)).contains(t))) {
                    container.pause();
                    paused.add(container);
                }
            }
            awaitPaused(paused);
            readUpTo(consumer, consumer.endOffsets(partitions), target, view, counts);

            beforeSwap.run();
            swap(target);
            // another instance of the service (its own partitions, its listeners not paused) kept projecting into the
            // old live view until the swap: every event since this instance paused is applied to the new live view
            // too, once per event id, so nothing is lost and nothing applied twice
            readUpTo(consumer, consumer.endOffsets(partitions), projector.liveCollection(), view, counts);
            current.set(view.progress(counts[0], counts[1]).finished("DONE", null, clock.instant()));
            log.info("Request view rebuilt from {} events ({} applied) as {}", counts[0], counts[1], view.id());
        } catch (Exception e) {
            log.error("Request view rebuild {} failed; the live view is unchanged", view.id(), e);
            dropIfExists(target);
            current.set(view.progress(counts[0], counts[1]).finished("FAILED", "The rebuild failed and the live view is "
                    + "unchanged; the service's log has the cause under rebuild " + view.id(), clock.instant()));
        } finally {
            paused.forEach(MessageListenerContainer::resume);
        }
    }

    private static String[] topicsOf(MessageListenerContainer container) {
        var properties = container.getContainerProperties();
        return properties.getTopics() == null ? new String[0] : properties.getTopics();
    }

    private void readUpTo(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end, String target,
                          RebuildView view, long[] counts) {
        while (!reached(consumer, end)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                counts[0]++;
                DomainEvent event = decode(record);
                if (event != null && projector.rebuildInto(target, event)) {
                    counts[1]++;
                }
            }
            current.set(view.progress(counts[0], counts[1]));
        }
    }

    /** A record this projection cannot read is skipped here, as the live listener dead-lettered it. */
    private DomainEvent decode(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || record.value() == null) {
            return null;
        }
        String typeId = new String(type.value(), StandardCharsets.UTF_8);
        if (EventTypes.byTypeId(typeId).isEmpty()) {
            return null;
        }
        try {
            return codec.fromJson(typeId, record.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Paused as far as this projection is concerned: every consumer that holds partitions has stopped. A consumer
     * with no partitions (more consumers than partitions, with another instance in the group) never reports paused,
     * and it reads nothing anyway.
     */
    private static boolean paused(MessageListenerContainer container) {
        if (container.isContainerPaused()) {
            return true;
        }
        if (container instanceof org.springframework.kafka.listener.ConcurrentMessageListenerContainer<?, ?> concurrent) {
            return concurrent.getContainers().stream().allMatch(child -> child.isContainerPaused()
                    || child.getAssignedPartitions() == null || child.getAssignedPartitions().isEmpty());
        }
        return container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty();
    }

    private void awaitPaused(List<MessageListenerContainer> containers) throws InterruptedException {
        long deadline = System.nanoTime() + PAUSE_TIMEOUT.toNanos();
        while (containers.stream().anyMatch(c -> !c.isPauseRequested() || !paused(c))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Live listeners did not pause in time");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private void swap(String target) {
        String live = projector.liveCollection();
        String retired = live + "_retired";
        dropIfExists(retired);
        if (mongo.collectionExists(live)) {
            mongo.getCollection(live).renameCollection(new MongoNamespace(mongo.getDb().getName(), retired));
        }
        // dropTarget: a write of another instance between the two renames created the live collection again; the
        // catch-up after the swap applies that write's event to the new live view
        mongo.getCollection(target).renameCollection(new MongoNamespace(mongo.getDb().getName(), live),
                new com.mongodb.client.model.RenameCollectionOptions().dropTarget(true));
        dropIfExists(retired);
    }

    private void dropIfExists(String collection) {
        if (mongo.collectionExists(collection)) {
            mongo.dropCollection(collection);
        }
    }

    private void createIndexes(String collection) {
        IndexResolver resolver = new MongoPersistentEntityIndexResolver(mappingContext);
        resolver.resolveIndexFor(projector.viewType()).forEach(index -> mongo.indexOps(collection).createIndex(index));
        dev.upgradeassist.platform.outbox.AggregateIndexes.ensure(mongo, collection);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        return partitions;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (var entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
