package dev.upgradeassist.notification.moments;

import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.NotificationRecorder;
import dev.upgradeassist.platform.messaging.EventMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

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
            new EngineerDirectory(properties));

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
