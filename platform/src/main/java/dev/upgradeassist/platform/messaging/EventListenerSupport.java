package dev.upgradeassist.platform.messaging;

import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;

import java.util.Set;
import java.util.TreeSet;
import java.util.Comparator;

/**
 * Base class for a service's Kafka listeners ({@code @KafkaListener} on the class, one
 * {@code @KafkaHandler void on(EventType)} per handled event). It
 * <ul>
 *   <li>skips, with a counter, event types the subclass has no handler for (and unknown types);</li>
 *   <li>keeps its seek callbacks, so that the operator replay can rewind it while it runs.</li>
 * </ul>
 */
public abstract class EventListenerSupport extends AbstractConsumerSeekAware {

    private EventMetrics eventMetrics;

    @Autowired
    void setEventMetrics(EventMetrics eventMetrics) {
        this.eventMetrics = eventMetrics;
    }

    @KafkaHandler(isDefault = true)
    public void skip(Object unhandled) {
        // a known event this listener has no handler for is tagged with its contract type id, never a class name
        String type = unhandled instanceof UnhandledEvent u ? u.typeId()
                : unhandled instanceof dev.upgradeassist.contracts.DomainEvent event
                        ? dev.upgradeassist.contracts.EventTypes.of(event).typeId() : "other";
        eventMetrics.skipped(type);
    }

    /**
     * Seeks every partition of {@code topic} that this instance is assigned to: to the beginning
     * when {@code timestamp} is null, else to the first offset at or after it. The consumer thread
     * performs the seek before its next poll.
     *
     * @return the partitions sought
     */
    public Set<TopicPartition> rewind(String topic, Long timestamp) {
        Set<TopicPartition> sought = new TreeSet<>(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        getTopicsAndCallbacks().forEach((partition, callbacks) -> {
            if (partition.topic().equals(topic)) {
                callbacks.forEach(callback -> {
                    if (timestamp == null) {
                        callback.seekToBeginning(partition.topic(), partition.partition());
                    } else {
                        callback.seekToTimestamp(partition.topic(), partition.partition(), timestamp);
                    }
                });
                sought.add(partition);
            }
        });
        return sought;
    }
}
