package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.ApprovedWindows;
import dev.upgradeassist.notification.ledger.NotificationRecorder;
import dev.upgradeassist.platform.messaging.EventMetrics;
import org.springframework.stereotype.Service;

/**
 * Who is told what at each moment of a request (domain §f), the one entry point of the listeners; each family of
 * moments has a class of its own ({@link IntakeMoments}, {@link ReviewMoments}, {@link CallMoments},
 * {@link UpgradeMoments}, {@link ClockMoments}). Recipients come only from the event: customer emails go To the
 * requester and the point of contact (deduplicated), Cc the TAM when the event's contact names one, except on the US
 * Government instance (form {@code US_FEDERAL}), where CCs are disabled and the ledger copies no one; engineer emails
 * go to the addresses the event carries ({@link MomentMail}).
 * <p>
 * A record whose emails were in the ledger already (a redelivery or a replay) counts once as a duplicate of the
 * service ({@code upgrade_assist_events_duplicates_total{service}}), however many emails it calls for.
 */
@Service
class Moments {

    private final IntakeMoments intake;
    private final ReviewMoments review;
    private final CallMoments calls;
    private final UpgradeMoments upgrade;
    private final ClockMoments clocks;

    Moments(NotificationRecorder recorder, NotificationProperties properties, EventMetrics eventMetrics,
            EngineerDirectory directory, ApprovedWindows windows) {
        MomentMail mail = new MomentMail(recorder, eventMetrics);
        this.intake = new IntakeMoments(mail, directory);
        this.review = new ReviewMoments(mail, properties, directory, windows);
        this.calls = new CallMoments(mail, properties);
        this.upgrade = new UpgradeMoments(mail);
        this.clocks = new ClockMoments(mail, directory);
    }

    void requestReceived(RequestReceived event) {
        intake.requestReceived(event);
    }

    void requestAmended(RequestAmended event) {
        intake.requestAmended(event);
    }

    void commentAdded(CommentAdded event) {
        intake.commentAdded(event);
    }

    void infoMissing(InfoMissing event) {
        review.infoMissing(event);
    }

    void planApproved(PlanApproved event) {
        review.planApproved(event);
    }

    void changesRequested(ChangesRequested event) {
        review.changesRequested(event);
    }

    void requestDeclined(RequestDeclined event) {
        review.requestDeclined(event);
    }

    void bookingLinkIssued(BookingLinkIssued event) {
        calls.bookingLinkIssued(event);
    }

    void reviewCallBooked(ReviewCallBooked event) {
        calls.reviewCallBooked(event);
    }

    void reviewCallRescheduled(ReviewCallRescheduled event) {
        calls.reviewCallRescheduled(event);
    }

    void reviewCallCancelled(ReviewCallCancelled event) {
        calls.reviewCallCancelled(event);
    }

    void engineerHandedOff(EngineerHandedOff event) {
        upgrade.engineerHandedOff(event);
    }

    void ticketOnHold(TicketOnHold event) {
        upgrade.ticketOnHold(event);
    }

    void rollbackAdvised(RollbackAdvised event) {
        upgrade.rollbackAdvised(event);
    }

    void requestCompleted(RequestCompleted event) {
        upgrade.requestCompleted(event);
    }

    void slaBreached(SlaBreached event) {
        clocks.slaBreached(event);
    }

    void pendingReminderDue(PendingReminderDue event) {
        clocks.pendingReminderDue(event);
    }

    void onHoldRecheckDue(OnHoldRecheckDue event) {
        clocks.onHoldRecheckDue(event);
    }

    void callReminderDue(CallReminderDue event) {
        clocks.callReminderDue(event);
    }

    void requestClosed(RequestClosed event) {
        clocks.requestClosed(event);
    }
}
