package dev.upgradeassist.scheduling.outcome;

import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.scheduling.SchedulingITSupport;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutcomeIT extends SchedulingITSupport {

    /** An approved request (no call) whose 240-minute window started {@code minutesAgo} ago, on hold. */
    private String onHoldSince(int minutesAgo, int rollbackMinutes) {
        String requestId = newRequestId();
        Instant start = clock.instant().minus(Duration.ofMinutes(minutesAgo)).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.publish(assignment(requestId, "bob"));
        TestKafka.publish(approval(requestId, 1, false, start, 240, rollbackMinutes));
        awaitOne(requestId, "TicketOnHold");
        return requestId;
    }

    @Test
    void success_completes_the_request() {
        String requestId = onHoldSince(30, 90);

        TestKafka.publish(outcome(requestId, OutcomeResult.SUCCEEDED));

        RequestCompleted completed = awaitOne(requestId, "RequestCompleted").as(RequestCompleted.class);
        assertThat(completed.details()).isEqualTo("details of SUCCEEDED");
        assertThat(completed.contact()).isEqualTo(contact(requestId));
        assertThat(completed.assignee()).isIn("bob", "alice");
        assertThat(completed.assigneeEmail()).isEqualTo(completed.assignee() + "@gitlab.example");
        assertThat(scheduling(requestId, "RollbackAdvised")).isEmpty();
    }

    @Test
    void problems_with_plenty_of_window_left_advise_the_rollback_plan_without_urgency() {
        String requestId = onHoldSince(60, 90);   // about 180 minutes left; 90 + 30 margin needed

        TestKafka.publish(outcome(requestId, OutcomeResult.PROBLEMS));

        RollbackAdvised advice = awaitOne(requestId, "RollbackAdvised").as(RollbackAdvised.class);
        assertThat(advice.minutesLeftInWindow()).isBetween(178L, 180L);
        assertThat(advice.rollbackEstimateMinutes()).isEqualTo(90);
        assertThat(advice.rollBackNow()).isFalse();
        assertThat(advice.advice()).contains("rollback plan").contains("emergency ticket")
                .contains("last working GitLab version");
        assertThat(advice.contact()).isEqualTo(contact(requestId));
        assertThat(scheduling(requestId, "RequestCompleted")).isEmpty();
    }

    @Test
    void problems_late_in_the_window_advise_rolling_back_now_with_the_assignee() {
        String requestId = newRequestId();
        TestKafka.publish(assignment(requestId, "bob"));
        await().atMost(WAIT).until(() -> rawDocument(requestId) != null);
        Instant start = clock.instant().minus(Duration.ofMinutes(150)).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.publish(approval(requestId, 1, false, start, 240, 90));   // about 90 minutes left < 90 + 30
        awaitOne(requestId, "TicketOnHold");

        TestKafka.publish(outcome(requestId, OutcomeResult.PROBLEMS));

        RollbackAdvised advice = awaitOne(requestId, "RollbackAdvised").as(RollbackAdvised.class);
        assertThat(advice.minutesLeftInWindow()).isBetween(88L, 90L);
        assertThat(advice.rollBackNow()).isTrue();
        assertThat(advice.advice()).contains("start the rollback now");
        assertThat(advice.assignee()).isEqualTo("bob");
        assertThat(advice.assigneeEmail()).isEqualTo("bob@gitlab.example");

        TestKafka.publish(outcome(requestId, OutcomeResult.SUCCEEDED));
        assertThat(awaitOne(requestId, "RequestCompleted").as(RequestCompleted.class).assignee()).isEqualTo("bob");
    }

    @Test
    void the_on_hold_gauge_follows_the_requests_on_hold_in_mongodb() {
        String requestId = onHoldSince(10, 60);
        await().atMost(WAIT).until(() -> mongoOnHold() >= 1 && metric("upgrade_assist_tickets_on_hold") == mongoOnHold());

        TestKafka.publish(outcome(requestId, OutcomeResult.SUCCEEDED));
        awaitOne(requestId, "RequestCompleted");

        assertThat(rawDocument(requestId).getString("stage")).isEqualTo("COMPLETED");
        await().atMost(WAIT).until(() -> metric("upgrade_assist_tickets_on_hold") == mongoOnHold());
        String prometheus = prometheus();
        for (String event : new String[]{"issued", "booked", "expired", "rejected"}) {
            assertThat(prometheus).containsPattern("upgrade_assist_booking_links_total\\{[^}]*event=\"" + event + "\"");
        }
        // the contract's histogram: buckets, not only a count and a sum
        assertThat(prometheus).containsPattern("upgrade_assist_request_stage_seconds_bucket\\{[^}]*stage=\"approved_to_on_hold\"");
    }

    private String prometheus() {
        return send(java.net.http.HttpRequest.newBuilder(uri("/actuator/prometheus")).build()).body();
    }

    private long mongoOnHold() {
        return mongo.getCollection("upgrade_requests").countDocuments(new org.bson.Document("stage", "ON_HOLD"));
    }

    /** A sample's value from /actuator/prometheus, by name or name{labels} prefix. */
    private double metric(String prefix) {
        String body = prometheus();
        return body.lines().filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(prefix.contains("{") ? prefix : prefix + "{") || line.startsWith(prefix + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
