package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Intake's events: the acknowledgement, the "we received your update" note, the comments (an engineer's public
 * reply to the customer, a customer's reply to the engineers; internal notes are never emailed) and the clocks (an SLA
 * breach to Support, the pending and on-hold reminders, the call reminder, the closing). Other types are skipped.
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

    @KafkaHandler
    public void on(SlaBreached event) {
        moments.slaBreached(event);
    }

    @KafkaHandler
    public void on(PendingReminderDue event) {
        moments.pendingReminderDue(event);
    }

    @KafkaHandler
    public void on(OnHoldRecheckDue event) {
        moments.onHoldRecheckDue(event);
    }

    @KafkaHandler
    public void on(CallReminderDue event) {
        moments.callReminderDue(event);
    }

    @KafkaHandler
    public void on(RequestClosed event) {
        moments.requestClosed(event);
    }
}
