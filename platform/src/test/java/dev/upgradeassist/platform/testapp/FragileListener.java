package dev.upgradeassist.platform.testapp;

import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A listener that dies with an Error on demand, to prove that health notices a stopped container. */
@Component
@KafkaListener(id = "fragile", topics = Topics.SCHEDULING, groupId = "platform-test-fragile")
public class FragileListener extends EventListenerSupport {

    private final Switches switches;

    public FragileListener(Switches switches) {
        this.switches = switches;
    }

    @KafkaHandler
    public void on(RequestCompleted event) {
        if ("throw-error".equals(event.details()) && switches.throwError.get()) {
            throw new OutOfMemoryError("simulated fatal error in a listener");
        }
    }
}
