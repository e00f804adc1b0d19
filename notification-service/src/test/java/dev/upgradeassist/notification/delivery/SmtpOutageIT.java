package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.contracts.NotificationFailed;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.notification.Invitations;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.Smtp;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.ledger.MailRequest;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import dev.upgradeassist.notification.ledger.NotificationHistory;
import dev.upgradeassist.notification.ledger.NotificationRecorder;
import dev.upgradeassist.notification.ledger.NotificationStatus;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * SMTP outages. GreenMail's {@code stop()}/{@code start()} re-binds every service on a new random
 * port (the test infrastructure uses port 0), which would leave the application and the IMAP
 * reader pointing at dead ports; so these tests stop only GreenMail's SMTP service and start a new
 * SMTP server on the same port with the same mail store: a real outage (connection refused), with
 * IMAP and the delivered mail kept ({@link Smtp}). In-JVM infrastructure only.
 */
@IntegrationTest
class SmtpOutageIT {

    @Autowired
    NotificationHistory ledger;

    @Autowired
    NotificationRecorder recorder;

    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void embeddedOnly() {
        assumeThat(Smtp.inJvm()).as("needs the in-JVM GreenMail").isTrue();
    }

    @Test
    void smtp_down_for_10_seconds_then_each_email_is_delivered_exactly_once_and_the_listener_never_blocks() {
        RequestFlow flow = RequestFlow.request();
        Instant down = stopSmtp();
        try {
            TestKafka.publish(flow.received());
            TestKafka.publish(flow.amended()); // behind it on the same partition

            await().atMost(Duration.ofSeconds(10)).until(() -> ledger.history(flow.requestId).size() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> ledger.history(flow.requestId).stream()
                    .allMatch(e -> e.status() == NotificationStatus.RETRYING && e.attempts() >= 2));
            await().pollDelay(Duration.between(Instant.now(), down.plusSeconds(10)).abs()).until(() -> true);
            assertThat(ledger.history(flow.requestId)).noneMatch(e -> e.status() == NotificationStatus.SENT);
        } finally {
            startSmtp();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.history(flow.requestId).stream()
                .allMatch(e -> e.status() == NotificationStatus.SENT));
        List<Mailbox.Mail> mails = Mails.awaitCount(flow.requester, 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> Mails.of(flow.requester).size() == 2);
        assertThat(mails).extracting(Mailbox.Mail::subject).containsExactlyInAnyOrder(
                "[" + flow.ticketId + "] We received your upgrade assistance request",
                "[" + flow.ticketId + "] We received your updated upgrade request");
        assertThat(ledger.history(flow.requestId)).allSatisfy(e -> assertThat(e.attempts()).isGreaterThan(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 2);
    }

    @Test
    void a_booking_retried_after_an_smtp_outage_still_carries_its_calendar_invitation() {
        RequestFlow flow = RequestFlow.request();
        stopSmtp();
        try {
            TestKafka.publish(flow.callBookedWithInvitation());

            // both emails failed at least once: what the next attempt sends comes from the ledger, not the event
            await().atMost(Duration.ofSeconds(15)).until(() -> ledger.history(flow.requestId).size() == 2
                    && ledger.history(flow.requestId).stream()
                    .allMatch(e -> e.status() == NotificationStatus.RETRYING && e.attempts() >= 2));
            assertThat(ledger.history(flow.requestId)).allSatisfy(entry -> {
                assertThat(entry.calendarPart()).isNotNull();
                assertThat(entry.calendarPart().method()).isEqualTo("REQUEST");
                assertThat(entry.calendarPart().content()).contains("UID:" + flow.callId + "@upgrade-assist");
            });
        } finally {
            startSmtp();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.history(flow.requestId).stream()
                .allMatch(e -> e.status() == NotificationStatus.SENT));
        for (String address : List.of(flow.requester, flow.engineer)) {
            Invitations.Invite invite = Invitations.one(Mails.one(address));
            assertThat(invite.mimeMethod()).isEqualTo("REQUEST");
            assertThat(invite.method()).isEqualTo("REQUEST");
            assertThat(invite.uid()).isEqualTo(flow.callId + "@upgrade-assist");
            assertThat(invite.sequence()).isZero();
            assertThat(invite.start()).isEqualTo(RequestFlow.BOOKED_START);
        }
        assertThat(ledger.history(flow.requestId)).allSatisfy(e -> assertThat(e.attempts()).isGreaterThan(2));
    }

    @Test
    void after_the_bounded_retries_an_email_is_failed_and_notification_failed_is_published() {
        String requestId = UUID.randomUUID().toString();
        var request = new MailRequest(requestId, "UA-RETRY", UUID.randomUUID().toString(), "RequestCompleted.v1",
                Template.COMPLETED, List.of("retry-" + requestId + "@acme.example"), List.of(),
                Map.of("requesterName", "Dana", "details", "done"));
        stopSmtp();
        try {
            recorder.record(request);
            String key = ledger.history(requestId).get(0).id();
            // as if seven attempts had failed already: the next one is the last (max-attempts 8)
            mongo.updateFirst(Query.query(Criteria.where("_id").is(key)),
                    new Update().set("attempts", 7).set("nextAttemptAt", java.util.Date.from(Instant.now())).inc("version", 1),
                    NotificationEntry.class);

            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.find(key).orElseThrow().status() == NotificationStatus.FAILED);
            await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, requestId).size() == 1);
            var failed = TestKafka.events(Topics.NOTIFICATION, requestId).get(0).as(NotificationFailed.class);
            assertThat(failed.notificationKey()).isEqualTo(key);
            assertThat(failed.template()).isEqualTo("completed");
            assertThat(failed.reason()).contains("after 8 attempt(s)");
        } finally {
            startSmtp();
        }
    }

    private static Instant stopSmtp() {
        return Smtp.stop();
    }

    private static void startSmtp() {
        Smtp.start();
    }
}
