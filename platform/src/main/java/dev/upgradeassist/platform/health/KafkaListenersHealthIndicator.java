package dev.upgradeassist.platform.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * DOWN when a listener container that should run has stopped (for example after an {@code Error}
 * in a listener): the service would otherwise look healthy while consuming nothing.
 */
public class KafkaListenersHealthIndicator extends AbstractHealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    public KafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        super("Kafka listener check failed");
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean allRunning = true;
        for (MessageListenerContainer container : registry.getAllListenerContainers()) {
            boolean running = container.isRunning();
            builder.withDetail(container.getListenerId(), running ? "running" : "stopped");
            if (container.isAutoStartup() && !running) {
                allRunning = false;
            }
        }
        if (allRunning) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
