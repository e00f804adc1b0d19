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
    private final ReplayCommands commands;

    public ReplayService(PlatformProperties properties, List<EventListenerSupport> listeners, KafkaAdmin kafkaAdmin,
                         String groupId, ReplayCommands commands) {
        this.properties = properties;
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.groupId = groupId;
        this.commands = commands;
    }

    public ReplayController.ReplayView replay(String topic, String from) {
        if (!properties.consumes().contains(topic)) {
            throw ApiProblem.badRequest("topic", "this service consumes only " + properties.consumes());
        }
        Long timestamp = parseFrom(from);
        try {
            // every instance of this service, this one included, rewinds the partitions it is assigned
            commands.broadcast(topic, timestamp);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ApiProblem(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "The replay could not be sent to the service's instances; nothing was changed", null);
        }
        Set<TopicPartition> partitions = new TreeSet<>((a, b) -> Integer.compare(a.partition(), b.partition()));
        partitions.addAll(allPartitions(topic));
        return new ReplayController.ReplayView(topic, from, groupId, offsets(partitions, timestamp));
    }

    private List<TopicPartition> allPartitions(String topic) {
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
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
