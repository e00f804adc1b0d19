package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.DomainEvent;

import java.util.UUID;

/**
 * Test builders for every event, seeded from its golden file with a fresh event id:
 * {@code TestEvents.planApproved().requestId(id).revision(2).build()}. Kept in step with the records by
 * {@code TestEventsTest}, which builds every type; regenerate with {@code scripts/generate-event-builders.py}.
 */
public final class TestEvents {

    private TestEvents() {
    }

    public static BookingLinkExpiredBuilder bookingLinkExpired() {
        return new BookingLinkExpiredBuilder(GoldenEvents.read(dev.upgradeassist.contracts.BookingLinkExpired.class)).eventId(UUID.randomUUID().toString());
    }

    public static BookingLinkIssuedBuilder bookingLinkIssued() {
        return new BookingLinkIssuedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.BookingLinkIssued.class)).eventId(UUID.randomUUID().toString());
    }

    public static CallReminderDueBuilder callReminderDue() {
        return new CallReminderDueBuilder(GoldenEvents.read(dev.upgradeassist.contracts.CallReminderDue.class)).eventId(UUID.randomUUID().toString());
    }

    public static ChangesRequestedBuilder changesRequested() {
        return new ChangesRequestedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.ChangesRequested.class)).eventId(UUID.randomUUID().toString());
    }

    public static CommentAddedBuilder commentAdded() {
        return new CommentAddedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.CommentAdded.class)).eventId(UUID.randomUUID().toString());
    }

    public static EngineerAssignedBuilder engineerAssigned() {
        return new EngineerAssignedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.EngineerAssigned.class)).eventId(UUID.randomUUID().toString());
    }

    public static EngineerHandedOffBuilder engineerHandedOff() {
        return new EngineerHandedOffBuilder(GoldenEvents.read(dev.upgradeassist.contracts.EngineerHandedOff.class)).eventId(UUID.randomUUID().toString());
    }

    public static InfoMissingBuilder infoMissing() {
        return new InfoMissingBuilder(GoldenEvents.read(dev.upgradeassist.contracts.InfoMissing.class)).eventId(UUID.randomUUID().toString());
    }

    public static NotificationFailedBuilder notificationFailed() {
        return new NotificationFailedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.NotificationFailed.class)).eventId(UUID.randomUUID().toString());
    }

    public static NotificationSentBuilder notificationSent() {
        return new NotificationSentBuilder(GoldenEvents.read(dev.upgradeassist.contracts.NotificationSent.class)).eventId(UUID.randomUUID().toString());
    }

    public static OnHoldRecheckDueBuilder onHoldRecheckDue() {
        return new OnHoldRecheckDueBuilder(GoldenEvents.read(dev.upgradeassist.contracts.OnHoldRecheckDue.class)).eventId(UUID.randomUUID().toString());
    }

    public static PendingReminderDueBuilder pendingReminderDue() {
        return new PendingReminderDueBuilder(GoldenEvents.read(dev.upgradeassist.contracts.PendingReminderDue.class)).eventId(UUID.randomUUID().toString());
    }

    public static PlanApprovedBuilder planApproved() {
        return new PlanApprovedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.PlanApproved.class)).eventId(UUID.randomUUID().toString());
    }

    public static PlanAwaitingApprovalBuilder planAwaitingApproval() {
        return new PlanAwaitingApprovalBuilder(GoldenEvents.read(dev.upgradeassist.contracts.PlanAwaitingApproval.class)).eventId(UUID.randomUUID().toString());
    }

    public static RequestAmendedBuilder requestAmended() {
        return new RequestAmendedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.RequestAmended.class)).eventId(UUID.randomUUID().toString());
    }

    public static RequestClosedBuilder requestClosed() {
        return new RequestClosedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.RequestClosed.class)).eventId(UUID.randomUUID().toString());
    }

    public static RequestCompletedBuilder requestCompleted() {
        return new RequestCompletedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.RequestCompleted.class)).eventId(UUID.randomUUID().toString());
    }

    public static RequestDeclinedBuilder requestDeclined() {
        return new RequestDeclinedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.RequestDeclined.class)).eventId(UUID.randomUUID().toString());
    }

    public static RequestReceivedBuilder requestReceived() {
        return new RequestReceivedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.RequestReceived.class)).eventId(UUID.randomUUID().toString());
    }

    public static ReviewCallBookedBuilder reviewCallBooked() {
        return new ReviewCallBookedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.ReviewCallBooked.class)).eventId(UUID.randomUUID().toString());
    }

    public static ReviewCallCancelledBuilder reviewCallCancelled() {
        return new ReviewCallCancelledBuilder(GoldenEvents.read(dev.upgradeassist.contracts.ReviewCallCancelled.class)).eventId(UUID.randomUUID().toString());
    }

    public static ReviewCallRescheduledBuilder reviewCallRescheduled() {
        return new ReviewCallRescheduledBuilder(GoldenEvents.read(dev.upgradeassist.contracts.ReviewCallRescheduled.class)).eventId(UUID.randomUUID().toString());
    }

    public static RollbackAdvisedBuilder rollbackAdvised() {
        return new RollbackAdvisedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.RollbackAdvised.class)).eventId(UUID.randomUUID().toString());
    }

    public static SlaBreachedBuilder slaBreached() {
        return new SlaBreachedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.SlaBreached.class)).eventId(UUID.randomUUID().toString());
    }

    public static TicketOnHoldBuilder ticketOnHold() {
        return new TicketOnHoldBuilder(GoldenEvents.read(dev.upgradeassist.contracts.TicketOnHold.class)).eventId(UUID.randomUUID().toString());
    }

    public static UpgradeOutcomeReportedBuilder upgradeOutcomeReported() {
        return new UpgradeOutcomeReportedBuilder(GoldenEvents.read(dev.upgradeassist.contracts.UpgradeOutcomeReported.class)).eventId(UUID.randomUUID().toString());
    }

}
