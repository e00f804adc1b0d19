package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.intake.request.RequestDecisions;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Review's decisions: deficiencies, findings, required stops, who decided and their feedback, and the status they
 * imply (IN_REVIEW, APPROVED, AWAITING_INFO, DECLINED).
 */
@Component
@KafkaListener(id = "intake-service-review-events", idIsGroup = false, topics = Topics.REVIEW)
class ReviewEventsListener extends EventListenerSupport {

    private final RequestDecisions decisions;
    private final RequestRecordProjector projector;

    ReviewEventsListener(RequestDecisions decisions, RequestRecordProjector projector) {
        this.decisions = decisions;
        this.projector = projector;
    }

    @KafkaHandler
    void on(InfoMissing event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(PlanApproved event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(PlanAwaitingApproval event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(ChangesRequested event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(RequestDeclined event) {
        projector.project(event, decisions.learn(event));
    }
}
