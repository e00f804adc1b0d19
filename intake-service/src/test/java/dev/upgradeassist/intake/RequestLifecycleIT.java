package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.platform.outbox.OutboxRelay;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class RequestLifecycleIT extends IntakeApiSupport {

    @Autowired
    OutboxRelay relay;

    @Test
    void an_amendment_is_a_new_revision_published_as_request_amended_and_the_status_returns_to_submitted() {
        String marker = UUID.randomUUID().toString();
        String id = submitted(Submissions.complete(marker));
        awaitTimeline(id, 1);
        TestKafka.publish(Events.infoMissing(id, 1, Instant.now()));
        awaitStatus(id, "AWAITING_INFO");

        IntakeClient.Response response = amend(id, Submissions.complete(marker + "-2").put("targetVersion", "17.3.8"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("revision").asInt()).isEqualTo(2);
        assertThat(response.json().get("status").asString()).isEqualTo("SUBMITTED");
        RequestAmended amended = awaitIntakeEvents(id, "RequestAmended.v1", 1).get(0).as(RequestAmended.class);
        assertThat(amended.revision()).isEqualTo(2);
        assertThat(amended.ticketId()).isEqualTo(response.json().get("ticketId").asString());
        assertThat(amended.submission().targetVersion()).isEqualTo("17.3.8");
        assertThat(amended.submission().additionalInfo()).isEqualTo(marker + "-2");
        assertThat(amended.organization().tam().email()).isEqualTo("tam@gitlab.example");
        assertThat(amended.contact().requesterEmail()).isEqualTo("dana@acme.example");
        var view = awaitStatus(id, "SUBMITTED");
        assertThat(view.get("deficiencies").size()).isZero();
    }

    @Test
    void amending_an_unknown_request_is_a_404() {
        assertThat(amend(UUID.randomUUID().toString(), Submissions.complete()).status()).isEqualTo(404);
    }

    @Test
    void an_amendment_is_read_as_strictly_as_a_submission() {
        String id = submitted(Submissions.complete());

        assertThat(amend(id, Submissions.complete().put("currentVersion", "15")).status()).isEqualTo(400);
        assertThat(amend(id, Submissions.complete().put("organizationId", "umbrella")).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(value = DeclineReason.class, names = {"NOT_ENTITLED", "OUT_OF_SCOPE"})
    void a_request_declined_for_good_cannot_be_amended(DeclineReason reason) {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        TestKafka.publish(Events.declined(id, 1, reason, Instant.now()));
        awaitStatus(id, "DECLINED");

        IntakeClient.Response response = amend(id, Submissions.complete());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @EnumSource(value = DeclineReason.class, names = {"POSTPONE_RECOMMENDED", "ENGINEER_DECLINED"})
    void a_request_declined_for_now_can_be_amended(DeclineReason reason) {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        TestKafka.publish(Events.declined(id, 1, reason, Instant.now()));
        awaitStatus(id, "DECLINED");

        assertThat(amend(id, Submissions.complete()).status()).isEqualTo(202);
        awaitStatus(id, "SUBMITTED");
    }

    @Test
    void a_completed_request_cannot_be_amended() {
        String id = completedRequest();

        assertThat(amend(id, Submissions.complete()).status()).isEqualTo(409);
    }

    @Test
    void an_engineer_assigns_the_ticket_and_the_tam_is_cc_d() {
        String id = submitted(Submissions.complete());

        IntakeClient.Response response = assign(id, "alice");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("assignee").asString()).isEqualTo("alice");
        assertThat(response.json().get("ccs").toString()).isEqualTo("[\"tam@gitlab.example\"]");
        EngineerAssigned assigned = awaitIntakeEvents(id, "EngineerAssigned.v1", 1).get(0).as(EngineerAssigned.class);
        assertThat(assigned.engineer()).isEqualTo("alice");
        assertThat(assigned.ccs()).containsExactly("tam@gitlab.example");
        assertThat(assigned.ticketId()).isEqualTo(response.json().get("ticketId").asString());
        awaitView(id, view -> "alice".equals(view.get("assignee").asString()));
    }

    @Test
    void the_assignment_records_who_assigned_and_the_timeline_names_each_actor() {
        String id = submitted(Submissions.complete());

        // bob (authenticated) hands the ticket to alice (the body names the target)
        assertThat(client().post(REQUESTS + "/" + id + "/assignment", TestTokens.ENGINEER_BOB,
                "{\"engineer\":\"alice\"}").status()).isEqualTo(200);
        TestKafka.publish(new dev.upgradeassist.contracts.RequestDeclined(Events.id(), Instant.now(), id, 1,
                DeclineReason.POSTPONE_RECOMMENDED, "Please test the restore first.", "alice", Events.contact(null)));
        TestKafka.publish(Events.infoMissing(id, 1, Instant.now().minusSeconds(1)));

        EngineerAssigned assigned = awaitIntakeEvents(id, "EngineerAssigned.v1", 1).get(0).as(EngineerAssigned.class);
        assertThat(assigned.engineer()).isEqualTo("alice");
        assertThat(assigned.actor()).isEqualTo("bob");
        var view = awaitView(id, v -> v.get("timeline").size() == 4);
        java.util.Map<String, String> actors = new java.util.HashMap<>();
        view.get("timeline").forEach(entry -> actors.put(entry.get("type").asString(), entry.get("actor").asString()));
        assertThat(actors).containsEntry("RequestReceived", "customer").containsEntry("EngineerAssigned", "bob")
                .containsEntry("RequestDeclined", "alice").containsEntry("InfoMissing", "system");
    }

    @Test
    void an_organization_without_a_tam_gets_no_cc() {
        String id = submitted(Submissions.complete().put("organizationId", "globex"));

        assertThat(assign(id, "bob").status()).isEqualTo(200);

        EngineerAssigned assigned = awaitIntakeEvents(id, "EngineerAssigned.v1", 1).get(0).as(EngineerAssigned.class);
        assertThat(assigned.ccs()).isEmpty();
        assertThat(awaitView(id, view -> "bob".equals(view.get("assignee").asString())).get("ccs").size()).isZero();
    }

    @Test
    void assigning_the_same_engineer_again_publishes_nothing_new() {
        String id = submitted(Submissions.complete());
        assertThat(assign(id, "alice").status()).isEqualTo(200);
        assertThat(assign(id, "alice").status()).isEqualTo(200);
        assertThat(assign(id, "carol").status()).isEqualTo(200);

        awaitIntakeEvents(id, "EngineerAssigned.v1", 2);
        assertThat(intakeEvents(id, "EngineerAssigned.v1")).hasSize(2);
    }

    @Test
    void concurrent_assignments_of_one_request_publish_each_of_their_events_exactly_once() throws Exception {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        int threads = 6;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<Integer>>> engineers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                engineers.add(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        statuses.add(assign(id, "engineer-" + thread + "-" + i).status());
                    }
                    return statuses;
                });
            }
            for (Future<List<Integer>> statuses : pool.invokeAll(engineers)) {
                assertThat(statuses.get()).containsOnly(200);
            }
        } finally {
            pool.shutdown();
        }
        int expected = threads * perThread; // every assignment names a new engineer: one event each

        await().atMost(WAIT).until(() -> intakeEvents(id, "EngineerAssigned.v1").size() == expected
                && mongo.findById(id, org.bson.Document.class, "upgrade_requests")
                .getList("outbox", Object.class, List.of()).isEmpty());
        relay.publishWritten(); // the commands' last hand-overs, if the relay has not taken them yet

        Map<String, Long> recordsPerEvent = TestKafka.readAll(Topics.INTAKE, id).stream()
                .filter(record -> "EngineerAssigned.v1".equals(record.typeId()))
                .collect(Collectors.groupingBy(TestKafka.Received::eventId, Collectors.counting()));
        assertThat(recordsPerEvent).hasSize(expected);
        assertThat(recordsPerEvent.entrySet()).allSatisfy(entry -> assertThat(entry.getValue())
                .as("records of event %s", entry.getKey()).isEqualTo(1L));
    }

    @Test
    void assignment_needs_a_known_request_and_a_single_line_engineer() {
        String id = submitted(Submissions.complete());

        assertThat(assign(UUID.randomUUID().toString(), "alice").status()).isEqualTo(404);
        // issue 17: an empty body no longer is a 400 (the caller takes the ticket); a blank name still is
        assertThat(client().post(REQUESTS + "/" + id + "/assignment", TestTokens.ENGINEER, "{\"engineer\":\" \"}")
                .status()).isEqualTo(400);
        assertThat(assign(id, "alice\r\nBcc: x@evil.example").status()).isEqualTo(400);
        assertThat(client().post(REQUESTS + "/" + UUID.randomUUID() + "/assignment", TestTokens.ENGINEER, "{}").status())
                .isEqualTo(404);
    }

    @Test
    void an_engineer_who_names_no_one_assigns_the_ticket_to_themselves() {
        String id = submitted(Submissions.complete());

        IntakeClient.Response response = client().post(REQUESTS + "/" + id + "/assignment", TestTokens.ENGINEER_BOB, "{}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("assignee").asString()).isEqualTo("bob");
        EngineerAssigned assigned = awaitIntakeEvents(id, "EngineerAssigned.v1", 1).get(0).as(EngineerAssigned.class);
        assertThat(assigned.engineer()).isEqualTo("bob");
        assertThat(assigned.actor()).isEqualTo("bob");
        awaitView(id, view -> "bob".equals(view.get("assignee").asString()));
    }

    @Test
    void an_engineer_may_take_the_ticket_with_no_body_at_all() {
        String id = submitted(Submissions.complete());

        IntakeClient.Response response = client().send(client().request(REQUESTS + "/" + id + "/assignment",
                TestTokens.ENGINEER).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("assignee").asString()).isEqualTo("alice");
    }

    @Test
    void an_operator_may_not_assign_so_never_takes_a_ticket_by_default() {
        String id = submitted(Submissions.complete());

        assertThat(client().post(REQUESTS + "/" + id + "/assignment", TestTokens.OPERATOR, "{}").status()).isEqualTo(403);
        assertThat(client().post(REQUESTS + "/" + id + "/assignment", TestTokens.OPERATOR, "{\"engineer\":\"alice\"}")
                .status()).isEqualTo(403);
    }

    @Test
    void an_outcome_is_refused_unless_the_request_is_on_hold_or_in_rollback_advice() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);

        IntakeClient.Response response = outcome(id, "SUCCEEDED");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(intakeEvents(id, "UpgradeOutcomeReported.v1")).isEmpty();
    }

    @Test
    void an_outcome_on_hold_is_accepted_and_published() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        TestKafka.publish(Events.planApproved(id, 1, Instant.now()));
        TestKafka.publish(Events.onHold(id, "bob", Instant.now()));
        awaitStatus(id, "ON_HOLD");

        IntakeClient.Response response = client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"PROBLEMS\",\"details\":\"Sidekiq keeps restarting\"}");

        assertThat(response.status()).isEqualTo(202);
        UpgradeOutcomeReported reported = awaitIntakeEvents(id, "UpgradeOutcomeReported.v1", 1).get(0)
                .as(UpgradeOutcomeReported.class);
        assertThat(reported.result()).isEqualTo(OutcomeResult.PROBLEMS);
        assertThat(reported.details()).isEqualTo("Sidekiq keeps restarting");
        assertThat(reported.ticketId()).isNotBlank();
    }

    @Test
    void an_outcome_after_rollback_advice_is_accepted_but_not_after_completion() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        TestKafka.publish(Events.onHold(id, "bob", Instant.now()));
        TestKafka.publish(Events.rollbackAdvised(id, Instant.now()));
        awaitStatus(id, "ROLLBACK_ADVISED");
        assertThat(outcome(id, "SUCCEEDED").status()).isEqualTo(202);

        TestKafka.publish(Events.completed(id, Instant.now()));
        awaitStatus(id, "COMPLETED");
        assertThat(outcome(id, "SUCCEEDED").status()).isEqualTo(409);
    }

    @Test
    void an_outcome_needs_a_known_request_and_a_known_result() {
        String id = submitted(Submissions.complete());

        assertThat(outcome(UUID.randomUUID().toString(), "SUCCEEDED").status()).isEqualTo(404);
        assertThat(outcome(id, "MAYBE").status()).isEqualTo(400);
        assertThat(client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL, "{\"details\":\"x\"}").status())
                .isEqualTo(400);
    }

    private String completedRequest() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        for (var event : List.of(Events.planApproved(id, 1, Instant.now()), Events.onHold(id, "bob", Instant.now()),
                Events.completed(id, Instant.now()))) {
            TestKafka.publish(event);
        }
        awaitStatus(id, "COMPLETED");
        return id;
    }

    private IntakeClient.Response amend(String id, tools.jackson.databind.node.ObjectNode body) {
        return client().put(REQUESTS + "/" + id, TestTokens.PORTAL, body.toString());
    }

    private IntakeClient.Response assign(String id, String engineer) {
        return client().post(REQUESTS + "/" + id + "/assignment", TestTokens.ENGINEER,
                IntakeClient.JSON.createObjectNode().put("engineer", engineer).toString());
    }

    private IntakeClient.Response outcome(String id, String result) {
        return client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"" + result + "\",\"details\":\"done\"}");
    }
}
