package dev.upgradeassist.scheduling.messaging;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import dev.upgradeassist.scheduling.booking.BookingService;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Review's decisions: approvals issue booking links or put tickets on hold; declines and requests for changes revoke
 * links. Other types (InfoMissing, PlanAwaitingApproval, unknown ones) are skipped with a counter.
 */
@Component
@KafkaListener(topics = Topics.REVIEW)
public class ReviewEventsListener extends EventListenerSupport {

    private final BookingService bookings;

    public ReviewEventsListener(BookingService bookings) {
        this.bookings = bookings;
    }

    @KafkaHandler
    public void on(PlanApproved event) {
        bookings.approve(event);
    }

    @KafkaHandler
    public void on(RequestDeclined event) {
        bookings.decline(event);
    }

    @KafkaHandler
    public void on(ChangesRequested event) {
        bookings.requestChanges(event);
    }
}
