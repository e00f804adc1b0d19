package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.NotificationFailed;
import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.notification.templates.Template;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationEntryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MailRequest request = new MailRequest("r-1", "UA-1", "e-1", "RequestReceived.v1",
            Template.REQUEST_RECEIVED, List.of("a@b.example"), List.of(), Map.of());

    @Test
    void the_key_is_deterministic_and_ignores_recipient_order_and_case() {
        String key = NotificationKey.of("e-1", Template.REQUEST_RECEIVED, List.of("a@b.example", "C@d.example"), List.of("t@x.example"));

        assertThat(key).hasSize(64).matches("[0-9a-f]+")
                .isEqualTo(NotificationKey.of("e-1", Template.REQUEST_RECEIVED, List.of("c@d.example", "a@b.example"), List.of("T@x.example")))
                .isNotEqualTo(NotificationKey.of("e-2", Template.REQUEST_RECEIVED, List.of("a@b.example", "c@d.example"), List.of("t@x.example")))
                .isNotEqualTo(NotificationKey.of("e-1", Template.COMPLETED, List.of("a@b.example", "c@d.example"), List.of("t@x.example")));
        assertThat(NotificationKey.messageId(key)).isEqualTo("<" + key + "@upgrade-assist>");
    }

    @Test
    void a_pending_entry_becomes_sent_once_and_raises_notification_sent() {
        var entry = NotificationEntry.pending("k1", request, List.of("a@b.example"), List.of(), new RenderedMail("s", "t", "h"), NOW, java.time.Duration.ofSeconds(60));
        // claimed at birth: first attempt counted, hidden from other claims for the lease
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));

        assertThat(entry.markSent(NOW.plusSeconds(1))).isTrue();
        assertThat(entry.markSent(NOW.plusSeconds(2))).isFalse();

        assertThat(entry.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(entry.raisedEvents()).hasSize(1);
        var sent = entry.raisedEvents(NotificationSent.class).get(0);
        assertThat(sent.notificationKey()).isEqualTo("k1");
        assertThat(sent.template()).isEqualTo("request_received");
        assertThat(sent.messageId()).isEqualTo("<k1@upgrade-assist>");
        assertThat(sent.to()).containsExactly("a@b.example");
    }

    @Test
    void an_email_the_server_took_for_some_recipients_only_reports_those_as_sent() {
        var entry = NotificationEntry.pending("k3", request, List.of("a@b.example", "c@d.example"), List.of("t@x.example"),
                new RenderedMail("s", "t", "h"), NOW, Duration.ofSeconds(60));

        assertThat(entry.markSent(NOW, List.of("C@d.example"))).isTrue();

        var sent = entry.raisedEvents(NotificationSent.class).get(0);
        assertThat(sent.to()).containsExactly("a@b.example");
        assertThat(sent.cc()).containsExactly("t@x.example");
        assertThat(entry.to()).containsExactly("a@b.example", "c@d.example"); // the email as it was written
    }

    @Test
    void a_recipient_refused_for_now_is_retried_alone_with_the_same_message() {
        var email = NotificationEntry.pending("k4", request, List.of("a@b.example", "c@d.example"), List.of(),
                new RenderedMail("s", "t", "h"), NOW, Duration.ofSeconds(60));

        var retry = NotificationEntry.retryRecipient("k4-c", email, "c@d.example", "refused for now", NOW, NOW.plusSeconds(1));

        assertThat(retry.status()).isEqualTo(NotificationStatus.RETRYING);
        assertThat(retry.recipients()).containsExactly("c@d.example");
        assertThat(retry.to()).isEqualTo(email.to());
        assertThat(retry.messageId()).isEqualTo(email.messageId());
        assertThat(retry.html()).isEqualTo("h");
        assertThat(retry.markSent(NOW.plusSeconds(1))).isTrue();
        var sent = retry.raisedEvents(NotificationSent.class).get(0);
        assertThat(sent.to()).containsExactly("c@d.example");
        assertThat(sent.notificationKey()).isEqualTo("k4-c");
    }

    @Test
    void a_recipient_refused_for_good_is_failed_at_once_with_notification_failed() {
        var email = NotificationEntry.pending("k5", request, List.of("a@b.example", "c@d.example"), List.of(),
                new RenderedMail("s", "t", "h"), NOW, Duration.ofSeconds(60));

        var refused = NotificationEntry.refusedRecipient("k5-c", email, "c@d.example", "refused (reply 550)", NOW);

        assertThat(refused.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(refused.to()).containsExactly("c@d.example");
        var failed = refused.raisedEvents(NotificationFailed.class).get(0);
        assertThat(failed.reason()).isEqualTo("refused (reply 550)");
        assertThat(failed.notificationKey()).isEqualTo("k5-c");
    }

    @Test
    void failed_attempts_retry_then_fail_with_notification_failed() {
        var entry = NotificationEntry.pending("k2", request, List.of("a@b.example"), List.of(), new RenderedMail("s", "t", "h"), NOW, java.time.Duration.ofSeconds(60));

        assertThat(entry.attemptFailed("connection refused", NOW, NOW.plusSeconds(1))).isFalse();
        assertThat(entry.status()).isEqualTo(NotificationStatus.RETRYING);
        assertThat(entry.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(entry.raisedEvents()).isEmpty();

        assertThat(entry.attemptFailed("connection refused", NOW, null)).isTrue();
        assertThat(entry.status()).isEqualTo(NotificationStatus.FAILED);
        var failed = entry.raisedEvents(NotificationFailed.class).get(0);
        assertThat(failed.reason()).contains("connection refused");
        assertThat(entry.markSent(NOW)).isFalse();
    }

    @Test
    void a_refused_entry_is_failed_at_once() {
        var entry = NotificationEntry.refused("k3", request, List.of("bad"), List.of(), "address is not valid", NOW);

        assertThat(entry.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(entry.raisedEvents()).singleElement().isInstanceOf(NotificationFailed.class);
        assertThat(entry.pendingEvents()).singleElement().extracting(m -> m.typeId()).isEqualTo("NotificationFailed.v1");
    }

    @Test
    void only_an_entry_not_yet_final_may_change() {
        for (NotificationStatus next : NotificationStatus.values()) {
            assertThat(NotificationStatus.SENT.canBecome(next)).isFalse();
            assertThat(NotificationStatus.FAILED.canBecome(next)).isFalse();
        }
        assertThat(NotificationStatus.PENDING.canBecome(NotificationStatus.SENT)).isTrue();
        assertThat(NotificationStatus.RETRYING.canBecome(NotificationStatus.RETRYING)).isTrue();
        assertThat(NotificationStatus.RETRYING.canBecome(NotificationStatus.FAILED)).isTrue();
        assertThat(NotificationStatus.PENDING.canBecome(NotificationStatus.PENDING)).isFalse();
    }

    @Test
    void the_back_off_grows_and_is_capped() {
        var retry = new NotificationProperties.Retry(8, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60));

        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.backoffAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(retry.backoffAfter(10)).isEqualTo(Duration.ofSeconds(60));
    }
}
