package dev.upgradeassist.review.flow;

import static dev.upgradeassist.review.flow.ReviewClient.amended;
import static dev.upgradeassist.review.flow.ReviewClient.events;
import static dev.upgradeassist.review.flow.ReviewClient.incomplete;
import static dev.upgradeassist.review.flow.ReviewClient.received;
import static dev.upgradeassist.review.flow.ReviewClient.typed;
import static dev.upgradeassist.review.flow.ReviewClient.types;
import static dev.upgradeassist.review.flow.ReviewClient.upcoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.testing.RequestReceivedBuilder;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.review.decision.ApprovalModeSetting;
import dev.upgradeassist.review.decision.RequestReview;
import dev.upgradeassist.review.decision.ReviewStatus;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approval mode {@code ENGINEER} end to end on the real broker: a complete revision waits in review and only an
 * engineer's approval publishes PlanApproved. The module's one cached Spring context runs in the configured mode
 * ({@code AUTOMATIC}); these tests switch the mode bean that every decision reads, and switch it back, instead of
 * starting a second context (which would also join the {@code review-service} consumer group and take partitions,
 * and so events, away from the first).
 */
@IntegrationTest
class EngineerApprovalModeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApprovalModeSetting approvalMode;

    @Autowired
    MongoTemplate mongo;

    private ReviewClient api;
    private ApprovalMode configured;

    @BeforeEach
    void engineerMode() {
        api = new ReviewClient(port);
        configured = approvalMode.current();
        approvalMode.switchTo(ApprovalMode.ENGINEER);
    }

    @AfterEach
    void configuredMode() {
        approvalMode.switchTo(configured);
    }

    @Test
    void a_complete_request_waits_in_review_and_the_engineers_approval_carries_the_engineer_and_the_feedback()
            throws Exception {
        String requestId = UUID.randomUUID().toString();
        double engineerApprovals = api.metric(approvals("engineer"));
        double automaticApprovals = api.metric(approvals("automatic"));

        TestKafka.publish(received(requestId, 1, upcoming()));

        PlanAwaitingApproval waiting = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 1).get(0), PlanAwaitingApproval.class);
        assertThat(waiting.revision()).isEqualTo(1);
        assertThat(waiting.requiredStops()).containsExactly("16.3.9", "16.7.10", "16.11.10");
        assertThat(waiting.callOffered()).isTrue();
        assertThat(waiting.windowDurationMinutes()).isEqualTo(240);
        assertThat(waiting.rollbackEstimateMinutes()).isEqualTo(90);
        assertThat(waiting.contact()).isEqualTo(ReviewClient.contact(requestId));
        JsonNode inReview = JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body());
        assertThat(inReview.get("status").asString()).isEqualTo("IN_REVIEW");
        assertThat(inReview.get("approval").isNull()).isTrue();
        // the console shows the submission beside the decision: the versions and the customer's own hops
        assertThat(inReview.at("/submission/currentVersion").asString()).isNotBlank();
        assertThat(inReview.at("/submission/targetVersion").asString()).isNotBlank();
        assertThat(inReview.at("/submission/upgradePlan/hops").isArray()).isTrue();
        assertThat(inReview.at("/submission/upgradePlan/hops").size()).isPositive();

        var response = api.approve(requestId, """
                {"feedback": "Plans look solid. Keep the backup handy.", "revision": 1}""", TestTokens.ENGINEER);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode approvedView = JSON.readTree(response.body());
        assertThat(approvedView.get("status").asString()).isEqualTo("APPROVED");
        assertThat(approvedView.at("/approval/approvedBy").asString()).isEqualTo("alice");
        assertThat(approvedView.at("/approval/approvalMode").asString()).isEqualTo("ENGINEER");
        assertThat(approvedView.at("/approval/feedback").asString())
                .isEqualTo("Plans look solid. Keep the backup handy.");
        var decisions = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2);
        PlanApproved approved = typed(decisions.get(1), PlanApproved.class);
        assertThat(approved.approvedBy()).isEqualTo("alice");
        assertThat(approved.approvalMode()).isEqualTo(ApprovalMode.ENGINEER);
        assertThat(approved.feedback()).isEqualTo("Plans look solid. Keep the backup handy.");
        assertThat(approved.revision()).isEqualTo(1);
        assertThat(approved.requiredStops()).isEqualTo(waiting.requiredStops());
        assertThat(approved.upgradeStart()).isEqualTo(waiting.upgradeStart());
        assertThat(approved.callOffered()).isTrue();
        assertThat(approved.contact()).isEqualTo(waiting.contact());
        assertThat(api.metric(approvals("engineer"))).isEqualTo(engineerApprovals + 1);
        assertThat(api.metric(approvals("automatic"))).isEqualTo(automaticApprovals);
    }

    @Test
    void a_second_approval_is_409_and_publishes_nothing() throws Exception {
        String requestId = inReview();
        assertThat(api.approve(requestId, null, TestTokens.ENGINEER).statusCode()).isEqualTo(202);

        var again = api.approve(requestId, "{\"feedback\": \"me too\"}", TestTokens.ENGINEER_BOB);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        // a marker after the refused approval: an amendment missing information
        TestKafka.publish(amended(requestId, 2, incomplete()));
        var decisions = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 3);
        assertThat(decisions).extracting(TestKafka.Received::typeId)
                .containsExactly("PlanAwaitingApproval.v1", "PlanApproved.v1", "InfoMissing.v1");
        assertThat(typed(decisions.get(1), PlanApproved.class).approvedBy()).isEqualTo("alice");
        assertThat(typed(decisions.get(1), PlanApproved.class).feedback()).isNull();
    }

    @Test
    void an_amendment_in_review_is_reviewed_again_and_an_approval_of_the_older_revision_is_409() throws Exception {
        String requestId = inReview();

        TestKafka.publish(amended(requestId, 2, upcoming()));
        var waiting = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2);
        assertThat(typed(waiting.get(1), PlanAwaitingApproval.class).revision()).isEqualTo(2);

        var stale = api.approve(requestId, "{\"revision\": 1}", TestTokens.ENGINEER);
        var current = api.approve(requestId, "{\"revision\": 2, \"feedback\": \"ok\"}", TestTokens.ENGINEER_BOB);

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("not the current one");
        assertThat(current.statusCode()).isEqualTo(202);
        PlanApproved approved = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 3).get(2), PlanApproved.class);
        assertThat(approved.revision()).isEqualTo(2);
        assertThat(approved.approvedBy()).isEqualTo("bob");
    }

    @Test
    void a_duplicate_or_replayed_submission_neither_reopens_the_review_nor_raises_it_again() throws Exception {
        String requestId = UUID.randomUUID().toString();
        RequestReceived first = received(requestId, 1, upcoming());
        TestKafka.publish(first);
        TestKafka.publish(first);
        await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 1);
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, requestId, WAIT);
        assertThat(types(requestId)).containsExactly("PlanAwaitingApproval.v1");
        assertThat(api.approve(requestId, "{\"feedback\": \"go\"}", TestTokens.ENGINEER).statusCode())
                .isEqualTo(202);

        // the same record replayed, and the same revision re-sent under a new event id
        TestKafka.publish(first);
        TestKafka.publish(RequestReceivedBuilder.from(first).eventId(UUID.randomUUID().toString())
                .occurredAt(Instant.now()).submission(upcoming().build()).build());
        TestKafka.publish(amended(requestId, 2, incomplete()));

        var decisions = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 3);
        assertThat(decisions).extracting(TestKafka.Received::typeId)
                .containsExactly("PlanAwaitingApproval.v1", "PlanApproved.v1", "InfoMissing.v1");
        assertThat(mongo.findById(requestId, RequestReview.class).status()).isEqualTo(ReviewStatus.INFO_MISSING);
    }

    @Test
    void missing_information_is_still_reported_automatically() {
        String requestId = UUID.randomUUID().toString();

        TestKafka.publish(received(requestId, 1, incomplete()));

        InfoMissing missing = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 1).get(0), InfoMissing.class);
        assertThat(missing.deficiencies()).extracting(Deficiency::code).contains("ROLLBACK_PLAN_MISSING");
    }

    @Test
    void an_engineer_asks_for_changes_in_review_and_the_amendment_waits_in_review_again() throws Exception {
        String requestId = inReview();

        var response = api.requestChanges(requestId, """
                {"feedback": "Please rehearse the rollback.",
                 "items": [{"field": "rollbackPlan", "message": "The restore was never tested.",
                            "hint": "Restore last night's backup on staging."}]}""", TestTokens.ENGINEER);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("CHANGES_REQUESTED");
        ChangesRequested changes = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 2).get(1), ChangesRequested.class);
        assertThat(changes.requestedBy()).isEqualTo("alice");
        assertThat(changes.deficiencies()).containsExactly(new Deficiency(Deficiency.ENGINEER_REQUESTED,
                "rollbackPlan", "The restore was never tested.", "Restore last night's backup on staging."));
        assertThat(api.approve(requestId, null, TestTokens.ENGINEER).statusCode()).isEqualTo(409);

        TestKafka.publish(amended(requestId, 2, upcoming()));

        PlanAwaitingApproval again = typed(await().atMost(WAIT).until(() -> events(requestId),
                e -> e.size() == 3).get(2), PlanAwaitingApproval.class);
        assertThat(again.revision()).isEqualTo(2);
        assertThat(api.approve(requestId, "{\"revision\": 2}", TestTokens.ENGINEER).statusCode()).isEqualTo(202);
    }

    @Test
    void a_request_in_review_can_be_declined_and_then_not_approved() throws Exception {
        String requestId = inReview();

        var declined = api.decline(requestId, """
                {"reason": "ENGINEER_DECLINED", "explanation": "This is a migration, not an upgrade."}""",
                TestTokens.ENGINEER_BOB);
        var approve = api.approve(requestId, null, TestTokens.ENGINEER);

        assertThat(declined.statusCode()).isEqualTo(202);
        assertThat(approve.statusCode()).isEqualTo(409);
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(requestId))
                .containsExactly("PlanAwaitingApproval.v1", "RequestDeclined.v1"));
    }

    @Test
    void only_engineers_approve_and_an_unknown_request_is_404() throws Exception {
        String requestId = inReview();

        var portal = api.approve(requestId, null, TestTokens.PORTAL);
        var operator = api.approve(requestId, null, TestTokens.OPERATOR);
        var anonymous = api.approve(requestId, null, null);
        var unknown = api.approve(UUID.randomUUID().toString(), null, TestTokens.ENGINEER);
        var tooLong = api.approve(requestId, "{\"feedback\": \"" + "x".repeat(20_001) + "\"}", TestTokens.ENGINEER);
        var badRevision = api.approve(requestId, "{\"revision\": \"one\"}", TestTokens.ENGINEER);

        assertThat(portal.statusCode()).isEqualTo(403);
        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(badRevision.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(api.view(requestId, TestTokens.OPERATOR).body()).get("status").asString())
                .isEqualTo("IN_REVIEW");
        assertThat(types(requestId)).containsExactly("PlanAwaitingApproval.v1");
    }

    /** A new request whose first revision waits in review. */
    private String inReview() {
        String requestId = UUID.randomUUID().toString();
        TestKafka.publish(received(requestId, 1, upcoming()));
        List<String> types = await().atMost(WAIT).until(() -> types(requestId), t -> t.size() == 1);
        assertThat(types).containsExactly("PlanAwaitingApproval.v1");
        return requestId;
    }

    private static String approvals(String mode) {
        return "upgrade_assist_approvals_total{application=\"review-service\",mode=\"" + mode + "\"}";
    }
}
