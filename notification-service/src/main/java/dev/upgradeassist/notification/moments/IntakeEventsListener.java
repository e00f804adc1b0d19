package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Intake's events: the acknowledgement and the "we received your update" note. Other types are skipped. */
@Component
@KafkaListener(topics = Topics.INTAKE)
class IntakeEventsListener extends EventListenerSupport {

    private final Moments moments;

    IntakeEventsListener(Moments moments) {
        this.moments = moments;
    }

    @KafkaHandler
    public void on(RequestReceived event) {
        moments.requestReceived(event);
    }

    @KafkaHandler
    public void on(RequestAmended event) {
        moments.requestAmended(event);
    }
}
