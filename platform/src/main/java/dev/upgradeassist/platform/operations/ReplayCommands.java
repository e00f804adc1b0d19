package dev.upgradeassist.platform.operations;

import dev.upgradeassist.platform.ids.RandomIds;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import java.util.Collection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Carries an operator's replay to every running instance of a service: the instance that took the
 * HTTP call publishes a command on {@value #TOPIC}; every instance (itself included) hears it through a
 * consumer group of its own and rewinds the partitions it is assigned at that moment. Together they
 * cover every partition of the service's consumer group.
 */
public class ReplayCommands implements SmartLifecycle {

    public static final String TOPIC = "upgrade-assist.operations.replay";

    private static final Logger log = LoggerFactory.getLogger(ReplayCommands.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Command(String commandId, String service, String topic, Long timestamp) {
    }

    private final String service;
    private final List<EventListenerSupport> listeners;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaMessageListenerContainer<String, String> container;

    public ReplayCommands(String service, List<EventListenerSupport> listeners, KafkaTemplate<String, byte[]> kafka,
                          KafkaAdmin kafkaAdmin) {
        this.service = service;
        this.listeners = listeners;
        this.kafka = kafka;
        Map<String, Object> props = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, service + "-replay-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var factory = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer());
        ContainerProperties containerProperties = new ContainerProperties(TOPIC);
        containerProperties.setMessageListener((MessageListener<String, String>) record -> handle(record.value()));
        // read every command sent since this instance started, even one sent before its partitions were assigned
        long startedAt = System.currentTimeMillis();
        containerProperties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(partition -> times.put(partition, startedAt));
                consumer.offsetsForTimes(times).forEach((partition, offset) -> {
                    if (offset == null) {
                        consumer.seekToEnd(List.of(partition));
                    } else {
                        consumer.seek(partition, offset.offset());
                    }
                });
            }
        });
        this.container = new KafkaMessageListenerContainer<>(factory, containerProperties);
        this.container.setBeanName(service + "-replay-commands");
    }

    /** Tells every instance of this service to rewind {@code topic}; null timestamp = from the beginning. */
    public String broadcast(String topic, Long timestamp) throws Exception {
        Command command = new Command(RandomIds.uuid(), service, topic, timestamp);
        kafka.send(new ProducerRecord<>(TOPIC, service, JSON.writeValueAsBytes(command))).get(10, TimeUnit.SECONDS);
        return command.commandId();
    }

    void handle(String value) {
        try {
            Command command = JSON.readValue(value.getBytes(StandardCharsets.UTF_8), Command.class);
            if (!service.equals(command.service())) {
                return;
            }
            int sought = 0;
            for (EventListenerSupport listener : listeners) {
                sought += listener.rewind(command.topic(), command.timestamp()).size();
            }
            log.info("Replay command {}: rewound {} assigned partition(s) of {}", command.commandId(), sought,
                    command.topic());
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable replay command: {}", e.toString());
        }
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }
}
