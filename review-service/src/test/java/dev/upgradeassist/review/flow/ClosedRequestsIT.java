package dev.upgradeassist.review.flow;

import static dev.upgradeassist.review.flow.ReviewClient.amended;
import static dev.upgradeassist.review.flow.ReviewClient.closed;
import static dev.upgradeassist.review.flow.ReviewClient.events;
import static dev.upgradeassist.review.flow.ReviewClient.incomplete;
import static dev.upgradeassist.review.flow.ReviewClient.received;
import static dev.upgradeassist.review.flow.ReviewClient.typed;
import static dev.upgradeassist.review.flow.ReviewClient.types;
import static dev.upgradeassist.review.flow.ReviewClient.upcoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.review.decision.ApprovalModeSetting;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intake's {@code RequestClosed} on the real broker: the review records the closure once, shows it, answers the
 * engineers' approve, request-changes and decline with 409, and reviews a newer revision as usual (intake reopens a
 * request closed for no response when the customer amends it). Runs in the module's one cached context; the test in
 * mode {@code ENGINEER} switches the mode bean and switches it back, as {@link EngineerApprovalModeIT} does.
 */
@IntegrationTest
class ClosedRequestsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHANGES = """
            {"feedback": "One gap.", "items": [{"field": "rollbackPlan", "message": "Rehearse the restore."}]}""";
    private static final String DECLINE = """
            {"reason": "ENGINEER_DECLINED", "explanation": "This is a migration, not an upgrade."}""";

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
    void a_request_closed_for_no_response_refuses_engineers_until_an_amendment_reopens_it() throws Exception {
        String requestId = UUID.randomUUID().toString();
        TestKafka.publish(received(requestId, 1, incomplete()));
        await().atMost(WAIT).until(() -> types(requestId), t -> t.equals(List.of("InfoMissing.v1")));
        RequestClosed closure = closed(requestId, 1, RequestClosed.Reason.NO_RESPONSE, "system");

        TestKafka.publish(closure);
        TestKafka.publish(closure);

        JsonNode view = await().atMost(WAIT).until(() -> JSON.readTree(api.view(requestId, TestTokens.ENGINEER)
                .body()), v -> v.get("status").asString().equals("CLOSED"));
        assertThat(view.at("/closure/reason").asString()).isEqualTo("NO_RESPONSE");
        assertThat(view.at("/closure/closedBy").asString()).isEqualTo("system");
        assertThat(view.at("/closure/revision").asInt()).isEqualTo(1);
        assertThat(Instant.parse(view.at("/closure/closedAt").asString()))
                .isEqualTo(closure.occurredAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(view.get("revision").asInt()).isEqualTo(1);
        assertThat(view.get("deficiencies")).as("the closed revision's decision stays shown").isNotEmpty();
        assertRefused(requestId, "closed: no response from the customer");
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, requestId, WAIT);
        assertThat(types(requestId)).as("a closure raises nothing").containsExactly("InfoMissing.v1");

        TestKafka.publish(amended(requestId, 2, upcoming()));

        PlanApproved approved = typed(await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2).get(1),
                PlanApproved.class);
        assertThat(approved.revision()).isEqualTo(2);
        JsonNode reopened = JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body());
        assertThat(reopened.get("status").asString()).isEqualTo("APPROVED");
        assertThat(reopened.get("closure").isNull()).isTrue();

        // the same closure again (a redelivery, a replay) does not close the reopened request
        TestKafka.publish(closure);
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, requestId, WAIT);

        assertThat(JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body()).get("status").asString())
                .isEqualTo("APPROVED");
        assertThat(api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER_BOB).statusCode()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(requestId))
                .containsExactly("InfoMissing.v1", "PlanApproved.v1", "ChangesRequested.v1"));
    }

    @Test
    void in_engineer_mode_the_amendment_of_a_closed_request_waits_in_review_and_can_be_approved() throws Exception {
        ApprovalMode configured = approvalMode.current();
        approvalMode.switchTo(ApprovalMode.ENGINEER);
        try {
            String requestId = UUID.randomUUID().toString();
            TestKafka.publish(received(requestId, 1, upcoming()));
            await().atMost(WAIT).until(() -> types(requestId), t -> t.equals(List.of("PlanAwaitingApproval.v1")));
            assertThat(api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER_BOB).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2);

            TestKafka.publish(closed(requestId, 1, RequestClosed.Reason.NO_RESPONSE, "system"));

            await().atMost(WAIT).untilAsserted(() -> assertThat(JSON.readTree(api.view(requestId,
                    TestTokens.OPERATOR).body()).get("status").asString()).isEqualTo("CLOSED"));
            assertRefused(requestId, "closed: no response from the customer");

            TestKafka.publish(amended(requestId, 2, upcoming()));

            PlanAwaitingApproval waiting = typed(await().atMost(WAIT).until(() -> events(requestId),
                    e -> e.size() == 3).get(2), PlanAwaitingApproval.class);
            assertThat(waiting.revision()).isEqualTo(2);
            var approval = api.approve(requestId, "{\"feedback\": \"Thanks for the update.\", \"revision\": 2}",
                    TestTokens.ENGINEER);
            assertThat(approval.statusCode()).isEqualTo(202);
            PlanApproved approved = typed(await().atMost(WAIT).until(() -> events(requestId),
                    e -> e.size() == 4).get(3), PlanApproved.class);
            assertThat(approved.revision()).isEqualTo(2);
            assertThat(approved.approvedBy()).isEqualTo("alice");
            assertThat(approved.approvalMode()).isEqualTo(ApprovalMode.ENGINEER);
        } finally {
            approvalMode.switchTo(configured);
        }
    }

    @Test
    void a_request_an_engineer_closed_names_the_engineer_and_a_newer_revision_is_still_reviewed() throws Exception {
        String requestId = approved();

        TestKafka.publish(closed(requestId, 1, RequestClosed.Reason.ENGINEER_CLOSED, "bob"));

        JsonNode view = await().atMost(WAIT).until(() -> JSON.readTree(api.view(requestId, TestTokens.ENGINEER)
                .body()), v -> v.get("status").asString().equals("CLOSED"));
        assertThat(view.at("/closure/reason").asString()).isEqualTo("ENGINEER_CLOSED");
        assertThat(view.at("/closure/closedBy").asString()).isEqualTo("bob");
        assertThat(view.at("/approval/approvedBy").asString()).as("the closed revision's approval").isEqualTo(
                "review-service");
        assertRefused(requestId, "closed by bob");

        // intake decides whether such a request can be amended; a newer revision it published is reviewed
        TestKafka.publish(amended(requestId, 2, incomplete()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(types(requestId))
                .containsExactly("PlanApproved.v1", "InfoMissing.v1"));
        JsonNode reviewed = JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body());
        assertThat(reviewed.get("status").asString()).isEqualTo("INFO_MISSING");
        assertThat(reviewed.get("revision").asInt()).isEqualTo(2);
        assertThat(api.decline(requestId, DECLINE, TestTokens.ENGINEER).statusCode()).isEqualTo(202);
    }

    @Test
    void a_closure_of_an_older_revision_than_the_reviewed_one_changes_nothing() throws Exception {
        String requestId = approved();
        TestKafka.publish(amended(requestId, 2, upcoming()));
        await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2);

        TestKafka.publish(closed(requestId, 1, RequestClosed.Reason.NO_RESPONSE, "system"));
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, requestId, WAIT);

        JsonNode view = JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body());
        assertThat(view.get("status").asString()).isEqualTo("APPROVED");
        assertThat(view.get("closure").isNull()).isTrue();
        assertThat(api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER).statusCode()).isEqualTo(202);
    }

    @Test
    void a_closure_of_a_request_review_never_saw_creates_nothing() throws Exception {
        String requestId = UUID.randomUUID().toString();

        TestKafka.publish(closed(requestId, 1, RequestClosed.Reason.NO_RESPONSE, "system"));
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, requestId, WAIT);

        assertThat(api.view(requestId, TestTokens.ENGINEER).statusCode()).isEqualTo(404);
        assertThat(api.approve(requestId, null, TestTokens.ENGINEER).statusCode()).isEqualTo(404);
        assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).isEmpty();
    }

    @Test
    void a_closure_without_a_reason_is_dead_lettered() {
        String requestId = approved();

        TestKafka.publish(closed(requestId, 1, null, "system"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE),
                requestId)).hasSize(1));
        assertThat(types(requestId)).containsExactly("PlanApproved.v1");
    }

    /** approve, request-changes and decline each answer 409 problem details that say why. */
    private void assertRefused(String requestId, String why) throws Exception {
        List<HttpResponse<String>> answers = List.of(
                api.approve(requestId, null, TestTokens.ENGINEER),
                api.requestChanges(requestId, CHANGES, TestTokens.ENGINEER),
                api.decline(requestId, DECLINE, TestTokens.ENGINEER));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.uri().getPath()).isEqualTo(409);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(JSON.readTree(answer.body()).get("detail").asString()).as(answer.uri().getPath())
                    .contains(why);
        }
    }

    /** A new request whose first revision the checks approved. */
    private static String approved() {
        String requestId = UUID.randomUUID().toString();
        TestKafka.publish(received(requestId, 1, upcoming()));
        await().atMost(WAIT).until(() -> types(requestId), t -> t.equals(List.of("PlanApproved.v1")));
        return requestId;
    }
}
