package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.contracts.NotificationFailed;
import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Customer data never becomes a header; a bad address is reported, not retried forever. */
@IntegrationTest
class HeaderSafetyIT {

    private static final String EVIL = "x@evil.example";

    @Test
    void a_customer_name_carrying_a_bcc_header_adds_no_header_to_the_raw_mime() {
        RequestFlow flow = RequestFlow.named("Dana\r\nBcc: " + EVIL);

        TestKafka.publish(flow.received());

        Mailbox.Mail mail = Mails.one(flow.requester);
        String headers = Mails.headers(mail);
        assertThat(headers).doesNotContainIgnoringCase("bcc").doesNotContain("evil");
        assertThat(Arrays.stream(headers.split("\n")).filter(line -> !line.startsWith(" ") && !line.startsWith("\t"))
                .map(line -> line.substring(0, line.indexOf(':'))))
                .allMatch(name -> List.of("Return-Path", "Received", "Date", "From", "To", "Cc", "Message-ID", "Subject",
                        "MIME-Version", "Content-Type", "Auto-Submitted", "X-Upgrade-Assist-Notification").contains(name));
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] We received your upgrade assistance request");
        assertThat(Mails.text(mail)).contains("Hello Dana Bcc: x@evil.example,");
        assertThat(Mails.of(EVIL)).isEmpty();
    }

    @Test
    void an_address_carrying_a_header_is_dropped_and_reported_while_the_valid_recipients_are_mailed() {
        RequestFlow flow = RequestFlow.request();
        CustomerContact contact = flow.contact(flow.requester + "\r\nBcc: " + EVIL, flow.contactEmail);

        TestKafka.publish(flow.received(contact));

        Mailbox.Mail mail = Mails.one(flow.contactEmail);
        assertThat(mail.to()).containsExactly(flow.contactEmail);
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.headers(mail)).doesNotContain("evil");
        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 2);
        NotificationFailed failed = TestKafka.events(Topics.NOTIFICATION, flow.requestId).stream()
                .filter(r -> "NotificationFailed.v1".equals(r.typeId())).findFirst().orElseThrow().as(NotificationFailed.class);
        assertThat(failed.reason()).contains("CR, LF").doesNotContain("\r").doesNotContain("\n");
        assertThat(failed.template()).isEqualTo("request_received");
        assertThat(Mails.of(EVIL)).isEmpty();
        assertThat(Mails.of(flow.requester)).isEmpty();
    }

    @Test
    void an_event_without_any_valid_address_produces_notification_failed_and_the_next_record_flows() {
        RequestFlow flow = RequestFlow.withoutTam();

        var unaddressable = flow.received(flow.contact("not an address", "also@"));
        TestKafka.publish(unaddressable);
        TestKafka.publish(flow.onHold());

        // on-hold is on the scheduling topic, not behind the RequestReceived record on intake's partition: its email
        // says the service goes on; the NotificationFailed awaited below says the unaddressable record was handled
        Mails.one(flow.requester);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 2);
        var records = TestKafka.events(Topics.NOTIFICATION, flow.requestId);
        NotificationFailed failed = records.stream().filter(r -> "NotificationFailed.v1".equals(r.typeId()))
                .findFirst().orElseThrow().as(NotificationFailed.class);
        assertThat(failed.reason()).startsWith("no valid recipient").contains("not an address");
        assertThat(records.stream().filter(r -> "NotificationSent.v1".equals(r.typeId())).findFirst().orElseThrow()
                .as(NotificationSent.class).template()).isEqualTo("on_hold");
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), flow.requestId)).isEmpty();

        TestKafka.publish(unaddressable); // delivered again: nothing new
        TestKafka.publish(flow.completed());
        Mails.awaitCount(flow.requester, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 4);
        // completed is on the scheduling topic, so its emails do not say that the redelivery on intake's was read:
        // the redelivered record is consumed before the failures are counted
        TestKafka.awaitConsumed("notification-service", Topics.INTAKE, flow.requestId, Duration.ofSeconds(30));
        assertThat(TestKafka.events(Topics.NOTIFICATION, flow.requestId))
                .filteredOn(r -> "NotificationFailed.v1".equals(r.typeId())).hasSize(1);
    }

    @Test
    void a_ticket_id_carrying_a_header_is_refused_with_notification_failed() {
        RequestFlow flow = RequestFlow.request();
        CustomerContact original = flow.contact();
        CustomerContact contact = new CustomerContact("UA-1\r\nBcc: " + EVIL, original.requesterName(),
                original.requesterEmail(), original.contactEmail(), original.tamEmail(), original.timeZone());

        TestKafka.publish(flow.received(contact));

        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 1);
        NotificationFailed failed = TestKafka.events(Topics.NOTIFICATION, flow.requestId).get(0).as(NotificationFailed.class);
        assertThat(failed.reason()).contains("ticket id is not safe");
        assertThat(Mails.of(flow.requester)).isEmpty();
        assertThat(Mails.of(EVIL)).isEmpty();
    }
}
