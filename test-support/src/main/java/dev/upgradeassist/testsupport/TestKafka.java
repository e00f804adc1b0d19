package dev.upgradeassist.testsupport;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Talks to the test broker as another service or an attacker would: publishes CloudEvents records
 * (or raw poison), and reads whole topics back.
 */
public final class TestKafka {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private TestKafka() {
    }

    /** A record as read back: key, type, id and the raw headers/value. */
    public record Received(String topic, int partition, long offset, String key, String typeId, String eventId,
                           Map<String, String> headers, byte[] value) {

        public <T> T as(Class<T> type) {
            return JSON.readValue(value, type);
        }

        public String valueAsString() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    public static void publish(DomainEvent event) {
        publish(event, "/upgrade-assist/test");
    }

    /** Publishes an event exactly as a producing service would (binary-mode CloudEvent). */
    public static void publish(DomainEvent event, String source) {
        publish(event, source, Map.of());
    }

    /** As {@link #publish(DomainEvent, String)}, with extra headers such as a W3C {@code traceparent}. */
    public static void publish(DomainEvent event, String source, Map<String, String> extraHeaders) {
        EventTypes.EventType type = EventTypes.of(event);
        var record = new ProducerRecord<String, byte[]>(type.topic(), event.requestId(), JSON.writeValueAsBytes(event));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, event.eventId());
        header(record, CloudEventHeaders.TYPE, type.typeId());
        header(record, CloudEventHeaders.SOURCE, source);
        header(record, CloudEventHeaders.SUBJECT, event.requestId());
        header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        extraHeaders.forEach((name, value) -> header(record, name, value));
        send(record);
    }

    /** Publishes anything: a poison value, a wrong or missing type header. {@code typeId} may be null. */
    public static void publishRaw(String topic, String key, String typeId, byte[] value) {
        var record = new ProducerRecord<String, byte[]>(topic, key, value);
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, java.util.UUID.randomUUID().toString());
        if (typeId != null) {
            header(record, CloudEventHeaders.TYPE, typeId);
        }
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        send(record);
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + record.topic(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything currently on a topic (all partitions, from the beginning). */
    public static List<Received> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Received> result = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return result;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    result.add(received(record));
                }
            }
        }
        return result;
    }

    /** The records on a topic with this key (request id). */
    public static List<Received> readAll(String topic, String key) {
        return readAll(topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    public static List<Received> readAll(String topic, Predicate<Received> filter) {
        return readAll(topic).stream().filter(filter).toList();
    }

    /**
     * The events on a topic with this key as an idempotent consumer sees them: each event id once, at its first
     * record. Publishing is at least once (a record may repeat an event id after a crash or a lost acknowledgement),
     * so a test of what a service decided counts events, not records.
     */
    public static List<Received> events(String topic, String key) {
        return distinct(readAll(topic, key));
    }

    /** As {@link #events(String, String)}, for the events on a topic that match a filter. */
    public static List<Received> events(String topic, Predicate<Received> filter) {
        return distinct(readAll(topic, filter));
    }

    private static List<Received> distinct(List<Received> records) {
        Map<String, Received> first = new java.util.LinkedHashMap<>();
        for (Received record : records) {
            first.putIfAbsent(record.eventId() == null ? record.topic() + "@" + record.partition() + ":" + record.offset()
                    : record.eventId(), record);
        }
        return List.copyOf(first.values());
    }

    /**
     * Waits until a consumer group has committed past every record now on a topic with this key, that is until the
     * service behind the group has processed them all (it commits only what it has applied): the condition a test
     * needs before it asserts that a redelivery changed nothing, instead of a fixed delay.
     */
    public static void awaitConsumed(String groupId, String topic, String key, Duration atMost) {
        Map<TopicPartition, Long> needed = new java.util.HashMap<>();
        for (Received record : readAll(topic, key)) {
            needed.merge(new TopicPartition(topic, record.partition()), record.offset() + 1, Math::max);
        }
        Properties props = new Properties();
        props.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers());
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                return needed.entrySet().stream().allMatch(entry -> {
                    var offset = committed.get(entry.getKey());
                    return offset != null && offset.offset() >= entry.getValue();
                });
            });
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (var entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Received received(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new Received(record.topic(), record.partition(), record.offset(), record.key(),
                headers.get(CloudEventHeaders.TYPE), headers.get(CloudEventHeaders.ID), headers, record.value());
    }
}
