package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The three listeners (intake, review, scheduling topics): success, duplicates, poison. */
@IntegrationTest
class RequestEventsListenerIT extends IntakeApiSupport {

    @Autowired
    MeterRegistry registry;

    @Test
    void a_review_decision_is_applied_to_the_view() {
        String id = submitted(Submissions.complete());

        TestKafka.publish(Events.planApproved(id, 1, Instant.now()), "/upgrade-assist/review-service");

        JsonNode view = awaitStatus(id, "APPROVED");
        assertThat(view.get("requiredStops").size()).isEqualTo(4);
    }

    @Test
    void a_scheduling_event_is_applied_to_the_view() {
        String id = submitted(Submissions.complete());

        TestKafka.publish(Events.onHold(id, "bob", Instant.now()), "/upgrade-assist/scheduling-service");

        assertThat(awaitStatus(id, "ON_HOLD").get("assignee").asString()).isEqualTo("bob");
    }

    @Test
    void the_same_event_delivered_twice_has_one_effect() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        double duplicatesBefore = duplicates();
        PlanApproved approved = Events.planApproved(id, 1, Instant.now());

        TestKafka.publish(approved);
        TestKafka.publish(approved);
        TestKafka.publish(Events.onHold(id, "bob", Instant.now()));
        awaitStatus(id, "ON_HOLD");
        // ON_HOLD comes from the scheduling topic and says nothing of the review topic: the duplicate is consumed
        // (intake's group committed past it) before the timeline is counted
        TestKafka.awaitConsumed("intake-service", Topics.REVIEW, id, WAIT);

        JsonNode view = awaitTimeline(id, 3);
        assertThat(view.get("timeline").size()).isEqualTo(3);
        await().atMost(WAIT).until(() -> duplicates() >= duplicatesBefore + 1);
    }

    @Test
    void a_comment_and_a_request_for_changes_delivered_twice_have_one_effect_each() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        Instant t = Instant.now();
        var comment = Events.comment(id, java.util.UUID.randomUUID().toString(), "alice",
                dev.upgradeassist.contracts.CommentAdded.Visibility.PUBLIC, "hello twice", t);
        var changes = Events.changesRequested(id, 1, "bob", "fix it", t.plusSeconds(1));

        TestKafka.publish(comment);
        TestKafka.publish(comment);
        TestKafka.publish(changes);
        TestKafka.publish(changes);
        TestKafka.publish(Events.linkExpired(id, "no-link", dev.upgradeassist.contracts.BookingLinkExpired.Reason.REVOKED,
                t.plusSeconds(2)));

        // the timeline reaches 4 entries with the first of each pair: every duplicate is consumed (intake's group
        // committed past the last record about the request on each topic) before the view is counted
        for (String topic : java.util.List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING)) {
            TestKafka.awaitConsumed("intake-service", topic, id, WAIT);
        }
        JsonNode view = awaitTimeline(id, 4);
        assertThat(view.get("timeline").size()).isEqualTo(4);
        assertThat(view.get("comments").size()).isEqualTo(1);
        assertThat(view.get("deficiencies").size()).isEqualTo(1);
        assertThat(view.get("status").asString()).isEqualTo("AWAITING_INFO");
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING})
    void a_poison_record_goes_to_the_dead_letter_topic_and_the_next_record_still_flows(String topic) {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        String type = switch (topic) {
            case Topics.INTAKE -> "EngineerAssigned.v1";
            case Topics.REVIEW -> "InfoMissing.v1";
            default -> "TicketOnHold.v1";
        };

        TestKafka.publishRaw(topic, id, type, "{ this is not json".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(Events.onHold(id, "bob", Instant.now()));
        TestKafka.publish(Events.infoMissing(id, 1, Instant.now()));

        await().atMost(WAIT).until(() -> TestKafka.readAll(Topics.deadLetter(topic), id).size() == 1);
        TestKafka.Received dead = TestKafka.readAll(Topics.deadLetter(topic), id).get(0);
        assertThat(dead.valueAsString()).isEqualTo("{ this is not json");
        awaitView(id, v -> v.get("timeline").size() >= 3);
    }

    @Test
    void an_event_without_a_request_id_is_poison_too() {
        String key = UUID.randomUUID().toString();

        TestKafka.publishRaw(Topics.REVIEW, key, "PlanApproved.v1",
                ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-12-02T14:03:15Z\",\"revision\":1}")
                        .getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), key).size() == 1);
    }

    @Test
    void an_unknown_event_type_is_skipped_not_dead_lettered() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);

        TestKafka.publishRaw(Topics.REVIEW, id, "PlanApproved.v9", "{}".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(Events.planApproved(id, 1, Instant.now()));

        awaitStatus(id, "APPROVED");
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), id)).isEmpty();
    }

    @Test
    void unknown_fields_in_an_event_are_ignored() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        String json = """
                {"eventId":"%s","occurredAt":"%s","requestId":"%s","revision":1,"futureField":{"x":[1,2]},
                 "deficiencies":[],"findings":[],"requiredStops":["17.1.8"],"contact":null,"wantsReviewCall":false,
                 "callOffered":false,"windowDurationMinutes":60,"rollbackEstimateMinutes":30}
                """.formatted(UUID.randomUUID(), Instant.now(), id);

        TestKafka.publishRaw(Topics.REVIEW, id, "PlanApproved.v1", json.getBytes(StandardCharsets.UTF_8));

        assertThat(awaitStatus(id, "APPROVED").get("requiredStops").get(0).asString()).isEqualTo("17.1.8");
    }

    @Test
    void replaying_the_review_topic_from_offset_zero_changes_no_view() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        TestKafka.publish(Events.infoMissing(id, 1, Instant.now()));
        TestKafka.publish(Events.planApproved(id, 1, Instant.now()));
        JsonNode before = awaitStatus(id, "APPROVED");
        long version = mongo.findById(id, org.bson.Document.class, "request_views").get("version", Number.class).longValue();

        var replay = client().post("/api/v1/operations/replay", dev.upgradeassist.testsupport.TestTokens.OPERATOR,
                "{\"topic\":\"" + Topics.REVIEW + "\",\"from\":\"EARLIEST\"}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        TestKafka.publish(Events.infoMissing(id, 0, Instant.now())); // behind the replayed records, no current revision

        JsonNode after = awaitTimeline(id, 4);
        assertThat(after.get("status")).isEqualTo(before.get("status"));
        assertThat(after.get("findings")).isEqualTo(before.get("findings"));
        assertThat(mongo.findById(id, org.bson.Document.class, "request_views").get("version", Number.class).longValue())
                .isEqualTo(version + 1);
    }

    private double duplicates() {
        var counter = registry.find("upgrade_assist.events.duplicates").tag("service", "intake-service").counter();
        return counter == null ? 0 : counter.count();
    }
}
