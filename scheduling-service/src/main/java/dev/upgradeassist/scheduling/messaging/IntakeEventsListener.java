package dev.upgradeassist.scheduling.messaging;

import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import dev.upgradeassist.scheduling.booking.BookingService;
import dev.upgradeassist.scheduling.handoff.HandoffService;
import dev.upgradeassist.scheduling.outcome.OutcomeService;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Intake's facts scheduling acts on: assignments, amendments (the booking deadline) and the customer's outcome report.
 * Other types are skipped.
 */
@Component
@KafkaListener(topics = Topics.INTAKE)
public class IntakeEventsListener extends EventListenerSupport {

    private final HandoffService engineers;
    private final OutcomeService outcomes;
    private final BookingService bookings;

    public IntakeEventsListener(HandoffService engineers, OutcomeService outcomes, BookingService bookings) {
        this.engineers = engineers;
        this.outcomes = outcomes;
        this.bookings = bookings;
    }

    @KafkaHandler
    public void on(RequestAmended event) {
        bookings.amend(event);
    }

    @KafkaHandler
    public void on(EngineerAssigned event) {
        engineers.assigned(event);
    }

    @KafkaHandler
    public void on(UpgradeOutcomeReported event) {
        outcomes.reported(event);
    }
}
