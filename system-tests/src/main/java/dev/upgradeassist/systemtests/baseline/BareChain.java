package dev.upgradeassist.systemtests.baseline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pipeline's Kafka plumbing and nothing else: a source topic and three consuming hops with
 * plain kafka-clients, each hop a consumer group that forwards every record to the next topic and
 * commits synchronously after each polled batch once the broker has acknowledged the forwarded
 * records (what a Spring Kafka listener with the default BATCH ack mode and an acks=all,
 * idempotent producer does), the last hop recording the end-to-end latency. No MongoDB, no SMTP,
 * no HTTP, no JSON; keyed by request id with a 1.5 KB value like the pipeline's events.
 */
public final class BareChain implements AutoCloseable {

    public record Result(long records, double seconds, double perSecond, Histogram latencyMicros) {
    }

    private static final int HOPS = 3;
    private final String bootstrap;
    private final String tag;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean running = true;
    private volatile Histogram latency = new Histogram(60_000_000L, 3);
    private volatile CountDownLatch expected = new CountDownLatch(0);
    private final byte[] value;

    public BareChain(String bootstrap, String tag) {
        this.bootstrap = bootstrap;
        this.tag = tag;
        StringBuilder json = new StringBuilder("{\"eventId\":\"").append(UUID.randomUUID()).append("\",\"payload\":\"");
        while (json.length() < 1_500) {
            json.append("upgrade-assist ");
        }
        this.value = json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    public List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i <= HOPS - 1; i++) {
            topics.add("systemtests.chain-" + tag + "." + i);
        }
        return topics;
    }

    /** Starts the three hops (hop 1 and 2 forward, hop 3 records); returns once their consumers have partitions. */
    public void start() throws InterruptedException {
        List<String> topics = topics();
        CountDownLatch assigned = new CountDownLatch(HOPS);
        for (int hop = 0; hop < HOPS; hop++) {
            String in = topics.get(hop);
            String out = hop + 1 < HOPS ? topics.get(hop + 1) : null;
            int h = hop;
            Thread t = new Thread(() -> runHop(h, in, out, assigned), "chain-hop-" + (hop + 1));
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        if (!assigned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("chain consumers got no partitions within 60 s");
        }
    }

    private void runHop(int hop, String in, String out, CountDownLatch assigned) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "systemtests.chain-" + tag + ".hop" + (hop + 1));
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
             var producer = out == null ? null : new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            boolean[] signalled = {false};
            consumer.subscribe(List.of(in));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!signalled[0] && !consumer.assignment().isEmpty()) {
                    signalled[0] = true;
                    assigned.countDown();
                }
                if (records.isEmpty()) {
                    continue;
                }
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (producer != null) {
                        var forward = new ProducerRecord<>(out, r.key(), r.value());
                        r.headers().forEach(h -> forward.headers().add(h));
                        sends.add(producer.send(forward));
                    } else {
                        long sent = ByteBuffer.wrap(r.headers().lastHeader("sent").value()).getLong();
                        latency.recordValue(Math.min((System.nanoTime() - sent) / 1000, 60_000_000L));
                        delivered.incrementAndGet();
                        expected.countDown();
                    }
                }
                for (Future<RecordMetadata> f : sends) {
                    f.get(30, TimeUnit.SECONDS);
                }
                consumer.commitSync();
            }
        } catch (Exception e) {
            if (running) {
                System.err.println("chain hop " + (hop + 1) + " failed: " + e);
            }
        }
    }

    /** Sends {@code count} records at {@code perSecond} (≤ 0: as fast as possible) and waits until the last hop has them all. */
    public Result run(long count, double perSecond, Duration timeout) throws Exception {
        latency = new Histogram(60_000_000L, 3);
        CountDownLatch done = new CountDownLatch((int) count);
        expected = done;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                if (perSecond > 0) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                var record = new ProducerRecord<>(topics().get(0), UUID.randomUUID().toString(), value);
                record.headers().add("sent", ByteBuffer.allocate(8).putLong(System.nanoTime()).array());
                producer.send(record);
            }
            producer.flush();
        }
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("bare chain delivered " + (count - done.getCount()) + " of " + count
                    + " within " + timeout);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(count, seconds, count / seconds, latency.copy());
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(t -> {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
