package dev.upgradeassist.review.flow;

import static dev.upgradeassist.review.flow.ReviewClient.amended;
import static dev.upgradeassist.review.flow.ReviewClient.events;
import static dev.upgradeassist.review.flow.ReviewClient.incomplete;
import static dev.upgradeassist.review.flow.ReviewClient.outcome;
import static dev.upgradeassist.review.flow.ReviewClient.received;
import static dev.upgradeassist.review.flow.ReviewClient.typed;
import static dev.upgradeassist.review.flow.ReviewClient.types;
import static dev.upgradeassist.review.flow.ReviewClient.upcoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.review.decision.RequestReview;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.review.decision.ApprovalModeSetting;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approval mode {@code AUTOMATIC} (the configured default) with engineers' decisions on the real broker: request
 * changes after an automatic approval and review the amendment again, the 400s, 403s, 404s and 409s of the
 * engineer endpoints, the decline rules, and a reported outcome that ends the review.
 */
@IntegrationTest
class EngineerDecisionsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHANGES = """
            {"feedback": "Good plan; one gap.",
             "items": [{"field": "rollbackPlan", "message": "The restore was never rehearsed.",
                        "hint": "Restore last night's backup on a staging instance and time it."},
                       {"field": "maintenanceWindow", "message": "Four hours is tight for three stops."}]}""";

    @LocalServerPort
    int port;

    @Autowired
    ApprovalModeSetting approvalMode;

    private ReviewClient api;

    @BeforeEach
    void client() {
        api = new ReviewClient(port);
        assertThat(approvalMode.current()).as("the configured mode").isEqualTo(ApprovalMode.AUTOMATIC);
    }

    @Test
    void changes_requested_after_an_automatic_approval_wait_for_an_amendment_which_is_reviewed_again()
            throws Exception {
        String requestId = UUID.randomUUID().toString();
        double changesBefore = api.metric(CHANGES_REQUESTED);
        TestKafka.publish(received(requestId, 1, upcoming()));
        PlanApproved approved = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 1).get(0), PlanApproved.class);
        assertThat(approved.approvedBy()).isEqualTo("review-service");
        assertThat(approved.approvalMode()).isEqualTo(ApprovalMode.AUTOMATIC);
        assertThat(approved.feedback()).isNull();
        JsonNode approvedView = JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body());
        assertThat(approvedView.at("/approval/approvedBy").asString()).isEqualTo("review-service");
        assertThat(approvedView.at("/approval/approvalMode").asString()).isEqualTo("AUTOMATIC");

        var response = api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER_BOB);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode view = JSON.readTree(response.body());
        assertThat(view.get("status").asString()).isEqualTo("CHANGES_REQUESTED");
        assertThat(view.get("approval").isNull()).isTrue();
        assertThat(view.at("/changesRequested/requestedBy").asString()).isEqualTo("bob");
        assertThat(view.at("/changesRequested/feedback").asString()).isEqualTo("Good plan; one gap.");
        assertThat(view.at("/changesRequested/items/0/field").asString()).isEqualTo("rollbackPlan");
        assertThat(view.at("/deficiencies/1/code").asString()).isEqualTo("ENGINEER_REQUESTED");
        ChangesRequested changes = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 2).get(1), ChangesRequested.class);
        assertThat(changes.revision()).isEqualTo(1);
        assertThat(changes.requestedBy()).isEqualTo("bob");
        assertThat(changes.feedback()).isEqualTo("Good plan; one gap.");
        assertThat(changes.deficiencies()).containsExactly(
                new Deficiency(Deficiency.ENGINEER_REQUESTED, "rollbackPlan", "The restore was never rehearsed.",
                        "Restore last night's backup on a staging instance and time it."),
                new Deficiency(Deficiency.ENGINEER_REQUESTED, "maintenanceWindow",
                        "Four hours is tight for three stops.", null));
        assertThat(changes.findings()).isEqualTo(approved.findings());
        assertThat(changes.requiredStops()).isEqualTo(approved.requiredStops());
        assertThat(changes.contact()).isEqualTo(approved.contact());
        assertThat(api.metric(CHANGES_REQUESTED)).isEqualTo(changesBefore + 1);

        TestKafka.publish(amended(requestId, 2, upcoming()));

        PlanApproved again = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 3).get(2), PlanApproved.class);
        assertThat(again.revision()).isEqualTo(2);
        assertThat(again.approvedBy()).isEqualTo("review-service");
        JsonNode reviewedAgain = JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body());
        assertThat(reviewedAgain.get("status").asString()).isEqualTo("APPROVED");
        assertThat(reviewedAgain.get("changesRequested").isNull()).isTrue();
    }

    @Test
    void feedback_alone_is_enough_to_ask_for_changes() throws Exception {
        String requestId = approved();

        var response = api.requestChanges(requestId, "{\"feedback\": \"Please call us first.\", \"items\": []}",
                TestTokens.ENGINEER);

        assertThat(response.statusCode()).isEqualTo(202);
        ChangesRequested changes = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 2).get(1), ChangesRequested.class);
        assertThat(changes.deficiencies()).isEmpty();
        assertThat(changes.feedback()).isEqualTo("Please call us first.");
    }

    @Autowired
    AggregateStore store;

    @Test
    void an_engineers_request_for_changes_names_the_assignee_and_the_region() throws Exception {
        String requestId = approved();
        TestKafka.publish(TestEvents.engineerAssigned().occurredAt(Instant.now()).requestId(requestId)
                .ticketId("UA-" + requestId.substring(0, 6)).engineer("alice").ccs(List.of()).actor("triage").build());
        await().atMost(WAIT).until(() -> store.find(RequestReview.class, requestId).map(RequestReview::assignee)
                .orElse(null), "alice"::equals);

        assertThat(api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER_BOB).statusCode()).isEqualTo(202);

        ChangesRequested changes = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 2).get(1), ChangesRequested.class);
        assertThat(changes.requestedBy()).isEqualTo("bob");
        assertThat(changes.assignee()).isEqualTo("alice");
        assertThat(changes.region()).isEqualTo(Region.AMER);
    }

    @Test
    void a_request_for_changes_without_items_and_feedback_or_with_an_incomplete_item_is_400() throws Exception {
        String requestId = approved();
        List<String> bodies = List.of(
                "{}",
                "{\"items\": []}",
                "{\"feedback\": \"   \", \"items\": []}",
                "{\"items\": [{\"message\": \"no field\"}]}",
                "{\"items\": [{\"field\": \"rollbackPlan\"}]}",
                "{\"items\": [{\"field\": \" \", \"message\": \"blank field\"}]}",
                "{\"items\": [null]}",
                "{\"feedback\": \"" + "x".repeat(20_001) + "\"}",
                "{\"items\": \"rollbackPlan\"}");

        for (String body : bodies) {
            HttpResponse<String> response = api.requestChanges(requestId, body, TestTokens.ENGINEER);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }
        var missingField = api.requestChanges(requestId, "{\"items\": [{\"message\": \"no field\"}]}",
                TestTokens.ENGINEER);
        assertThat(missingField.body()).contains("items[0].field");
        // still approved, nothing published: a valid request for changes is the next event
        assertThat(api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER).statusCode()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(requestId))
                .containsExactly("PlanApproved.v1", "ChangesRequested.v1"));
    }

    @Test
    void changes_are_refused_while_the_request_waits_on_the_customer_or_is_declined() throws Exception {
        String asked = approved();
        assertThat(api.requestChanges(asked, CHANGES, TestTokens.ENGINEER).statusCode()).isEqualTo(202);
        String missing = UUID.randomUUID().toString();
        TestKafka.publish(received(missing, 1, incomplete()));
        await().atMost(WAIT).until(() -> types(missing), t -> t.equals(List.of("InfoMissing.v1")));
        String declined = approved();
        assertThat(api.decline(declined, DECLINE, TestTokens.ENGINEER).statusCode()).isEqualTo(202);

        var twice = api.requestChanges(asked, CHANGES, TestTokens.ENGINEER_BOB);
        var whileMissing = api.requestChanges(missing, CHANGES, TestTokens.ENGINEER);
        var afterDecline = api.requestChanges(declined, CHANGES, TestTokens.ENGINEER);

        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("waits on the customer");
        assertThat(whileMissing.statusCode()).isEqualTo(409);
        assertThat(afterDecline.statusCode()).isEqualTo(409);
        assertThat(afterDecline.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void a_request_for_changes_to_an_older_revision_is_409() throws Exception {
        String requestId = approved();
        TestKafka.publish(amended(requestId, 2, upcoming()));
        await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2);

        var stale = api.requestChanges(requestId, "{\"feedback\": \"x\", \"revision\": 1}", TestTokens.ENGINEER);
        var current = api.requestChanges(requestId, "{\"feedback\": \"x\", \"revision\": 2}", TestTokens.ENGINEER);

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(current.statusCode()).isEqualTo(202);
    }

    @Test
    void only_engineers_ask_for_changes_and_an_unknown_request_is_404() throws Exception {
        String requestId = approved();

        var portal = api.requestChanges(requestId, CHANGES, TestTokens.PORTAL);
        var operator = api.requestChanges(requestId, CHANGES, TestTokens.OPERATOR);
        var unknown = api.requestChanges(UUID.randomUUID().toString(), CHANGES, TestTokens.ENGINEER);
        var approveInAutomaticMode = api.approve(requestId, null, TestTokens.ENGINEER);

        assertThat(portal.statusCode()).isEqualTo(403);
        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(approveInAutomaticMode.statusCode()).as("already approved, not in review").isEqualTo(409);
        assertThat(types(requestId)).containsExactly("PlanApproved.v1");
    }

    @Test
    void a_declined_request_refuses_another_decline_but_the_same_decline_again_is_accepted() throws Exception {
        String requestId = approved();
        assertThat(api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER).statusCode()).isEqualTo(202);

        var declined = api.decline(requestId, DECLINE, TestTokens.ENGINEER);
        var same = api.decline(requestId, DECLINE, TestTokens.ENGINEER_BOB);
        var other = api.decline(requestId, """
                {"reason": "POSTPONE_RECOMMENDED", "explanation": "Later, please."}""", TestTokens.ENGINEER_BOB);

        assertThat(declined.statusCode()).as("changes requested can be declined").isEqualTo(202);
        assertThat(same.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(same.body()).get("decidedBy").asString()).isEqualTo("alice");
        assertThat(other.statusCode()).isEqualTo(409);
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(requestId))
                .containsExactly("PlanApproved.v1", "ChangesRequested.v1", "RequestDeclined.v1"));
    }

    @Test
    void after_the_outcome_is_reported_engineers_are_refused_and_later_revisions_ignored() throws Exception {
        String requestId = approved();
        UpgradeOutcomeReported reported = outcome(requestId);

        TestKafka.publish(reported);
        TestKafka.publish(reported);

        await().atMost(WAIT).untilAsserted(() -> assertThat(JSON.readTree(api.view(requestId, TestTokens.ENGINEER)
                .body()).get("status").asString()).isEqualTo("COMPLETED"));
        JsonNode view = JSON.readTree(api.view(requestId, TestTokens.OPERATOR).body());
        assertThat(view.at("/outcome/result").asString()).isEqualTo("SUCCEEDED");
        assertThat(view.at("/approval/approvedBy").asString()).isEqualTo("review-service");
        assertThat(api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER).statusCode()).isEqualTo(409);
        assertThat(api.decline(requestId, DECLINE, TestTokens.ENGINEER).statusCode()).isEqualTo(409);
        var approve = api.approve(requestId, null, TestTokens.ENGINEER);
        assertThat(approve.statusCode()).isEqualTo(409);
        assertThat(approve.body()).contains("completed");

        TestKafka.publish(amended(requestId, 2, incomplete()));
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, requestId, WAIT);

        assertThat(types(requestId)).containsExactly("PlanApproved.v1");
        assertThat(JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body()).get("revision").asInt())
                .isEqualTo(1);
    }

    @Test
    void an_upgrade_with_problems_refuses_changes_but_a_new_plan_is_reviewed_again() throws Exception {
        String requestId = approved();

        TestKafka.publish(outcome(requestId, OutcomeResult.PROBLEMS));

        await().atMost(WAIT).untilAsserted(() -> assertThat(JSON.readTree(api.view(requestId, TestTokens.ENGINEER)
                .body()).at("/outcome/result").asString()).isEqualTo("PROBLEMS"));
        assertThat(JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body()).get("status").asString())
                .isEqualTo("APPROVED");
        assertThat(api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER).statusCode()).isEqualTo(409);

        TestKafka.publish(amended(requestId, 2, upcoming()));

        PlanApproved again = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 2).get(1), PlanApproved.class);
        assertThat(again.revision()).isEqualTo(2);
        assertThat(api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER).statusCode()).isEqualTo(202);
    }

    @Test
    void an_outcome_for_a_request_review_never_saw_creates_nothing() throws Exception {
        String requestId = UUID.randomUUID().toString();

        TestKafka.publish(outcome(requestId));
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, requestId, WAIT);

        assertThat(api.view(requestId, TestTokens.ENGINEER).statusCode()).isEqualTo(404);
    }

    private static final String CHANGES_REQUESTED =
            "upgrade_assist_changes_requested_total{application=\"review-service\"}";
    private static final String DECLINE = """
            {"reason": "ENGINEER_DECLINED", "explanation": "This is a migration, not an upgrade."}""";

    /** A new request whose first revision the checks approved. */
    private String approved() {
        String requestId = UUID.randomUUID().toString();
        TestKafka.publish(received(requestId, 1, upcoming()));
        await().atMost(WAIT).until(() -> types(requestId), t -> t.equals(List.of("PlanApproved.v1")));
        return requestId;
    }
}
