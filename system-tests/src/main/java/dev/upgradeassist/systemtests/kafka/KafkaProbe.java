package dev.upgradeassist.systemtests.kafka;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.systemtests.stack.Service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the harness asks the broker directly: consumer lag, whole topics, and records it injects. */
public final class KafkaProbe implements AutoCloseable {

    /** The topics the services consume (notification's topic has no consumer). */
    public static final List<String> CONSUMED = List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING);
    /** The consumer groups, one per service. */
    public static final List<String> GROUPS = java.util.Arrays.stream(Service.values()).map(Service::id).toList();

    private final String bootstrap;
    private final Admin admin;

    public KafkaProbe(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000);
        this.admin = Admin.create(props);
    }

    public String bootstrap() {
        return bootstrap;
    }

    /**
     * Lag per consumer group: the sum over the partitions of the topics it consumes of (end offset −
     * committed offset); a partition without a committed offset counts from 0.
     */
    public Map<String, Long> lag() throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(CONSUMED);
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        GROUPS.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        var result = admin.listConsumerGroupOffsets(specs);
        Map<String, Long> lag = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            Map<TopicPartition, OffsetAndMetadata> committed = result.partitionsToOffsetAndMetadata(service.id())
                    .get(8, TimeUnit.SECONDS);
            long total = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (!service.consumes().contains(end.getKey().topic())) {
                    continue;
                }
                OffsetAndMetadata c = committed.get(end.getKey());
                total += Math.max(0, end.getValue() - (c == null ? 0 : c.offset()));
            }
            lag.put(service.id(), total);
        }
        return lag;
    }

    /**
     * The committed offset of each consumer group on every partition of the topics it consumes; a
     * partition without a committed offset reads 0.
     */
    public Map<String, Map<TopicPartition, Long>> committedOffsets(Set<TopicPartition> partitions) throws Exception {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        GROUPS.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        var result = admin.listConsumerGroupOffsets(specs);
        Map<String, Map<TopicPartition, Long>> offsets = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            Map<TopicPartition, OffsetAndMetadata> committed = result.partitionsToOffsetAndMetadata(service.id())
                    .get(8, TimeUnit.SECONDS);
            Map<TopicPartition, Long> own = new HashMap<>();
            for (TopicPartition tp : partitions) {
                if (service.consumes().contains(tp.topic())) {
                    OffsetAndMetadata c = committed.get(tp);
                    own.put(tp, c == null ? 0 : c.offset());
                }
            }
            offsets.put(service.id(), own);
        }
        return offsets;
    }

    /** The first offset still stored on each partition of the topics. */
    public Map<TopicPartition, Long> startOffsets(List<String> topics) throws Exception {
        return offsets(topics, OffsetSpec.earliest());
    }

    public Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
        return offsets(topics, OffsetSpec.latest());
    }

    private Map<TopicPartition, Long> offsets(List<String> topics, OffsetSpec spec) throws Exception {
        Map<String, org.apache.kafka.clients.admin.TopicDescription> described =
                admin.describeTopics(topics).allTopicNames().get(8, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                request.put(new TopicPartition(d.name(), p.partition()), spec)));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(8, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    public long recordCount(String topic) throws Exception {
        return endOffsets(List.of(topic)).values().stream().mapToLong(Long::longValue).sum();
    }

    public void createTopics(List<String> topics, int partitions) throws Exception {
        Set<String> existing = admin.listTopics().names().get(8, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    public boolean topicExists(String topic) throws Exception {
        return admin.listTopics().names().get(8, TimeUnit.SECONDS).contains(topic);
    }

    /** One record as read back, with its headers as strings. */
    public record Record(String topic, int partition, long offset, String key, byte[] value, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name);
        }

        public String valueText() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    /** Every record of a topic up to its current end (a consumer without a group; offsets untouched). */
    public List<Record> readAll(String topic) throws Exception {
        if (!topicExists(topic)) {
            return List.of();
        }
        Map<TopicPartition, Long> ends = endOffsets(List.of(topic));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 50 * 1024 * 1024);
        List<Record> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than 5 minutes");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    records.add(new Record(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers));
                }
            }
        }
        return records;
    }

    /** One injected poison record: valid CloudEvents headers, a value that is not JSON. */
    public record Poison(String topic, String typeId, String eventId, String key) {
    }

    /**
     * Publishes {@code count} poison records spread round-robin over the consumed topics, each with a
     * type its topic carries, a fresh {@code ce_id} and a random key (so a random partition).
     */
    public List<Poison> injectPoison(int count, String source) throws Exception {
        Map<String, String> typeOf = Map.of(Topics.INTAKE, "RequestReceived.v1", Topics.REVIEW, "PlanApproved.v1",
                Topics.SCHEDULING, "BookingLinkIssued.v1");
        List<Poison> poison = new ArrayList<>();
        try (var producer = producer()) {
            for (int i = 0; i < count; i++) {
                String topic = CONSUMED.get(i % CONSUMED.size());
                Poison p = new Poison(topic, typeOf.get(topic), UUID.randomUUID().toString(), UUID.randomUUID().toString());
                byte[] value = ("{\"eventId\":\"" + p.eventId() + "\",\"requestId\": [broken json #" + i)
                        .getBytes(StandardCharsets.UTF_8);
                var record = new ProducerRecord<>(topic, p.key(), value);
                header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
                header(record, CloudEventHeaders.ID, p.eventId());
                header(record, CloudEventHeaders.TYPE, p.typeId());
                header(record, CloudEventHeaders.SOURCE, source);
                header(record, CloudEventHeaders.SUBJECT, p.key());
                header(record, CloudEventHeaders.TIME, java.time.Instant.now().toString());
                header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
                producer.send(record).get(30, TimeUnit.SECONDS);
                poison.add(p);
            }
        }
        return poison;
    }

    /**
     * For each poison record, the consumer groups whose failure put it into {@code <topic>-dlt}
     * (header {@code kafka_dlt-original-consumer-group}; "?" when the header is absent).
     */
    public Map<String, List<String>> deadLettered(List<Poison> poison) throws Exception {
        Map<String, List<String>> groupsById = new HashMap<>();
        Set<String> ids = poison.stream().map(Poison::eventId).collect(Collectors.toSet());
        for (String topic : CONSUMED) {
            for (Record r : readAll(Topics.deadLetter(topic))) {
                String id = r.header(CloudEventHeaders.ID);
                if (id != null && ids.contains(id)) {
                    String group = r.header("kafka_dlt-original-consumer-group");
                    groupsById.computeIfAbsent(id, k -> new ArrayList<>()).add(group == null ? "?" : group);
                }
            }
        }
        return groupsById;
    }

    public KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
