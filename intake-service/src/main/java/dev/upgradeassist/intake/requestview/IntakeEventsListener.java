package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Intake's own events, read back into the request view (so the view can be rebuilt from the topics). */
@Component
@KafkaListener(id = "intake-service-intake-events", idIsGroup = false, topics = Topics.INTAKE)
class IntakeEventsListener extends EventListenerSupport {

    private final RequestRecordProjector projector;

    IntakeEventsListener(RequestRecordProjector projector) {
        this.projector = projector;
    }

    @KafkaHandler
    void on(RequestReceived event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(RequestAmended event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(EngineerAssigned event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(UpgradeOutcomeReported event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(CommentAdded event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(SlaBreached event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(PendingReminderDue event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(OnHoldRecheckDue event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(CallReminderDue event) {
        projector.project(event);
    }

    @KafkaHandler
    void on(RequestClosed event) {
        projector.project(event);
    }
}
