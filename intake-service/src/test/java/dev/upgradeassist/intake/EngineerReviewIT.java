package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Review's engineer decisions as intake shows them, and what they allow the customer to do next. */
@IntegrationTest
class EngineerReviewIT extends IntakeApiSupport {

    @Test
    void a_plan_awaiting_approval_is_in_review_with_the_automatic_checks_as_pre_check() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);

        TestKafka.publish(Events.awaitingApproval(id, 1, Instant.now()));

        JsonNode view = awaitStatus(id, "IN_REVIEW");
        assertThat(view.get("findings").get(0).get("code").asString()).isEqualTo("BACKGROUND_MIGRATIONS_LONG");
        assertThat(view.get("requiredStops").size()).isEqualTo(Events.STOPS.size());
        assertThat(view.get("deficiencies").size()).isZero();
        assertThat(view.get("reviewDecision").get("decision").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(lastEntry(view)).isEqualTo("PlanAwaitingApproval:system");
        assertThat(client().get(REQUESTS + "/" + id, TestTokens.PORTAL).json().get("status").asString())
                .isEqualTo("IN_REVIEW");
    }

    @Test
    void an_engineers_approval_shows_who_approved_and_the_feedback() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        Instant t = Instant.now();
        TestKafka.publish(Events.awaitingApproval(id, 1, t));
        TestKafka.publish(Events.approvedBy(id, 1, "alice", "Wait for the batched migrations.", t.plusSeconds(60)));

        JsonNode view = awaitStatus(id, "APPROVED");

        JsonNode decision = view.get("reviewDecision");
        assertThat(decision.get("decision").asString()).isEqualTo("APPROVED");
        assertThat(decision.get("by").asString()).isEqualTo("alice");
        assertThat(decision.get("approvalMode").asString()).isEqualTo("ENGINEER");
        assertThat(decision.get("feedback").asString()).isEqualTo("Wait for the batched migrations.");
        assertThat(lastEntry(view)).isEqualTo("PlanApproved:alice");
    }

    @Test
    void an_automatic_approval_is_the_systems() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        TestKafka.publish(Events.planApproved(id, 1, Instant.now()));

        JsonNode view = awaitStatus(id, "APPROVED");

        assertThat(view.get("reviewDecision").get("by").asString()).isEqualTo("system");
        assertThat(view.get("reviewDecision").get("approvalMode").asString()).isEqualTo("AUTOMATIC");
        assertThat(view.get("reviewDecision").get("feedback").isNull()).isTrue();
        assertThat(lastEntry(view)).isEqualTo("PlanApproved:system");
    }

    @Test
    void changes_requested_after_approval_wait_for_the_customer_and_an_amendment_is_reviewed_again() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        Instant t = Instant.now();
        TestKafka.publish(Events.planApproved(id, 1, t));
        TestKafka.publish(Events.linkIssued(id, UUID.randomUUID().toString(), t.plusSeconds(1)));
        awaitStatus(id, "CALL_LINK_ISSUED");

        TestKafka.publish(Events.changesRequested(id, 1, "bob", "Your rollback misses the secrets.", t.plusSeconds(60)));

        JsonNode view = awaitStatus(id, "AWAITING_INFO");
        JsonNode deficiency = view.get("deficiencies").get(0);
        assertThat(deficiency.get("code").asString()).isEqualTo("ENGINEER_REQUESTED");
        assertThat(deficiency.get("field").asString()).isEqualTo("rollbackPlan");
        assertThat(deficiency.get("message").asString()).isEqualTo("The rollback plan does not restore the secrets.");
        assertThat(deficiency.get("hint").asString()).contains("gitlab-secrets.json");
        assertThat(view.get("reviewDecision").get("decision").asString()).isEqualTo("CHANGES_REQUESTED");
        assertThat(view.get("reviewDecision").get("by").asString()).isEqualTo("bob");
        assertThat(view.get("reviewDecision").get("feedback").asString()).isEqualTo("Your rollback misses the secrets.");
        assertThat(lastEntry(view)).isEqualTo("ChangesRequested:bob");
        JsonNode portal = client().get(REQUESTS + "/" + id, TestTokens.PORTAL).json();
        assertThat(portal.get("reviewDecision").get("feedback").asString()).isEqualTo("Your rollback misses the secrets.");
        assertThat(portal.get("deficiencies").get(0).get("hint").asString()).contains("gitlab-secrets.json");

        IntakeClient.Response amended = client().put(REQUESTS + "/" + id, TestTokens.PORTAL,
                Submissions.complete("secrets restored").toString());

        assertThat(amended.status()).as(amended.body()).isEqualTo(202);
        assertThat(amended.json().get("revision").asInt()).isEqualTo(2);
        RequestAmended event = awaitIntakeEvents(id, "RequestAmended.v1", 1).get(0).as(RequestAmended.class);
        assertThat(event.revision()).isEqualTo(2);
        assertThat(event.submission().additionalInfo()).isEqualTo("secrets restored");
        JsonNode resubmitted = awaitStatus(id, "SUBMITTED");
        assertThat(resubmitted.get("deficiencies").size()).isZero();
    }

    @Test
    void changes_requested_on_hold_end_the_wait_for_an_outcome() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        Instant t = Instant.now();
        TestKafka.publish(Events.planApproved(id, 1, t));
        TestKafka.publish(Events.onHold(id, "bob", t.plusSeconds(1)));
        awaitStatus(id, "ON_HOLD");

        TestKafka.publish(Events.changesRequested(id, 1, "bob", null, t.plusSeconds(60)));
        awaitStatus(id, "AWAITING_INFO");

        IntakeClient.Response outcome = client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"SUCCEEDED\",\"details\":\"done\"}");
        assertThat(outcome.status()).as(outcome.body()).isEqualTo(409);
        assertThat(client().put(REQUESTS + "/" + id, TestTokens.PORTAL, Submissions.complete().toString()).status())
                .isEqualTo(202);
    }

    @Test
    void the_queue_filters_by_in_review_and_accepts_closed() {
        String inReview = submitted(Submissions.complete());
        String other = submitted(Submissions.complete());
        awaitTimeline(inReview, 1);
        TestKafka.publish(Events.awaitingApproval(inReview, 1, Instant.now()));
        awaitStatus(inReview, "IN_REVIEW");

        IntakeClient.Response queue = client().get(REQUESTS + "?status=IN_REVIEW&size=100", TestTokens.ENGINEER);
        IntakeClient.Response closed = client().get(REQUESTS + "?status=CLOSED", TestTokens.ENGINEER);

        assertThat(queue.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        queue.json().get("items").forEach(item -> {
            ids.add(item.get("id").asString());
            assertThat(item.get("status").asString()).isEqualTo("IN_REVIEW");
        });
        assertThat(ids).contains(inReview).doesNotContain(other);
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        closed.json().get("items").forEach(item -> assertThat(item.get("status").asString()).isEqualTo("CLOSED"));
    }

    private static String lastEntry(JsonNode view) {
        JsonNode timeline = view.get("timeline");
        JsonNode last = timeline.get(timeline.size() - 1);
        return last.get("type").asString() + ":" + last.get("actor").asString();
    }
}
