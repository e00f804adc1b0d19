package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amendments race the decisions that close a request, on the real broker: intake decides each command against its own
 * request document in the write that records it, so one side wins, the other is refused with 409, and the request view
 * never goes back (it used to ask the eventually consistent view, so a late completion or decline was lost).
 */
@IntegrationTest
class CommandRaceIT extends IntakeApiSupport {

    private static final int ROUNDS = 8;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stopPool() {
        POOL.shutdown();
    }

    @Test
    void an_amendment_racing_a_reported_success_either_wins_or_is_refused_and_the_view_follows_the_winner() throws Exception {
        int amendmentsWon = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String id = submitted(Submissions.complete());
            awaitTimeline(id, 1);
            TestKafka.publish(Events.planApproved(id, 1, Instant.now()));
            TestKafka.publish(Events.onHold(id, "bob", Instant.now()));
            awaitStatus(id, "ON_HOLD");

            // the rounds sweep the start of one command across the other's
            List<IntakeClient.Response> both = race(() -> amend(id), () -> outcome(id), (round - ROUNDS / 2) * 5L);
            IntakeClient.Response amendment = both.get(0);
            IntakeClient.Response outcome = both.get(1);

            assertThat(List.of(amendment.status(), outcome.status())).as("one wins, one is refused")
                    .containsExactlyInAnyOrder(202, 409);
            if (amendment.status() == 202) {
                amendmentsWon++;
                assertThat(outcome.contentType()).startsWith("application/problem+json");
                awaitView(id, v -> amended(v) && "SUBMITTED".equals(v.get("status").asString()));
                assertThat(intakeEvents(id, "UpgradeOutcomeReported.v1")).isEmpty();
                assertThat(outcome(id).status()).as("no outcome for a revision not yet reviewed").isEqualTo(409);
            } else {
                assertThat(amendment.contentType()).startsWith("application/problem+json");
                // scheduling completes the request on the reported success
                TestKafka.publish(Events.completed(id, Instant.now()));
                JsonNode view = awaitStatus(id, "COMPLETED");
                assertThat(amended(view)).isFalse();
                assertThat(intakeEvents(id, "RequestAmended.v1")).isEmpty();
                assertThat(amend(id).status()).isEqualTo(409);
            }
        }
        System.out.printf("amendment vs reported success: the amendment won %d of %d rounds%n", amendmentsWon, ROUNDS);
    }

    @Test
    void an_amendment_racing_a_final_decline_is_refused_once_intake_knows_it_and_supersedes_it_otherwise() throws Exception {
        int amendmentsWon = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String id = submitted(Submissions.complete());
            awaitTimeline(id, 1);

            // the rounds sweep the amendment's start across the decline's publication and consumption
            List<IntakeClient.Response> both = race(() -> amend(id), () -> {
                TestKafka.publish(Events.declined(id, 1, DeclineReason.NOT_ENTITLED, Instant.now()));
                return null;
            }, round * 60L);
            IntakeClient.Response amendment = both.get(0);
            // every record about the request processed: the decline has been learned and projected
            TestKafka.awaitConsumed("intake-service", Topics.REVIEW, id, WAIT);
            TestKafka.awaitConsumed("intake-service", Topics.INTAKE, id, WAIT);

            assertThat(amendment.status()).isIn(202, 409);
            if (amendment.status() == 202) {
                amendmentsWon++;
                // the decline was about revision 1, which the amendment replaced: review decides revision 2
                awaitView(id, v -> amended(v) && "SUBMITTED".equals(v.get("status").asString()));
                assertThat(amend(id).status()).isEqualTo(202);
            } else {
                assertThat(amendment.contentType()).startsWith("application/problem+json");
                JsonNode view = awaitStatus(id, "DECLINED");
                assertThat(amended(view)).isFalse();
                assertThat(intakeEvents(id, "RequestAmended.v1")).isEmpty();
                assertThat(amend(id).status()).isEqualTo(409);
            }
        }
        System.out.printf("amendment vs final decline: the amendment won %d of %d rounds%n", amendmentsWon, ROUNDS);
    }

    private static boolean amended(JsonNode view) {
        for (JsonNode entry : view.get("timeline")) {
            if ("RequestAmended".equals(entry.get("type").asString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts both together, the first {@code skewMillis} later than the second (earlier when negative), and returns
     * their answers in order.
     */
    private static List<IntakeClient.Response> race(Supplier<IntakeClient.Response> first,
                                                    Supplier<IntakeClient.Response> second, long skewMillis)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<IntakeClient.Response> a = CompletableFuture.supplyAsync(
                () -> await(start, Math.max(0, skewMillis), first), POOL);
        CompletableFuture<IntakeClient.Response> b = CompletableFuture.supplyAsync(
                () -> await(start, Math.max(0, -skewMillis), second), POOL);
        start.countDown();
        return java.util.Arrays.asList(a.get(), b.get());
    }

    private static IntakeClient.Response await(CountDownLatch start, long delayMillis,
                                               Supplier<IntakeClient.Response> call) {
        try {
            start.await();
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return call.get();
    }

    private IntakeClient.Response amend(String id) {
        return client().put(REQUESTS + "/" + id, TestTokens.PORTAL, Submissions.complete().toString());
    }

    private IntakeClient.Response outcome(String id) {
        return client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"SUCCEEDED\",\"details\":\"all good\"}");
    }
}
