package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class RebuildIT extends IntakeApiSupport {

    private static final String REBUILD = "/api/v1/operations/rebuild-request-views";

    @org.springframework.beans.factory.annotation.Autowired
    dev.upgradeassist.platform.links.CustomerPageTokens tokens;

    @Test
    void a_rebuild_from_the_topics_ends_equal_to_the_live_view_and_emits_nothing() {
        String onHold = submitted(Submissions.complete());
        String awaitingInfo = submitted(Submissions.complete());
        String linkId = UUID.randomUUID().toString();
        Instant t = Instant.now();
        TestKafka.publish(Events.infoMissing(onHold, 1, t));
        TestKafka.publish(Events.planApproved(onHold, 1, t.plusSeconds(1)));
        TestKafka.publish(Events.linkIssued(onHold, linkId, t.plusSeconds(2)));
        TestKafka.publish(Events.callBooked(onHold, linkId, t.plusSeconds(3)));
        TestKafka.publish(Events.onHold(onHold, "alice", t.plusSeconds(4)));
        TestKafka.publish(Events.awaitingApproval(awaitingInfo, 1, t));
        TestKafka.publish(Events.changesRequested(awaitingInfo, 1, "bob", "Restore the secrets too.", t.plusSeconds(1)));
        // issue 19: a call booked, moved, cancelled by the customer, then a link re-issued by an engineer
        String calls = submitted(Submissions.complete());
        String callId = UUID.randomUUID().toString();
        Instant callStart = t.plus(java.time.Duration.ofDays(2));
        TestKafka.publish(Events.planApproved(calls, 1, t.plusSeconds(1)));
        TestKafka.publish(Events.linkIssued(calls, linkId, t.plusSeconds(2)));
        TestKafka.publish(Events.callBooked(calls, linkId, callId, callStart, t.plusSeconds(3)));
        TestKafka.publish(Events.onHold(calls, "alice", t.plusSeconds(3)));
        TestKafka.publish(Events.callRescheduled(calls, callId, 1, callStart, callStart.plus(java.time.Duration.ofDays(1)),
                t.plusSeconds(4)));
        TestKafka.publish(Events.callCancelled(calls, callId, 2, callStart.plus(java.time.Duration.ofDays(1)),
                dev.upgradeassist.contracts.ReviewCallCancelled.Reason.CUSTOMER_CANCELLED, "customer", t.plusSeconds(5)));
        TestKafka.publish(Events.onHold(calls, "alice", t.plusSeconds(5)));
        TestKafka.publish(Events.linkReissued(calls, UUID.randomUUID().toString(), "carol", t.plusSeconds(6)));
        String marker = UUID.randomUUID().toString();
        assertThat(client().post(REQUESTS + "/" + onHold + "/comments", TestTokens.PORTAL, "{\"body\":\"hi\"}").status())
                .isEqualTo(201);
        assertThat(client().post(REQUESTS + "/" + onHold + "/comments", TestTokens.ENGINEER,
                "{\"body\":\"" + marker + "\",\"visibility\":\"INTERNAL\"}").status()).isEqualTo(201);
        awaitStatus(onHold, "ON_HOLD");
        awaitStatus(awaitingInfo, "AWAITING_INFO");
        awaitView(onHold, view -> view.get("comments").size() == 2);
        awaitView(calls, view -> "CALL_LINK_ISSUED".equals(view.get("status").asString())
                && view.get("timeline").size() == 9);
        // the awaits above each come from one topic (ON_HOLD from scheduling's, the comments from intake's); Kafka does
        // not order the topics, so review's events may still be unread. The live snapshot is taken once intake has
        // consumed every record about these requests on each topic it projects (its own events once they are out)
        List<String> ids = List.of(onHold, awaitingInfo, calls);
        ids.forEach(id -> awaitIntakeEvents(id, "RequestReceived.v1", 1));
        awaitIntakeEvents(onHold, "CommentAdded.v1", 2);
        for (String id : ids) {
            for (String topic : List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING)) {
                TestKafka.awaitConsumed("intake-service", topic, id, WAIT);
            }
        }
        Map<String, Document> live = snapshot(List.of(onHold, awaitingInfo, calls));
        List<String> intakeEventsBefore = intakeRecords(onHold, awaitingInfo);

        IntakeClient.Response started = client().post(REBUILD, TestTokens.OPERATOR, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> client().get(REBUILD, TestTokens.OPERATOR).json().get("state").asString(),
                state -> !state.equals("RUNNING"));

        IntakeClient.Response finished = client().get(REBUILD, TestTokens.OPERATOR);
        assertThat(finished.json().get("state").asString()).as(finished.body()).isEqualTo("DONE");
        assertThat(finished.json().get("eventsApplied").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(snapshot(List.of(onHold, awaitingInfo, calls))).isEqualTo(live);
        // the rebuilt records keep the customer page token's hash, so the customers' links still open
        assertThat(mongo.findById(calls, Document.class, "request_views").getString("customerTokenHash"))
                .isEqualTo(tokens.hashFor(calls));
        JsonNode rebuiltCalls = view(calls).json();
        assertThat(rebuiltCalls.get("status").asString()).isEqualTo("CALL_LINK_ISSUED");
        assertThat(rebuiltCalls.get("reviewCall").isNull()).isTrue();
        assertThat(rebuiltCalls.get("timeline").toString()).contains("\"type\":\"ReviewCallRescheduled\"")
                .contains("\"type\":\"ReviewCallCancelled\"").contains("\"actor\":\"carol\"");
        assertThat(view(onHold).json().get("status").asString()).isEqualTo("ON_HOLD");
        assertThat(view(onHold).json().get("comments").toString()).contains(marker);
        assertThat(client().get(REQUESTS + "/" + onHold, TestTokens.PORTAL).body()).doesNotContain(marker);
        assertThat(view(awaitingInfo).json().get("reviewDecision").get("by").asString()).isEqualTo("bob");
        assertThat(intakeRecords(onHold, awaitingInfo)).isEqualTo(intakeEventsBefore);
        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.startsWith("request_views_"));
    }

    @Test
    void the_live_view_keeps_projecting_after_a_rebuild() {
        IntakeClient.Response started = client().post(REBUILD, TestTokens.OPERATOR, "");
        assertThat(started.status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> client().get(REBUILD, TestTokens.OPERATOR).json().get("state").asString(),
                state -> !state.equals("RUNNING"));

        String id = submitted(Submissions.complete());
        TestKafka.publish(Events.infoMissing(id, 1, Instant.now()));

        awaitStatus(id, "AWAITING_INFO");
    }

    @Test
    void only_an_operator_may_rebuild() {
        assertThat(client().post(REBUILD, TestTokens.ENGINEER, "").status()).isEqualTo(403);
        assertThat(client().post(REBUILD, TestTokens.PORTAL, "").status()).isEqualTo(403);
    }

    /** The view documents, compared as values: the version counter and the order of applied ids may differ. */
    private Map<String, Document> snapshot(List<String> ids) {
        return ids.stream().collect(Collectors.toMap(id -> id, id -> {
            Document document = mongo.findById(id, Document.class, "request_views");
            assertThat(document).isNotNull();
            document.remove("version");
            document.put("appliedEventIds", new HashSet<>(document.getList("appliedEventIds", String.class)));
            return document;
        }));
    }

    /** Where the records on intake's topic about these requests are (a rebuild replays the topics, publishes none). */
    private static List<String> intakeRecords(String... requestIds) {
        List<String> ids = List.of(requestIds);
        return TestKafka.readAll(Topics.INTAKE, record -> ids.contains(record.key())).stream()
                .map(record -> record.partition() + "@" + record.offset() + " " + record.eventId()).toList();
    }
}
