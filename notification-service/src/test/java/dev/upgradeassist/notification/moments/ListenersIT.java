package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each listener: a poison record lands in {@code <topic>-dlt} and the record behind it still flows. */
@IntegrationTest
class ListenersIT {

    @Test
    void a_poison_intake_record_goes_to_the_dlt_and_the_next_record_flows() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publishRaw(Topics.INTAKE, flow.requestId, "RequestReceived.v1", "not json".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(flow.received());

        assertThat(Mails.one(flow.requester).subject()).contains(flow.ticketId);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), flow.requestId).size() == 1);
    }

    @Test
    void a_poison_review_record_goes_to_the_dlt_and_the_next_record_flows() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publishRaw(Topics.REVIEW, flow.requestId, "InfoMissing.v1", "{\"deficiencies\": 42".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(flow.infoMissing());

        assertThat(Mails.one(flow.requester).subject()).contains("Information missing");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), flow.requestId).size() == 1);
    }

    @Test
    void a_scheduling_event_without_a_contact_goes_to_the_dlt_and_the_next_record_flows() {
        RequestFlow flow = RequestFlow.request();
        var noContact = new dev.upgradeassist.contracts.TicketOnHold(java.util.UUID.randomUUID().toString(),
                java.time.Instant.now(), flow.requestId, RequestFlow.UPGRADE_START, 240, "Sam", (CustomerContact) null);

        TestKafka.publish(noContact);
        TestKafka.publish(flow.onHold());

        assertThat(Mails.one(flow.requester).subject()).contains("scheduled");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                TestKafka.readAll(Topics.deadLetter(Topics.SCHEDULING), flow.requestId).size() == 1);
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.SCHEDULING), flow.requestId).get(0).eventId())
                .isEqualTo(noContact.eventId());
    }

    @Test
    void a_call_change_without_its_call_id_goes_to_the_dlt_and_the_next_record_flows() {
        RequestFlow flow = RequestFlow.request();
        var moved = flow.callRescheduled(1, RequestFlow.BOOKED_START, RequestFlow.MOVED_START);
        var noCallId = new dev.upgradeassist.contracts.ReviewCallRescheduled(java.util.UUID.randomUUID().toString(),
                java.time.Instant.now(), flow.requestId, null, 1, "Sam", flow.engineer, RequestFlow.BOOKED_START,
                RequestFlow.MOVED_START, RequestFlow.MOVED_START.plusSeconds(1800), flow.manageUrl, null, "customer",
                flow.contact());

        TestKafka.publish(noCallId);
        TestKafka.publish(moved);

        assertThat(Mails.one(flow.requester).subject()).contains("was moved");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                TestKafka.readAll(Topics.deadLetter(Topics.SCHEDULING), flow.requestId).size() == 1);
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.SCHEDULING), flow.requestId).get(0).eventId())
                .isEqualTo(noCallId.eventId());
    }

    @Test
    void a_public_comment_without_an_author_role_goes_to_the_dlt_and_the_next_record_flows() {
        RequestFlow flow = RequestFlow.request();
        var noRole = flow.comment("c-1", "alice", null, dev.upgradeassist.contracts.CommentAdded.Visibility.PUBLIC,
                "Who wrote this?", "alice", dev.upgradeassist.contracts.model.Region.AMER);

        TestKafka.publish(noRole);
        TestKafka.publish(flow.received());

        assertThat(Mails.one(flow.requester).subject()).contains(flow.ticketId);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), flow.requestId).size() == 1);
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), flow.requestId).get(0).eventId())
                .isEqualTo(noRole.eventId());
    }

    @Test
    void an_unknown_type_is_skipped_not_dead_lettered() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publishRaw(Topics.SCHEDULING, flow.requestId, "SomethingNew.v1", "{}".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(flow.completed());

        assertThat(Mails.one(flow.requester).subject()).contains("complete");
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.SCHEDULING), flow.requestId)).isEmpty();
    }
}
