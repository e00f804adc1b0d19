package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.ApprovedWindows;
import dev.upgradeassist.notification.ledger.MailRequest;
import dev.upgradeassist.notification.ledger.NotificationRecorder;
import dev.upgradeassist.platform.messaging.EventMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Every moment of a request, as the other services publish it, through the real moments: the emails (with their
 * template models) that the moments ask the ledger to record, in order. For tests of what the templates make of the
 * models the moments really produce (the golden mail test).
 */
public final class EveryMoment {

    private EveryMoment() {
    }

    /** The emails of every moment of {@code flow}; people's texts (feedback, comments) are {@code text}. */
    public static List<MailRequest> of(RequestFlow flow, String text) {
        NotificationRecorder ledger = mock(NotificationRecorder.class);
        when(ledger.record(any(), any())).thenReturn(false);
        NotificationProperties properties = new NotificationProperties("upgrade-assist@support.gitlab.example",
                "https://docs.example/plan", "https://tools.example/path", "https://upgrade-assist.example",
                new NotificationProperties.Delivery(Duration.ofSeconds(15), Duration.ofSeconds(60), 100, 4, 2000),
                new NotificationProperties.Retry(8, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60)),
                List.of(new NotificationProperties.Engineer("alice", "alice@gitlab.example", Region.AMER, true, null)));
        Moments all = new Moments(ledger, properties, new EventMetrics(new SimpleMeterRegistry(), "notification-service"),
                new EngineerDirectory(properties), mock(ApprovedWindows.class));

        all.requestReceived(flow.received());
        all.requestAmended(flow.amended());
        all.infoMissing(flow.infoMissing());
        all.planApproved(flow.approved());
        all.planApproved(flow.approvedByEngineer("alice", text));
        all.changesRequested(flow.changesRequested(text));
        all.changesRequested(TestEvents.changesRequested().requestId(flow.requestId).requestedBy("review-service")
                .assignee("alice").region(Region.AMER).contact(flow.contact()).build());
        all.changesRequested(TestEvents.changesRequested().requestId(flow.requestId).requestedBy("review-service")
                .assignee(null).region(Region.EMEA).contact(flow.contact()).build());
        all.requestDeclined(flow.declined());
        all.commentAdded(flow.engineerComment(CommentAdded.Visibility.PUBLIC, text));
        all.commentAdded(flow.customerComment(text, "alice", Region.AMER));
        all.commentAdded(flow.customerComment(text, null, Region.EMEA));
        all.bookingLinkIssued(flow.bookingLink());
        all.bookingLinkIssued(flow.bookingLinkReissued("link-2", "alice"));
        all.reviewCallBooked(flow.callBooked());
        all.reviewCallBooked(flow.callBookedWithInvitation());
        all.reviewCallRescheduled(flow.callRescheduled(1, RequestFlow.BOOKED_START, RequestFlow.MOVED_START));
        all.reviewCallCancelled(flow.callCancelled(2, RequestFlow.MOVED_START, ReviewCallCancelled.Reason.CUSTOMER_CANCELLED,
                "customer"));
        all.reviewCallCancelled(flow.callCancelled(3, RequestFlow.MOVED_START, ReviewCallCancelled.Reason.CHANGES_REQUESTED,
                "alice"));
        all.callReminderDue(flow.callReminder());
        all.callReminderDue(flow.callReminderWithChandra());
        all.engineerHandedOff(flow.handedOff());
        all.ticketOnHold(flow.onHold());
        all.onHoldRecheckDue(flow.onHoldRecheck("alice", Region.AMER));
        all.onHoldRecheckDue(flow.onHoldRecheck(null, Region.EMEA));
        all.rollbackAdvised(flow.rollbackAdvised(true));
        all.rollbackAdvised(flow.rollbackAdvised(false));
        all.requestCompleted(flow.completed());
        all.slaBreached(flow.slaBreached("alice", Region.AMER));
        all.slaBreached(flow.slaBreached(null, Region.EMEA));
        all.slaBreached(flow.slaBreached(dev.upgradeassist.contracts.SlaBreached.Kind.NEXT_RESPONSE, RequestFlow.SLA_DUE,
                "alice", Region.AMER));
        all.pendingReminderDue(flow.pendingReminder(RequestFlow.CLOSES_AT));
        all.pendingReminderDue(flow.pendingReminder(null));
        all.requestClosed(flow.closed(RequestClosed.Reason.NO_RESPONSE, "intake-service"));
        all.requestClosed(flow.closed(RequestClosed.Reason.ENGINEER_CLOSED, "alice"));

        ArgumentCaptor<MailRequest> captured = ArgumentCaptor.forClass(MailRequest.class);
        verify(ledger, atLeastOnce()).record(captured.capture(), any());
        return captured.getAllValues();
    }
}
