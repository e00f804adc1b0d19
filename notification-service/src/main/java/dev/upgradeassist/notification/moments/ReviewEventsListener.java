package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Review's decisions, each an email to the customer. {@code PlanAwaitingApproval} (a revision waiting for an engineer)
 * has no handler and is skipped: the customer hears of the engineer's decision, not of the wait.
 */
@Component
@KafkaListener(topics = Topics.REVIEW)
class ReviewEventsListener extends EventListenerSupport {

    private final Moments moments;

    ReviewEventsListener(Moments moments) {
        this.moments = moments;
    }

    @KafkaHandler
    public void on(InfoMissing event) {
        moments.infoMissing(event);
    }

    @KafkaHandler
    public void on(PlanApproved event) {
        moments.planApproved(event);
    }

    @KafkaHandler
    public void on(ChangesRequested event) {
        moments.changesRequested(event);
    }

    @KafkaHandler
    public void on(RequestDeclined event) {
        moments.requestDeclined(event);
    }
}
