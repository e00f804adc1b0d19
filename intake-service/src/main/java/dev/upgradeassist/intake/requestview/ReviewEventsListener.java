package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Review's decisions: deficiencies, findings, required stops and the status they imply. */
@Component
@KafkaListener(id = "intake-service-review-events", idIsGroup = false, topics = Topics.REVIEW)
class ReviewEventsListener extends EventListenerSupport {

    private final RequestViewProjector projector;

    ReviewEventsListener(RequestViewProjector projector) {
        this.projector = projector;
    }

    @KafkaHandler
    void on(InfoMissing event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(PlanApproved event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(RequestDeclined event) {
        projector.project(event);
    }
}
