package dev.upgradeassist.review.flow;

import static dev.upgradeassist.review.flow.ReviewClient.incomplete;
import static dev.upgradeassist.review.flow.ReviewClient.outcome;
import static dev.upgradeassist.review.flow.ReviewClient.received;
import static dev.upgradeassist.review.flow.ReviewClient.types;
import static dev.upgradeassist.review.flow.ReviewClient.upcoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.upgradeassist.review.fixtures.SubmissionBuilder;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/v1/reviews/{id}/runbook} on the real broker and MongoDB: Markdown for an approved (or completed)
 * plan to the portal and engineers; 404 unknown, 409 while not approved, 403 for operators, 401 without a token.
 */
@IntegrationTest
class RunbookIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private ReviewClient api;

    @BeforeEach
    void client() {
        api = new ReviewClient(port);
    }

    private HttpResponse<String> runbook(String requestId, String token) throws Exception {
        return api.get("/api/v1/reviews/" + requestId + "/runbook", token);
    }

    @Test
    void an_approved_plan_has_a_markdown_runbook_for_the_portal_and_engineers_only() throws Exception {
        String requestId = UUID.randomUUID().toString();
        SubmissionBuilder docker = upcoming();
        docker.installMethod = dev.upgradeassist.contracts.model.InstallMethod.DOCKER;
        docker.topology = dev.upgradeassist.contracts.model.Topology.SINGLE_NODE;
        TestKafka.publish(received(requestId, 1, docker));
        await().atMost(WAIT).until(() -> types(requestId), t -> t.equals(List.of("PlanApproved.v1")));

        for (String token : List.of(TestTokens.PORTAL, TestTokens.ENGINEER)) {
            HttpResponse<String> response = runbook(requestId, token);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/markdown;charset=utf-8"));
            assertThat(response.body()).startsWith("# Upgrade runbook: UA-" + requestId.substring(0, 6)
                    + ", GitLab 15.11.13 → 17.3.7\n").contains("docker pull gitlab/gitlab-ee:16.3.9-ee.0",
                    "## Hop 4 of 4: GitLab 17.3.7", "## If something goes wrong: roll back");
        }
        assertProblem(runbook(requestId, TestTokens.OPERATOR), 403);
        assertThat(runbook(requestId, null).statusCode()).isEqualTo(401);

        // the customer reported a successful upgrade: the runbook stays available
        TestKafka.publish(outcome(requestId));
        await().atMost(WAIT).until(() -> api.view(requestId, TestTokens.ENGINEER).body(),
                body -> body.contains("\"status\":\"COMPLETED\""));
        assertThat(runbook(requestId, TestTokens.PORTAL).statusCode()).isEqualTo(200);
    }

    @Test
    void no_runbook_for_an_unknown_request_or_a_plan_that_is_not_approved() throws Exception {
        assertProblem(runbook(UUID.randomUUID().toString(), TestTokens.PORTAL), 404);

        String incompleteId = UUID.randomUUID().toString();
        TestKafka.publish(received(incompleteId, 1, incomplete()));
        await().atMost(WAIT).until(() -> types(incompleteId), t -> t.equals(List.of("InfoMissing.v1")));
        HttpResponse<String> infoMissing = runbook(incompleteId, TestTokens.PORTAL);
        assertProblem(infoMissing, 409);
        assertThat(infoMissing.body()).contains("INFO_MISSING", "approved plan");

        String changedId = UUID.randomUUID().toString();
        TestKafka.publish(received(changedId, 1, upcoming()));
        await().atMost(WAIT).until(() -> types(changedId), t -> t.equals(List.of("PlanApproved.v1")));
        assertThat(api.requestChanges(changedId, "{\"feedback\": \"Please rehearse the restore.\"}",
                TestTokens.ENGINEER).statusCode()).isEqualTo(202);
        assertProblem(runbook(changedId, TestTokens.ENGINEER), 409);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Exception");
    }
}
