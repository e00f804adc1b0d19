package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.ApprovedWindows;
import dev.upgradeassist.notification.ledger.MailRequest;
import dev.upgradeassist.notification.ledger.NotificationRecorder;
import dev.upgradeassist.notification.templates.Template;
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
    private final NotificationRecorder ledger = mock(NotificationRecorder.class);
    private final NotificationProperties properties = new NotificationProperties("upgrade-assist@support.gitlab.example",
            "https://docs.example/plan", "https://tools.example/path",
            new NotificationProperties.Delivery(Duration.ofSeconds(15), Duration.ofSeconds(60), 100, 4, 2000),
            new NotificationProperties.Retry(8, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60)), List.of());
    private final Moments moments = new Moments(ledger, properties, new EventMetrics(registry, "notification-service"),
            new EngineerDirectory(properties), mock(ApprovedWindows.class));

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
