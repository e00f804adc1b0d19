package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.Meters;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A redelivered or replayed event sends nothing: the ledger key is taken. */
@IntegrationTest
class OnceAndOnlyOnceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Template[] INTAKE = {Template.REQUEST_RECEIVED, Template.REQUEST_UPDATED};
    private static final Template[] REVIEW = {Template.INFO_MISSING, Template.PLAN_APPROVED, Template.REQUEST_DECLINED};
    private static final Template[] SCHEDULING = {Template.BOOKING_LINK, Template.CALL_BOOKED, Template.CALL_BOOKED_ENGINEER,
            Template.NEW_ENGINEER, Template.HANDOFF_ENGINEERS, Template.ON_HOLD, Template.ROLLBACK_ADVISED,
            Template.ROLLBACK_ADVISED_ENGINEER, Template.COMPLETED, Template.COMPLETED_ENGINEER};

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void the_same_event_delivered_five_times_sends_one_email() {
        RequestFlow flow = RequestFlow.request();
        DomainEvent event = flow.received();
        double skippedBefore = Meters.notifications(meters, "duplicate_skipped", Template.REQUEST_RECEIVED);

        for (int i = 0; i < 5; i++) {
            TestKafka.publish(event);
        }

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Meters.notifications(meters, "duplicate_skipped", Template.REQUEST_RECEIVED) >= skippedBefore + 4);
        assertThat(Mails.one(flow.requester).subject()).contains(flow.ticketId);
        assertThat(Mails.one(flow.contactEmail)).isNotNull();
        assertThat(Mails.one(flow.tam)).isNotNull();
        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 1);
        assertThat(TestKafka.events(Topics.NOTIFICATION, flow.requestId)).singleElement()
                .satisfies(r -> assertThat(r.typeId()).isEqualTo("NotificationSent.v1"));
    }

    @Test
    void a_redelivered_event_counts_as_a_duplicate_of_the_service() {
        RequestFlow flow = RequestFlow.request();
        DomainEvent event = flow.callBooked(); // two emails: the customer's and the engineer's
        double before = Meters.duplicates(meters);

        TestKafka.publish(event);
        Mails.one(flow.engineer);
        TestKafka.publish(event);
        TestKafka.publish(event);

        await().atMost(Duration.ofSeconds(30)).until(() -> Meters.duplicates(meters) >= before + 2);
        assertThat(Mails.of(flow.requester)).hasSize(1);
        assertThat(Mails.of(flow.engineer)).hasSize(1);
    }

    @Test
    void republishing_a_whole_flow_and_replaying_every_topic_sends_no_new_email() throws Exception {
        RequestFlow flow = RequestFlow.request();
        List<DomainEvent> events = List.of(flow.received(), flow.infoMissing(), flow.amended(), flow.approved(),
                flow.bookingLink(), flow.callBooked(), flow.handedOff(), flow.onHold(), flow.rollbackAdvised(false),
                flow.completed());
        long stageBefore = Meters.firstEmailStageCount(meters);

        // the first-email stage needs the submission, which RequestReceived's email records: Kafka does not order
        // INTAKE before REVIEW or SCHEDULING, so RequestReceived goes first and its email is in before the rest
        TestKafka.publish(events.get(0));
        Mails.one(flow.requester);
        events.subList(1, events.size()).forEach(TestKafka::publish);

        List<Mailbox.Mail> customer = Mails.awaitCount(flow.requester, 10);
        assertThat(customer).hasSize(10);
        assertThat(Mails.awaitCount(flow.engineer, 4)).hasSize(4);
        assertThat(Mails.awaitCount(flow.tam, 10)).hasSize(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(flow).size() == 14);
        long stageAfterFlow = Meters.firstEmailStageCount(meters);
        assertThat(stageAfterFlow).isGreaterThanOrEqualTo(stageBefore + 1);

        // 1. every event of the flow published again, then a marker behind them on each topic (same key, same partition)
        events.forEach(TestKafka::publish);
        TestKafka.publish(flow.amended());
        TestKafka.publish(flow.declined());
        TestKafka.publish(flow.rollbackAdvised(true));

        assertThat(Mails.awaitCount(flow.requester, 13)).hasSize(13);
        assertThat(Mails.awaitCount(flow.engineer, 5)).hasSize(5);

        // 2. the operator replays every topic from the beginning; once each listener is re-reading, markers again
        double intake = Meters.notifications(meters, "duplicate_skipped", INTAKE);
        double review = Meters.notifications(meters, "duplicate_skipped", REVIEW);
        double scheduling = Meters.notifications(meters, "duplicate_skipped", SCHEDULING);
        for (String topic : List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING)) {
            HttpResponse<String> response = replay(topic);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Meters.notifications(meters, "duplicate_skipped", INTAKE) > intake
                        && Meters.notifications(meters, "duplicate_skipped", REVIEW) > review
                        && Meters.notifications(meters, "duplicate_skipped", SCHEDULING) > scheduling);
        TestKafka.publish(flow.amended());
        TestKafka.publish(flow.declined());
        TestKafka.publish(flow.completed());

        List<Mailbox.Mail> all = Mails.awaitCount(flow.requester, 16);
        assertThat(all).hasSize(16);
        assertThat(all.stream().map(Mailbox.Mail::messageId).distinct()).hasSize(16);
        assertThat(Mails.awaitCount(flow.engineer, 6)).hasSize(6);
        assertThat(Mails.of(flow.otherEngineer)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(flow).size() == 22);
        assertThat(sent(flow).stream().map(NotificationSent::notificationKey).distinct()).hasSize(22);
        assertThat(Meters.firstEmailStageCount(meters)).isEqualTo(stageAfterFlow);
    }

    private static List<NotificationSent> sent(RequestFlow flow) {
        return TestKafka.events(Topics.NOTIFICATION, flow.requestId).stream()
                .filter(r -> "NotificationSent.v1".equals(r.typeId()))
                .map(r -> r.as(NotificationSent.class)).toList();
    }

    private HttpResponse<String> replay(String topic) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/operations/replay"))
                .header("Authorization", "Bearer " + TestTokens.OPERATOR)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"" + topic + "\",\"from\":\"EARLIEST\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
