package dev.upgradeassist.notification.moments;

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
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Scheduling's events: links, calls (booked, moved, cancelled), hand-offs, the on-hold reminder, rollback advice and completion. */
@Component
@KafkaListener(topics = Topics.SCHEDULING)
class SchedulingEventsListener extends EventListenerSupport {

    private static final Logger log = LoggerFactory.getLogger(SchedulingEventsListener.class);

    private final Moments moments;

    SchedulingEventsListener(Moments moments) {
        this.moments = moments;
    }

    @KafkaHandler
    public void on(BookingLinkIssued event) {
        moments.bookingLinkIssued(event);
    }

    @KafkaHandler
    public void on(ReviewCallBooked event) {
        moments.reviewCallBooked(event);
    }

    @KafkaHandler
    public void on(ReviewCallRescheduled event) {
        moments.reviewCallRescheduled(event);
    }

    @KafkaHandler
    public void on(ReviewCallCancelled event) {
        moments.reviewCallCancelled(event);
    }

    @KafkaHandler
    public void on(EngineerHandedOff event) {
        moments.engineerHandedOff(event);
    }

    @KafkaHandler
    public void on(TicketOnHold event) {
        moments.ticketOnHold(event);
    }

    @KafkaHandler
    public void on(RollbackAdvised event) {
        moments.rollbackAdvised(event);
    }

    @KafkaHandler
    public void on(RequestCompleted event) {
        moments.requestCompleted(event);
    }

    /**
     * No email: the event carries no contact, an expired link needs no action from the customer
     * (the engineer re-issues one, which is emailed), and a revoked link was replaced by a new one.
     */
    @KafkaHandler
    public void on(BookingLinkExpired event) {
        log.debug("Booking link {} of request {} {}: no email", event.linkId(), event.requestId(), event.reason());
    }
}
