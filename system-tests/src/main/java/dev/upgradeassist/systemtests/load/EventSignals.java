package dev.upgradeassist.systemtests.load;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.contracts.EventTypes;
import dev.upgradeassist.contracts.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the review, scheduling and notification topics from their end (a plain consumer without a group, every
 * partition assigned, on a daemon thread of its own) and records per request id which events were published for it:
 * the {@link Tracker}'s signal that an HTTP poll can find something. The request id is the record key (every event is
 * published by the outbox relay with its {@code requestId()} as key), the event its {@code ce_type} header.
 *
 * <p>Partitions that do not exist yet are looked for again every second (and every 30 s once all three topics are
 * found); a partition found after the start is read from its beginning (all of it is newer than the start). The thread
 * never ends on an error (a broker outage, a bad record): it counts it and goes on; a missed signal costs only time,
 * the tracker's safety net polls anyway.
 *
 * <p>About twice a second, once all three topics are found, it asks for their end offsets and notes when its positions
 * reach them ({@link ReadCoverage}): while it keeps catching up, every event published for a request submitted after it
 * started has been read, but for those of the last {@code systemtests.signalsFreshSeconds} (default 5; 0 = never
 * claimed), and the tracker's safety net need not poll ({@link #covers}). An outage or a stuck reader stops the
 * catching up, and the net polls again after that many seconds.
 */
public final class EventSignals implements Signals, AutoCloseable {

    /** The topics whose events make a status or an email due. */
    static final List<String> TOPICS = List.of(Topics.REVIEW, Topics.SCHEDULING, Topics.NOTIFICATION);
    static final String NOTIFICATION_SENT = "NotificationSent";

    private final ConcurrentHashMap<String, Set<String>> seen = new ConcurrentHashMap<>();
    final ReadCoverage coverage = new ReadCoverage();
    private final long freshnessNanos = Duration.ofSeconds(Integer.getInteger("systemtests.signalsFreshSeconds", 5)).toNanos();
    private final String bootstrap;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile BiConsumer<String, String> listener = (id, event) -> { };
    /** Records read (every record of the three topics since the start). */
    public final AtomicLong recordsRead = new AtomicLong();
    /** Records without a key or a {@code ce_type} (nothing recorded). */
    public final AtomicLong recordsSkipped = new AtomicLong();
    /** Errors of the consumer (a broker outage shows here), each followed by a second's pause. */
    public final AtomicLong errors = new AtomicLong();
    /** Times the reader's positions reached the end offsets it had asked for (each moved the covered moment on). */
    public final AtomicLong caughtUp = new AtomicLong();

    /** Starts reading (in the background; the first records are those published after the partitions are found). */
    public EventSignals(String bootstrapServers) {
        this.bootstrap = bootstrapServers;
        this.thread = new Thread(this::run, "event-signals");
        thread.setDaemon(true);
        thread.start();
    }

    /** Not connected: records are handed to {@link #handle} by the caller (tests). */
    EventSignals() {
        this.bootstrap = null;
        this.thread = null;
    }

    @Override
    public boolean mailSent(String requestId) {
        return seen(requestId, NOTIFICATION_SENT);
    }

    @Override
    public boolean seen(String requestId, String eventName) {
        Set<String> events = requestId == null ? null : seen.get(requestId);
        return events != null && events.contains(eventName);
    }

    /**
     * True while the reader started before the request and has caught up with every partition within the last
     * {@code systemtests.signalsFreshSeconds}: an event of the request not seen was published no earlier than that.
     */
    @Override
    public boolean covers(long submitNanos, long nowNanos) {
        return freshnessNanos > 0 && coverage.covers(submitNanos, nowNanos, freshnessNanos);
    }

    /** The moment ({@code System.nanoTime()}) before which every event has been read, or empty before the first. */
    public OptionalLong caughtUpTo() {
        return coverage.caughtUpTo();
    }

    @Override
    public void onEvent(BiConsumer<String, String> listener) {
        this.listener = listener;
    }

    /** Records one event: its key is the request id, {@code ce_type} ({@code TicketOnHold.v1}) names the event. */
    void handle(ConsumerRecord<String, byte[]> record) {
        recordsRead.incrementAndGet();
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (record.key() == null || type == null || type.value() == null) {
            recordsSkipped.incrementAndGet();
            return;
        }
        String name = eventName(new String(type.value(), StandardCharsets.UTF_8));
        seen.computeIfAbsent(record.key(), id -> ConcurrentHashMap.newKeySet()).add(name);
        listener.accept(record.key(), name);
    }

    /** {@code TicketOnHold.v1} → {@code TicketOnHold} (also for a type this build does not know). */
    static String eventName(String typeId) {
        return EventTypes.byTypeId(typeId).map(EventTypes.EventType::name)
                .orElseGet(() -> typeId.matches(".+\\.v\\d+") ? typeId.substring(0, typeId.lastIndexOf(".v")) : typeId);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                consume(c);
            } catch (WakeupException | InterruptException e) {
                return;
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                pause();
            }
        }
    }

    private void consume(KafkaConsumer<String, byte[]> c) {
        Set<TopicPartition> assigned = new HashSet<>();
        boolean first = true;
        boolean all = false;
        long nextLook = 0;
        long nextSnapshot = 0;
        while (running) {
            try {
                if (System.nanoTime() >= nextLook) {
                    int before = assigned.size();
                    all = assignNew(c, assigned, first);
                    if (first || assigned.size() != before) {
                        // the start positions are known from now on; a partition found later may hold events of
                        // requests submitted before: only those submitted from now on are covered
                        coverage.restarted(System.nanoTime());
                    }
                    first = false;
                    nextLook = System.nanoTime() + (all ? 30_000_000_000L : 1_000_000_000L);
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                if (all && coverage.wantsSnapshot() && System.nanoTime() >= nextSnapshot) {
                    long askedAt = System.nanoTime();
                    coverage.snapshot(askedAt, c.endOffsets(assigned, Duration.ofSeconds(5)));
                }
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
                if (!coverage.wantsSnapshot() && coverage.positions(positions(c, assigned))) {
                    caughtUp.incrementAndGet();
                    nextSnapshot = System.nanoTime() + 500_000_000L;
                }
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (InterruptedException e) {
                throw new InterruptException(e);
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                pause();
            }
        }
    }

    /** The reader's position in each partition (known locally once it has polled: no call to the broker). */
    private static Map<TopicPartition, Long> positions(KafkaConsumer<String, byte[]> c, Set<TopicPartition> assigned) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : assigned) {
            positions.put(tp, c.position(tp, Duration.ofSeconds(5)));
        }
        return positions;
    }

    /**
     * Assigns the partitions of {@link #TOPICS} not assigned yet: at their end in the first look, from their beginning
     * later (they did not exist at the start); true when every topic has partitions.
     */
    private static boolean assignNew(KafkaConsumer<String, byte[]> c, Set<TopicPartition> assigned, boolean first) {
        Set<TopicPartition> found = new HashSet<>();
        boolean all = true;
        for (String topic : TOPICS) {
            List<PartitionInfo> partitions = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                all = false;
                continue;
            }
            partitions.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
        }
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(assigned);
        if (!added.isEmpty()) {
            assigned.addAll(added);
            c.assign(assigned);   // partitions assigned before keep their positions
            if (first) {
                c.seekToEnd(added);
                added.forEach(tp -> c.position(tp, Duration.ofSeconds(5)));   // resolve the end now, not at the first poll
            } else {
                c.seekToBeginning(added);
            }
        }
        return all;
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // never create a topic by asking for it (the services create them with their partition count)
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // a position the broker no longer has (it lost data): read again from the start rather than skip events
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "system-tests-event-signals");
        return props;
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
