package dev.upgradeassist.notification;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Makes records arrive together: published while every listener container is paused, they wait for one poll. */
public final class Polls {

    private Polls() {
    }

    /** Pauses every listener container, waits until each has paused its consumers, publishes, and resumes them. */
    public static void whilePaused(KafkaListenerEndpointRegistry listeners, Runnable publish) {
        List<MessageListenerContainer> containers = new ArrayList<>(listeners.getAllListenerContainers());
        containers.forEach(MessageListenerContainer::pause);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    containers.stream().allMatch(MessageListenerContainer::isContainerPaused));
            publish.run();
        } finally {
            containers.forEach(MessageListenerContainer::resume);
        }
    }
}
