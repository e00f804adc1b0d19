package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Intake's events: the acknowledgement, the "we received your update" note and the comments (an engineer's public
 * reply to the customer, a customer's reply to the engineers; internal notes are never emailed). Other types are skipped.
 */
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

    @KafkaHandler
    public void on(CommentAdded event) {
        moments.commentAdded(event);
    }
}
