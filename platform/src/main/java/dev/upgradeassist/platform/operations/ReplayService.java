package dev.upgradeassist.platform.operations;

import dev.upgradeassist.platform.PlatformProperties;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import dev.upgradeassist.platform.web.ApiProblem;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Rewinds this service's consumer group on one of the topics it consumes. Every listener of this
 * instance seeks the partitions it is assigned; idempotent consumers make the re-read harmless.
 */
public class ReplayService {

    private final PlatformProperties properties;
    private final List<EventListenerSupport> listeners;
    private final KafkaAdmin kafkaAdmin;
    private final String groupId;

    public ReplayService(PlatformProperties properties, List<EventListenerSupport> listeners, KafkaAdmin kafkaAdmin,
                         String groupId) {
        this.properties = properties;
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.groupId = groupId;
    }

    public ReplayController.ReplayView replay(String topic, String from) {
        if (!properties.consumes().contains(topic)) {
            throw ApiProblem.badRequest("topic", "this service consumes only " + properties.consumes());
        }
        Long timestamp = parseFrom(from);
        Set<TopicPartition> sought = new TreeSet<>((a, b) -> Integer.compare(a.partition(), b.partition()));
        for (EventListenerSupport listener : listeners) {
            sought.addAll(listener.rewind(topic, timestamp));
        }
        return new ReplayController.ReplayView(topic, from, groupId, offsets(sought, timestamp));
    }

    private static Long parseFrom(String from) {
        if ("EARLIEST".equalsIgnoreCase(from)) {
            return null;
        }
        try {
            return Instant.parse(from).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("from", "must be EARLIEST or an RFC 3339 time such as 2026-12-01T00:00:00Z");
        }
    }

    private List<ReplayController.PartitionView> offsets(Set<TopicPartition> partitions, Long timestamp) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, timestamp == null ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(timestamp)));
        List<ReplayController.PartitionView> views = new ArrayList<>();
        if (request.isEmpty()) {
            return views;
        }
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                    admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
            for (TopicPartition partition : partitions) {
                long offset = result.get(partition).offset();
                views.add(new ReplayController.PartitionView(partition.partition(), offset));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            partitions.forEach(p -> views.add(new ReplayController.PartitionView(p.partition(), -1)));
        }
        return views;
    }
}
