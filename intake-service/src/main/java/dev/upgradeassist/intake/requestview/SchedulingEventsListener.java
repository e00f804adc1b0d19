package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.intake.request.RequestDecisions;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Scheduling's events: booking link (issued on approval or re-issued by an engineer), review call (booked, rescheduled,
 * cancelled), hand-offs, on hold, rollback advice, completion. The request learns each first (its clocks and what it
 * accepts), then the view shows it.
 */
@Component
@KafkaListener(id = "intake-service-scheduling-events", idIsGroup = false, topics = Topics.SCHEDULING)
class SchedulingEventsListener extends EventListenerSupport {

    private final RequestDecisions decisions;
    private final RequestRecordProjector projector;

    SchedulingEventsListener(RequestDecisions decisions, RequestRecordProjector projector) {
        this.decisions = decisions;
        this.projector = projector;
    }

    @KafkaHandler
    void on(BookingLinkIssued event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(ReviewCallBooked event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(ReviewCallRescheduled event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(ReviewCallCancelled event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(BookingLinkExpired event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(EngineerHandedOff event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(TicketOnHold event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(RollbackAdvised event) {
        projector.project(event, decisions.learn(event));
    }

    @KafkaHandler
    void on(RequestCompleted event) {
        projector.project(event, decisions.learn(event));
    }
}
