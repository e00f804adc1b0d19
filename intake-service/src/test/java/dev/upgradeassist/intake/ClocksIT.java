package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.intake.clocks.ClockGauges;
import dev.upgradeassist.intake.clocks.ClockPoller;
import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.MovableClock;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.platform.messaging.EventCodec;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clocks on the real broker and MongoDB, with the context's {@link MovableClock} moved instead of waiting: each
 * clock fires exactly once, again nothing after a second poll, a re-created poller and a replay of every topic about
 * the request, and once between two pollers at the same time; the auto-close and close endpoints; the queue by due.
 */
@IntegrationTest
class ClocksIT extends IntakeApiSupport {

    private static final EventCodec CODEC = new EventCodec();

    @Autowired
    ClockPoller poller;
    @Autowired
    ClockGauges gauges;
    @Autowired
    Clock clock;
    @Autowired
    AggregateStore store;
    @Autowired
    IntakeMetrics metrics;

    @Autowired
    dev.upgradeassist.platform.outbox.OutboxRelay relay;

    @AfterEach
    void resetClock() {
        // The outbox relay's quiet safety-net scan runs when 30 s have passed since its last scan, measured on the
        // Clock bean: a scan made while the clock was weeks ahead would stop it for weeks once the clock is back.
        // One round stamped 30 s in the past puts it back on schedule (its next round scans again).
        MovableClock.reset();
        MovableClock.advance(Duration.ofSeconds(-31));
        relay.drain();
        MovableClock.reset();
    }

    @Test
    void the_context_runs_on_the_movable_clock() {
        Instant before = clock.instant();
        MovableClock.advance(Duration.ofDays(3));
        assertThat(clock.instant()).isAfterOrEqualTo(before.plus(Duration.ofDays(3)));
    }

    @Test
    void a_first_response_breach_fires_once_across_polls_a_new_poller_and_a_replay_of_every_topic() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        assertThat(view(id).json().get("sla").get("firstResponseDueAt").isNull()).isFalse();

        poller.poll(); // nothing is due yet
        assertThat(intakeEvents(id, "SlaBreached.v1")).isEmpty();

        MovableClock.advance(Duration.ofDays(5)); // 4 business hours are within any 5 days, weekends included
        poller.poll();
        List<TestKafka.Received> breaches = awaitIntakeEvents(id, "SlaBreached.v1", 1);
        JsonNode breach = IntakeClient.JSON.readTree(breaches.get(0).value());
        assertThat(breach.get("kind").asString()).isEqualTo("FIRST_RESPONSE");
        assertThat(breach.get("calendar").asString()).isEqualTo("24x5");
        // sla.breached is the request's own clock, written by the poll at once; the timeline entry is the view's, from
        // the SlaBreached event once intake has read it back: both are awaited
        JsonNode shown = awaitView(id, v -> v.get("sla").get("breached").asBoolean()
                && v.get("timeline").toString().contains("\"type\":\"SlaBreached\""));
        // the team lead's "breached" list: overdue now, and open
        assertThat(queueIds(REQUESTS + "?breached=true&open=true&size=100")).contains(id);
        assertThat(shown.get("timeline").toString()).contains("\"type\":\"SlaBreached\"");
        assertThat(lastActor(shown, "SlaBreached")).isEqualTo("system");
        // a missed target is Support's business: the customer's view has no timeline entry for it
        assertThat(client().get(REQUESTS + "/" + id, TestTokens.PORTAL).body()).doesNotContain("SlaBreached");
        gauges.refresh();
        assertThat(gauges.breached()).isPositive();
        assertThat(gauges.oldestUnansweredSeconds()).isGreaterThan(Duration.ofDays(4).toSeconds());

        // a restart: another poll, and a poller created anew (its state is MongoDB's)
        poller.poll();
        new ClockPoller(mongo, store, metrics, clock).poll();
        // a replay of every topic: every event about the request again, same ids
        replayEverything(id);
        poller.poll();
        assertThat(intakeEvents(id, "SlaBreached.v1")).hasSize(1);

        // a late response ends the clock; the breach stays recorded
        assertThat(client().post(REQUESTS + "/" + id + "/comments", TestTokens.ENGINEER,
                "{\"body\":\"Sorry for the wait.\",\"visibility\":\"PUBLIC\"}").status()).isEqualTo(201);
        JsonNode answered = view(id).json();
        assertThat(answered.get("sla").get("firstResponseDueAt").isNull()).isTrue();
        assertThat(answered.get("sla").get("breached").asBoolean()).isTrue();
        // answered late: still recorded as breached, no longer overdue, still open. The queue reads the view, which
        // follows the comment's event (the GET above shows the request's own clocks at once): wait for it
        org.awaitility.Awaitility.await().atMost(WAIT)
                .until(() -> !queueIds(REQUESTS + "?breached=true&size=100").contains(id));
        assertThat(queueIds(REQUESTS + "?open=true&size=100")).contains(id);
        String prometheus = client().get("/actuator/prometheus", null).body();
        assertThat(prometheus).contains("upgrade_assist_sla_breaches_total{application=\"intake-service\",kind=\"first_response\"}")
                .contains("upgrade_assist_requests_breached{").contains("upgrade_assist_oldest_unanswered_seconds{");
    }

    @Test
    void two_pollers_at_the_same_time_fire_once_between_them() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submitted(Submissions.complete()));
        }
        ids.forEach(id -> awaitTimeline(id, 1));
        MovableClock.advance(Duration.ofDays(5));
        ClockPoller other = new ClockPoller(mongo, store, metrics, clock); // another instance's poller
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = threads.submit(() -> {
                start.await();
                return poller.poll();
            });
            Future<Integer> second = threads.submit(() -> {
                start.await();
                return other.poll();
            });
            start.countDown();
            first.get();
            second.get();
        } finally {
            threads.shutdownNow();
        }
        for (String id : ids) {
            awaitIntakeEvents(id, "SlaBreached.v1", 1);
        }
        poller.poll();
        for (String id : ids) {
            TestKafka.awaitConsumed("intake-service", Topics.INTAKE, id, WAIT);
            assertThat(intakeEvents(id, "SlaBreached.v1")).as(id).hasSize(1);
        }
    }

    @Test
    void waiting_on_the_customer_one_reminder_then_closed_no_response_and_an_amendment_reopens() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        TestKafka.publish(Events.infoMissing(id, 1, clock.instant()));
        awaitStatus(id, "AWAITING_INFO");
        assertThat(view(id).json().get("sla").get("firstResponseDueAt").isNull()).as("InfoMissing is a response")
                .isTrue();

        MovableClock.advance(Duration.ofDays(7).plusMinutes(1));
        poller.poll();
        JsonNode reminder = IntakeClient.JSON.readTree(awaitIntakeEvents(id, "PendingReminderDue.v1", 1).get(0).value());
        assertThat(reminder.get("closesAt").isNull()).isFalse();
        assertThat(intakeEvents(id, "RequestClosed.v1")).isEmpty();

        MovableClock.advance(Duration.ofDays(7));
        poller.poll();
        RequestClosed closed = (RequestClosed) decode(awaitIntakeEvents(id, "RequestClosed.v1", 1).get(0));
        assertThat(closed.reason()).isEqualTo(RequestClosed.Reason.NO_RESPONSE);
        assertThat(closed.actor()).isEqualTo("system");
        JsonNode view = awaitStatus(id, "CLOSED");
        assertThat(view.get("closedReason").asString()).isEqualTo("NO_RESPONSE");
        assertThat(lastActor(view, "RequestClosed")).isEqualTo("system");
        assertThat(lastActor(view, "PendingReminderDue")).isEqualTo("system");

        replayEverything(id);
        poller.poll();
        assertThat(intakeEvents(id, "PendingReminderDue.v1")).hasSize(1);
        assertThat(intakeEvents(id, "RequestClosed.v1")).hasSize(1);

        // closed: no comment, no outcome (409); an amendment reopens it and it is reviewed again
        assertThat(client().post(REQUESTS + "/" + id + "/comments", TestTokens.PORTAL, "{\"body\":\"here\"}").status())
                .isEqualTo(409);
        assertThat(client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"SUCCEEDED\",\"details\":\"x\"}").status()).isEqualTo(409);
        IntakeClient.Response amended = client().put(REQUESTS + "/" + id, TestTokens.PORTAL,
                Submissions.complete().toString());
        assertThat(amended.status()).as(amended.body()).isEqualTo(202);
        awaitIntakeEvents(id, "RequestAmended.v1", 1);
        JsonNode reopened = awaitStatus(id, "SUBMITTED");
        assertThat(reopened.get("closedReason").isNull()).isTrue();
        assertThat(reopened.get("sla").get("nextResponseDueAt").isNull()).isFalse();
    }

    @Test
    void auto_close_off_sends_the_reminder_without_a_close_and_the_endpoint_answers_200_400_403_404() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        String path = REQUESTS + "/" + id + "/auto-close";
        IntakeClient.Response off = client().post(path, TestTokens.ENGINEER, "{\"enabled\":false}");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().get("autoClose").asBoolean()).isFalse();
        assertThat(view(id).json().get("autoClose").asBoolean()).isFalse();
        assertThat(client().post(path, TestTokens.ENGINEER, "{\"enabled\":\"no\"}").status()).isEqualTo(400);
        assertThat(client().post(path, TestTokens.ENGINEER, "{}").status()).isEqualTo(400);
        assertThat(client().post(path, TestTokens.PORTAL, "{\"enabled\":true}").status()).isEqualTo(403);
        assertThat(client().post(REQUESTS + "/" + UUID.randomUUID() + "/auto-close", TestTokens.ENGINEER,
                "{\"enabled\":true}").status()).isEqualTo(404);

        TestKafka.publish(Events.changesRequested(id, 1, "alice", "fix", clock.instant()));
        awaitStatus(id, "AWAITING_INFO");
        MovableClock.advance(Duration.ofDays(30));
        poller.poll();
        JsonNode reminder = IntakeClient.JSON.readTree(awaitIntakeEvents(id, "PendingReminderDue.v1", 1).get(0).value());
        assertThat(reminder.get("closesAt").isNull()).isTrue();
        assertThat(intakeEvents(id, "RequestClosed.v1")).isEmpty();
        assertThat(view(id).json().get("status").asString()).isEqualTo("AWAITING_INFO");

        IntakeClient.Response on = client().post(path, TestTokens.ENGINEER, "{\"enabled\":true}");
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json().get("autoClose").asBoolean()).isTrue();
        poller.poll();
        awaitIntakeEvents(id, "RequestClosed.v1", 1);
        awaitStatus(id, "CLOSED");
    }

    @Test
    void an_engineer_closes_a_request_once_and_a_closed_request_refuses_comments_outcomes_and_amendments() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        String path = REQUESTS + "/" + id + "/close";
        assertThat(client().post(path, TestTokens.PORTAL, "").status()).isEqualTo(403);
        assertThat(client().post(REQUESTS + "/" + UUID.randomUUID() + "/close", TestTokens.ENGINEER, "").status())
                .isEqualTo(404);

        IntakeClient.Response closed = client().post(path, TestTokens.ENGINEER, "");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("closedReason").asString()).isEqualTo("ENGINEER_CLOSED");
        assertThat(closed.json().get("closedBy").asString()).isEqualTo("alice");
        RequestClosed event = (RequestClosed) decode(awaitIntakeEvents(id, "RequestClosed.v1", 1).get(0));
        assertThat(event.actor()).isEqualTo("alice");
        assertThat(event.reason()).isEqualTo(RequestClosed.Reason.ENGINEER_CLOSED);
        JsonNode view = awaitStatus(id, "CLOSED");
        assertThat(queueIds(REQUESTS + "?open=true&size=100")).doesNotContain(id);
        assertThat(view.get("closedReason").asString()).isEqualTo("ENGINEER_CLOSED");
        assertThat(lastActor(view, "RequestClosed")).isEqualTo("alice");
        assertThat(view.get("sla").get("firstResponseDueAt").isNull()).isTrue();

        assertThat(client().post(path, TestTokens.ENGINEER_BOB, "").status()).isEqualTo(409);
        assertThat(client().post(REQUESTS + "/" + id + "/comments", TestTokens.ENGINEER,
                "{\"body\":\"x\",\"visibility\":\"INTERNAL\"}").status()).isEqualTo(409);
        assertThat(client().put(REQUESTS + "/" + id, TestTokens.PORTAL, Submissions.complete().toString()).status())
                .isEqualTo(409);
        MovableClock.advance(Duration.ofDays(30));
        poller.poll();
        assertThat(intakeEvents(id, "SlaBreached.v1")).isEmpty();
        assertThat(intakeEvents(id, "RequestClosed.v1")).hasSize(1);
    }

    @Test
    void the_call_reminder_goes_to_the_engineer_it_was_handed_to_and_the_on_hold_recheck_once() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        Instant now = clock.instant();
        TestKafka.publish(Events.planApproved(id, 1, now));
        var booked = Events.callBooked(id, "link-" + id, now.plusSeconds(1)); // starts in 2 days
        TestKafka.publish(booked);
        TestKafka.publish(Events.handedOff(id, "alice", "bob", now.plusSeconds(2)));
        var onHold = Events.onHold(id, "bob", now.plusSeconds(3)); // window: 3 days from now, 240 minutes
        TestKafka.publish(onHold);
        awaitView(id, v -> "ON_HOLD".equals(v.get("status").asString()) && "bob".equals(v.get("assignee").asString()));
        TestKafka.awaitConsumed("intake-service", Topics.SCHEDULING, id, WAIT);

        MovableClock.advance(Duration.ofDays(1).plusMinutes(1)); // within a day of the call
        poller.poll();
        CallReminderDue reminder = (CallReminderDue) decode(awaitIntakeEvents(id, "CallReminderDue.v1", 1).get(0));
        assertThat(reminder.engineer()).isEqualTo("bob");
        assertThat(reminder.engineerEmail()).isEqualTo("bob@gitlab.example");
        assertThat(reminder.callStart()).isEqualTo(booked.start().truncatedTo(ChronoUnit.MILLIS)); // as MongoDB stores it
        assertThat(intakeEvents(id, "OnHoldRecheckDue.v1")).isEmpty();

        MovableClock.advance(Duration.ofDays(7)); // past the window's end + 4 days
        poller.poll();
        JsonNode recheck = IntakeClient.JSON.readTree(awaitIntakeEvents(id, "OnHoldRecheckDue.v1", 1).get(0).value());
        assertThat(Instant.parse(recheck.get("windowEnd").asString()))
                .isEqualTo(onHold.upgradeStart().plus(Duration.ofMinutes(240)).truncatedTo(ChronoUnit.MILLIS));

        replayEverything(id);
        poller.poll();
        new ClockPoller(mongo, store, metrics, clock).poll();
        assertThat(intakeEvents(id, "CallReminderDue.v1")).hasSize(1);
        assertThat(intakeEvents(id, "OnHoldRecheckDue.v1")).hasSize(1);
    }

    @Test
    void the_queue_sorts_by_the_running_clocks_due_time() {
        String assignee = "due-" + UUID.randomUUID().toString().substring(0, 8);
        String older = submitted(Submissions.complete());
        String newer = submitted(Submissions.complete());
        for (String id : List.of(older, newer)) {
            awaitTimeline(id, 1);
            assertThat(client().post(REQUESTS + "/" + id + "/assignment", TestTokens.ENGINEER,
                    "{\"engineer\":\"" + assignee + "\"}").status()).isEqualTo(200);
        }
        String queue = REQUESTS + "?assignee=" + assignee;
        awaitQueue(queue, List.of(newer, older));
        awaitQueue(queue + "&sort=due", List.of(older, newer));
        JsonNode item = client().get(queue + "&sort=due", TestTokens.ENGINEER).json().get("items").get(0);
        assertThat(item.get("sla").get("firstResponseDueAt").isNull()).isFalse();
        assertThat(item.get("breached").asBoolean()).isFalse();

        // answered: no running clock, so it goes after the one still waiting
        assertThat(client().post(REQUESTS + "/" + older + "/comments", TestTokens.ENGINEER,
                "{\"body\":\"Looking at it.\",\"visibility\":\"PUBLIC\"}").status()).isEqualTo(201);
        awaitQueue(queue + "&sort=due", List.of(newer, older));
        assertThat(client().get(REQUESTS + "?sort=soon", TestTokens.ENGINEER).status()).isEqualTo(400);
        assertThat(client().get(REQUESTS + "?status=CLOSED", TestTokens.ENGINEER).status()).isEqualTo(200);
    }

    private List<String> queueIds(String path) {
        List<String> found = new ArrayList<>();
        client().get(path, TestTokens.ENGINEER).json().get("items").forEach(item -> found.add(item.get("id").asString()));
        return found;
    }

    private void awaitQueue(String path, List<String> ids) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> {
            JsonNode items = client().get(path, TestTokens.ENGINEER).json().get("items");
            List<String> found = new ArrayList<>();
            items.forEach(item -> found.add(item.get("id").asString()));
            return found.equals(ids);
        });
    }

    private static String lastActor(JsonNode view, String type) {
        String actor = null;
        for (JsonNode entry : view.get("timeline")) {
            if (type.equals(entry.get("type").asString())) {
                actor = entry.get("actor").asString();
            }
        }
        return actor;
    }

    private static DomainEvent decode(TestKafka.Received record) {
        return CODEC.fromJson(record.typeId(), new String(record.value(), StandardCharsets.UTF_8));
    }

    /** Every event about the request on every topic intake consumes, published again (same event ids), and consumed. */
    private static void replayEverything(String id) {
        for (String topic : List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING)) {
            for (TestKafka.Received record : TestKafka.readAll(topic, id)) {
                if (record.typeId() != null) {
                    TestKafka.publish(decode(record));
                }
            }
        }
        for (String topic : List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING)) {
            TestKafka.awaitConsumed("intake-service", topic, id, WAIT);
        }
    }
}
