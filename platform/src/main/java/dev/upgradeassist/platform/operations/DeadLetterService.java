package dev.upgradeassist.platform.operations;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.PlatformProperties;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.web.ApiProblem;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Lists the dead letters of the topics this service consumes and re-drives chosen ones into their
 * source topic with the same key, value and CloudEvents headers (so the same {@code ce_id}: the
 * consumers' idempotency makes a second re-drive harmless). Only this service's consumed topics are
 * accepted as sources and destinations.
 */
public class DeadLetterService {

    private static final String ORIGINAL_TOPIC = KafkaHeaders.DLT_ORIGINAL_TOPIC;
    private static final String EXCEPTION_FQCN = KafkaHeaders.DLT_EXCEPTION_FQCN;
    private static final String EXCEPTION_MESSAGE = KafkaHeaders.DLT_EXCEPTION_MESSAGE;

    private final PlatformProperties properties;
    private final KafkaAdmin kafkaAdmin;
    private final KafkaTemplate<String, byte[]> kafka;

    public DeadLetterService(PlatformProperties properties, KafkaAdmin kafkaAdmin, KafkaTemplate<String, byte[]> kafka) {
        this.properties = properties;
        this.kafkaAdmin = kafkaAdmin;
        this.kafka = kafka;
    }

    /**
     * A dead letter as an operator sees it. {@code failure}: {@code POISON} (the event was refused as invalid; {@code
     * reason} says why, in the service's words), {@code UNREADABLE} (the record is not a readable event) or {@code
     * FAILED} (processing failed; the service's log has the cause). No internal class names or exception texts.
     */
    public record DeadLetterView(String topic, int partition, long offset, String key, String ceType, String ceId,
                                 String failure, String reason, String originalTopic, Instant timestamp) {
    }

    public record RecordRef(@jakarta.validation.constraints.PositiveOrZero int partition,
                            @jakarta.validation.constraints.PositiveOrZero long offset) {
    }

    public record RedriveResult(int partition, long offset, String status, String targetTopic, Integer targetPartition,
                                Long targetOffset) {
    }

    public List<DeadLetterView> list(String deadLetterTopic, int limit) {
        checkDeadLetterTopic(deadLetterTopic);
        List<DeadLetterView> views = new ArrayList<>();
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
            if (partitions.isEmpty()) {
                return views;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (views.size() < limit && !reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (views.size() < limit) {
                        views.add(view(record));
                    }
                }
            }
        }
        return views;
    }

    public List<RedriveResult> redrive(String deadLetterTopic, List<RecordRef> records) {
        checkDeadLetterTopic(deadLetterTopic);
        List<RedriveResult> results = new ArrayList<>();
        try (var consumer = consumer()) {
            for (RecordRef ref : records) {
                results.add(redriveOne(consumer, deadLetterTopic, ref));
            }
        }
        return results;
    }

    private RedriveResult redriveOne(KafkaConsumer<String, byte[]> consumer, String deadLetterTopic, RecordRef ref) {
        Optional<ConsumerRecord<String, byte[]>> found = fetch(consumer, new TopicPartition(deadLetterTopic, ref.partition()),
                ref.offset());
        if (found.isEmpty()) {
            return new RedriveResult(ref.partition(), ref.offset(), "NOT_FOUND", null, null, null);
        }
        ConsumerRecord<String, byte[]> record = found.get();
        String target = header(record, ORIGINAL_TOPIC);
        if (target == null || !properties.consumes().contains(target)) {
            return new RedriveResult(ref.partition(), ref.offset(), "REFUSED_NOT_ALLOWED", target, null, null);
        }
        var out = new ProducerRecord<String, byte[]>(target, record.key(), record.value());
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_") || header.key().equals(CloudEventHeaders.CONTENT_TYPE)
                    || header.key().equals("traceparent")) {
                out.headers().add(header.key(), header.value());
            }
        }
        try {
            RecordMetadata metadata = kafka.send(out).get(10, TimeUnit.SECONDS).getRecordMetadata();
            return new RedriveResult(ref.partition(), ref.offset(), "REDRIVEN", target, metadata.partition(),
                    metadata.offset());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new RedriveResult(ref.partition(), ref.offset(), "FAILED", target, null, null);
        }
    }

    private Optional<ConsumerRecord<String, byte[]>> fetch(KafkaConsumer<String, byte[]> consumer, TopicPartition partition,
                                                           long offset) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() == offset) {
                    return Optional.of(record);
                }
                if (record.offset() > offset) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private void checkDeadLetterTopic(String topic) {
        List<String> allowed = properties.consumes().stream().map(Topics::deadLetter).toList();
        if (topic == null || !allowed.contains(topic)) {
            throw ApiProblem.badRequest("topic", "must be one of " + allowed);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (var entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static DeadLetterView view(ConsumerRecord<String, byte[]> record) {
        String fqcn = header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        if (fqcn == null) {
            fqcn = header(record, EXCEPTION_FQCN);
        }
        String failure;
        String reason = null;
        if (PoisonEventException.class.getName().equals(fqcn)) {
            failure = "POISON";
            reason = header(record, EXCEPTION_MESSAGE);
            // the service's own words: the part after Spring's "Listener method ... threw exception; " prefix
            if (reason != null && reason.contains("threw exception; ")) {
                reason = reason.substring(reason.indexOf("threw exception; ") + "threw exception; ".length());
            }
        } else if (fqcn != null && (fqcn.endsWith("DeserializationException") || fqcn.endsWith("SerializationException")
                || fqcn.endsWith("MessageConversionException"))) {
            failure = "UNREADABLE";
        } else {
            failure = "FAILED";
        }
        return new DeadLetterView(record.topic(), record.partition(), record.offset(), record.key(),
                header(record, CloudEventHeaders.TYPE), header(record, CloudEventHeaders.ID), failure, reason,
                header(record, ORIGINAL_TOPIC), Instant.ofEpochMilli(record.timestamp()));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
