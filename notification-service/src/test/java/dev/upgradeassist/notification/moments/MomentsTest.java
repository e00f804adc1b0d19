package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.ChangesRequested;
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
import dev.upgradeassist.notification.templates.MailRenderer;
import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.notification.templates.RequestLinks;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import dev.upgradeassist.platform.messaging.EventMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A record handled before counts once as a duplicate of the service, however many emails it calls for. */
class MomentsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NotificationRecorder ledger = ledger();
    private final NotificationProperties properties = new NotificationProperties("upgrade-assist@support.gitlab.example",
            "https://docs.example/plan", "https://tools.example/path", "https://upgrade-assist.example",
            new NotificationProperties.Delivery(Duration.ofSeconds(15), Duration.ofSeconds(60), 100, 4, 2000),
            new NotificationProperties.Retry(8, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60)), List.of());
    private final Moments moments = new Moments(ledger, properties, new EventMetrics(registry, "notification-service"),
            new EngineerDirectory(properties), mock(ApprovedWindows.class));

    /** The ledger's writes mocked; how a record is counted as a duplicate is its own (outside a poll: at once). */
    private static NotificationRecorder ledger() {
        NotificationRecorder ledger = mock(NotificationRecorder.class);
        org.mockito.Mockito.doCallRealMethod().when(ledger).handled(org.mockito.ArgumentMatchers.anyBoolean(), any());
        return ledger;
    }

    @Test
    void a_redelivered_record_with_two_emails_counts_one_duplicate() {
        when(ledger.record(any(), any())).thenReturn(true);

        moments.reviewCallBooked(RequestFlow.request().callBooked());

        verify(ledger, times(2)).record(any(), any());
        assertThat(duplicates()).isEqualTo(1);
    }

    @Test
    void a_record_one_of_whose_emails_was_recorded_before_counts_one_duplicate() {
        when(ledger.record(any(), any())).thenReturn(true, false); // a crash came between the two emails

        moments.requestCompleted(RequestFlow.request().completed());

        assertThat(duplicates()).isEqualTo(1);
    }

    @Test
    void a_record_handled_for_the_first_time_counts_none() {
        when(ledger.record(any(), any())).thenReturn(false);

        moments.engineerHandedOff(RequestFlow.request().handedOff());
        moments.requestReceived(RequestFlow.request().received());

        assertThat(duplicates()).isZero();
    }

    @Test
    void a_recheck_by_review_service_tells_support_once_per_event_and_an_engineers_request_for_changes_does_not() {
        when(ledger.record(any(), any())).thenReturn(false);
        RequestFlow flow = RequestFlow.request();
        ChangesRequested recheck = TestEvents.changesRequested().requestId(flow.requestId).requestedBy("review-service")
                .assignee(null).region(null).contact(flow.contact()).build();

        moments.changesRequested(recheck);

        ArgumentCaptor<MailRequest> mails = ArgumentCaptor.forClass(MailRequest.class);
        verify(ledger, times(2)).record(mails.capture(), any());
        assertThat(mails.getAllValues()).extracting(MailRequest::template)
                .containsExactly(Template.CHANGES_REQUESTED, Template.PLAN_RECHECK_ENGINEER);
        MailRequest support = mails.getAllValues().get(1);
        assertThat(support.onceKey()).isEqualTo("changes-requested:" + flow.requestId + ":" + recheck.eventId());
        assertThat(support.to()).isEmpty(); // an empty directory: nobody, with the reason for the FAILED entry
        assertThat(support.noRecipientReason()).startsWith("no recipient: the request is unassigned");
        assertThat(support.to()).doesNotContain(flow.requester);

        moments.changesRequested(TestEvents.changesRequested().requestId(flow.requestId).requestedBy("alice")
                .contact(flow.contact()).build());
        verify(ledger, times(3)).record(any(), any());
        assertThat(duplicates()).isZero();
    }

    /**
     * Every moment of a request, as the other services publish it, through the real moments and the real renderer:
     * every email to the customer carries the exact link of the customer's page of this request, and the approval
     * the runbook's; Support's emails never carry the customer's link, only the console's.
     */
    @Test
    void every_customer_email_of_every_moment_carries_its_requests_page_link_and_no_support_email_does() {
        when(ledger.record(any(), any())).thenReturn(false);
        NotificationProperties withDirectory = new NotificationProperties(properties.from(), properties.planGuideUrl(),
                properties.upgradePathUrl(), properties.webBaseUrl(), properties.delivery(), properties.retry(),
                List.of(new NotificationProperties.Engineer("alice", "alice@gitlab.example", Region.AMER, true, null)));
        Moments all = new Moments(ledger, withDirectory, new EventMetrics(registry, "notification-service"),
                new EngineerDirectory(withDirectory), mock(ApprovedWindows.class));
        RequestFlow flow = RequestFlow.request();

        all.requestReceived(flow.received());
        all.requestAmended(flow.amended());
        all.infoMissing(flow.infoMissing());
        all.planApproved(flow.approved());
        all.changesRequested(flow.changesRequested("Please time a restore."));
        all.changesRequested(TestEvents.changesRequested().requestId(flow.requestId).requestedBy("review-service")
                .assignee("alice").region(Region.AMER).contact(flow.contact()).build());
        all.requestDeclined(flow.declined());
        all.commentAdded(flow.engineerComment(CommentAdded.Visibility.PUBLIC, "Looks good."));
        all.commentAdded(flow.customerComment("Thanks!", "alice", Region.AMER));
        all.bookingLinkIssued(flow.bookingLink());
        all.reviewCallBooked(flow.callBookedWithInvitation());
        all.reviewCallRescheduled(flow.callRescheduled(1, RequestFlow.BOOKED_START, RequestFlow.MOVED_START));
        all.reviewCallCancelled(flow.callCancelled(2, RequestFlow.MOVED_START, ReviewCallCancelled.Reason.CUSTOMER_CANCELLED,
                "customer"));
        all.callReminderDue(flow.callReminder());
        all.engineerHandedOff(flow.handedOff());
        all.ticketOnHold(flow.onHold());
        all.onHoldRecheckDue(flow.onHoldRecheck("alice", Region.AMER));
        all.rollbackAdvised(flow.rollbackAdvised(true));
        all.requestCompleted(flow.completed());
        all.slaBreached(flow.slaBreached("alice", Region.AMER));
        all.pendingReminderDue(flow.pendingReminder(RequestFlow.CLOSES_AT));
        all.requestClosed(flow.closed(RequestClosed.Reason.NO_RESPONSE, "intake-service"));
        all.requestClosed(flow.closed(RequestClosed.Reason.ENGINEER_CLOSED, "alice"));

        ArgumentCaptor<MailRequest> captured = ArgumentCaptor.forClass(MailRequest.class);
        verify(ledger, org.mockito.Mockito.atLeastOnce()).record(captured.capture(), any());
        List<MailRequest> mails = captured.getAllValues();
        assertThat(mails).extracting(MailRequest::template).as("every kind of email").containsAll(List.of(Template.values()));

        String secret = "a-test-secret-of-at-least-32-characters";
        MailRenderer renderer = new MailRenderer(new RequestLinks(new CustomerPageTokens(secret),
                "https://upgrade-assist.example/"));
        String page = "https://upgrade-assist.example/r/" + new CustomerPageTokens(secret).tokenFor(flow.requestId);
        String console = "https://upgrade-assist.example/console/requests/" + flow.requestId;
        for (MailRequest mail : mails) {
            assertThat(mail.requestId()).as(mail.template().tag()).isEqualTo(flow.requestId);
            RenderedMail rendered = renderer.render(mail.template(), mail.requestId(), mail.ticketId(), mail.model(),
                    mail.invitation());
            if (mail.template().audience() == Template.Audience.CUSTOMER) {
                assertThat(mail.to()).as(mail.template().tag()).contains(flow.requester);
                assertThat(rendered.text()).as(mail.template().tag())
                        .contains("Your request page (status, what is missing, the conversation, reply): " + page + "\n")
                        .doesNotContain("/console/");
                assertThat(rendered.html()).as(mail.template().tag())
                        .contains("<a href=\"" + page + "\">" + page + "</a>").doesNotContain("/console/");
            } else {
                assertThat(mail.to()).as(mail.template().tag()).doesNotContain(flow.requester, flow.contactEmail);
                assertThat(rendered.text()).as(mail.template().tag()).doesNotContain("/r/")
                        .contains("The request in the support console: " + console + "\n");
                assertThat(rendered.html()).as(mail.template().tag()).doesNotContain("/r/")
                        .contains("<a href=\"" + console + "\">" + console + "</a>");
            }
            if (mail.template() == Template.PLAN_APPROVED) {
                assertThat(rendered.text()).contains("Your upgrade runbook: " + page + "/runbook\n");
                assertThat(rendered.html()).contains("<a href=\"" + page + "/runbook\">" + page + "/runbook</a>");
            } else {
                assertThat(rendered.text()).as(mail.template().tag()).doesNotContain("/runbook");
            }
        }
    }

    private double duplicates() {
        return registry.get("upgrade_assist.events.duplicates").tag("service", "notification-service").counter().count();
    }

    @Test
    void a_persons_text_keeps_its_lines_whatever_ends_them_and_loses_other_control_characters() {
        assertThat(MomentText.lines("\r\n first\r\nsecond\rthird\u2028fourth\n\n\tfifth\u0007 \n\n"))
                .containsExactly(" first", "second", "third", "fourth", "", "\tfifth");
        assertThat(MomentText.lines(null)).isEmpty();
        assertThat(MomentText.lines(" \n ")).isEmpty();
    }
}
