package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.contracts.NotificationFailed;
import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.Smtp;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import dev.upgradeassist.notification.ledger.NotificationHistory;
import dev.upgradeassist.notification.ledger.NotificationStatus;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The SMTP server refuses some recipients of an email and accepts the others (a partial rejection): what it
 * accepted is delivered, once; each recipient it refused is reported on its own, a permanent refusal at once and a
 * temporary one retried for that recipient alone. The in-JVM GreenMail refuses the addresses a test names
 * ({@link Smtp#refuse}); in-JVM infrastructure only.
 */
@IntegrationTest
class SmtpRefusalIT {

    @Autowired
    NotificationHistory ledger;

    @BeforeEach
    void embeddedOnly() {
        assumeThat(Smtp.inJvm()).as("needs the in-JVM GreenMail").isTrue();
    }

    @Test
    void a_recipient_the_server_refuses_is_reported_and_everyone_else_gets_the_email_once() {
        RequestFlow flow = RequestFlow.request();
        Smtp.refuse(flow.contactEmail, "550 5.1.1 Mailbox does not exist");

        TestKafka.publish(flow.received());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail); // the email as written
        assertThat(Mails.one(flow.tam).messageId()).isEqualTo(mail.messageId());
        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 2);
        NotificationSent sent = event(flow, "NotificationSent.v1").as(NotificationSent.class);
        assertThat(sent.to()).containsExactly(flow.requester);
        assertThat(sent.cc()).containsExactly(flow.tam);
        NotificationFailed failed = event(flow, "NotificationFailed.v1").as(NotificationFailed.class);
        assertThat(failed.template()).isEqualTo("request_received");
        assertThat(failed.reason()).contains("refused by the SMTP server", "550").doesNotContain("Mailbox does not exist");
        NotificationEntry email = entry(flow, NotificationStatus.SENT);
        assertThat(email.id()).isEqualTo(sent.notificationKey());
        assertThat(email.attempts()).as("not retried for the refused recipient").isLessThanOrEqualTo(2);
        NotificationEntry refused = entry(flow, NotificationStatus.FAILED);
        assertThat(refused.id()).isEqualTo(failed.notificationKey());
        assertThat(refused.to()).containsExactly(flow.contactEmail);
        assertThat(ledger.history(flow.requestId)).hasSize(2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                Mails.of(flow.requester).size() == 1 && Mails.of(flow.tam).size() == 1);
        assertThat(Mails.of(flow.contactEmail)).isEmpty();
    }

    @Test
    void an_email_whose_every_recipient_is_refused_fails_at_once_instead_of_being_retried() {
        RequestFlow flow = RequestFlow.withoutTam();
        Smtp.refuse(flow.requester, "550 5.1.1 Mailbox does not exist");
        Smtp.refuse(flow.contactEmail, "553 5.1.3 Not allowed");

        TestKafka.publish(flow.received());

        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 1);
        NotificationFailed failed = event(flow, "NotificationFailed.v1").as(NotificationFailed.class);
        NotificationEntry email = entry(flow, NotificationStatus.FAILED);
        assertThat(failed.notificationKey()).isEqualTo(email.id());
        assertThat(email.attempts()).isLessThanOrEqualTo(2);
        assertThat(ledger.history(flow.requestId)).hasSize(1);
        assertThat(Mails.of(flow.requester)).isEmpty();
    }

    @Test
    void a_recipient_refused_for_now_gets_the_email_later_and_nobody_gets_it_twice() {
        RequestFlow flow = RequestFlow.request();
        Smtp.refuse(flow.tam, "451 4.7.1 Greylisted, please try again later");

        TestKafka.publish(flow.received());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(Mails.one(flow.contactEmail).messageId()).isEqualTo(mail.messageId());
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).size() == 2);
        assertThat(entry(flow, NotificationStatus.SENT).attempts()).isLessThanOrEqualTo(2);
        assertThat(Mails.of(flow.tam)).isEmpty();

        Smtp.accept(flow.tam);

        Mailbox.Mail copy = Mails.one(flow.tam);
        assertThat(copy.messageId()).isEqualTo(mail.messageId());
        assertThat(copy.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(copy.cc()).containsExactly(flow.tam);
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).stream()
                .allMatch(e -> e.status() == NotificationStatus.SENT));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 2);
        List<NotificationSent> sent = TestKafka.events(Topics.NOTIFICATION, flow.requestId).stream()
                .map(r -> r.as(NotificationSent.class)).toList();
        assertThat(sent).extracting(NotificationSent::cc).containsExactlyInAnyOrder(List.of(), List.of(flow.tam));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> Mails.of(flow.requester).size() == 1
                && Mails.of(flow.contactEmail).size() == 1 && Mails.of(flow.tam).size() == 1);
    }

    private static TestKafka.Received event(RequestFlow flow, String type) {
        return TestKafka.events(Topics.NOTIFICATION, flow.requestId).stream().filter(r -> type.equals(r.typeId()))
                .findFirst().orElseThrow();
    }

    private NotificationEntry entry(RequestFlow flow, NotificationStatus status) {
        return ledger.history(flow.requestId).stream().filter(e -> e.status() == status).findFirst().orElseThrow();
    }
}
