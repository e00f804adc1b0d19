package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.intake.clocks.ClockPoller;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.MovableClock;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.platform.messaging.EventCodec;
import dev.upgradeassist.platform.outbox.OutboxRelay;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.bson.Document;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's calls as intake follows them, on the real broker and MongoDB with the context's {@link MovableClock}: a
 * rescheduled call is reminded once before its new start and never before the old one; a cancelled call is never
 * reminded; the view's call follows; a customer's cancel ends ON_HOLD, a cancel that follows a request for changes or a
 * decline leaves the status the decision set; an engineer's re-issued link takes the request off hold (no on-hold
 * re-check) until the next on hold. Duplicates and a replay of every topic change nothing.
 */
@IntegrationTest
class CallsIT extends IntakeApiSupport {

    private static final EventCodec CODEC = new EventCodec();

    @Autowired
    ClockPoller poller;
    @Autowired
    Clock clock;
    @Autowired
    OutboxRelay relay;

    @AfterEach
    void resetClock() {
        // as ClocksIT: put the relay's safety-net scan back on schedule after the clock was moved ahead
        MovableClock.reset();
        MovableClock.advance(Duration.ofSeconds(-31));
        relay.drain();
        MovableClock.reset();
    }

    @Test
    void a_rescheduled_call_is_reminded_once_before_its_new_start_never_before_the_old_and_the_view_follows() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        Instant now = clock.instant();
        String linkId = UUID.randomUUID().toString();
        String callId = UUID.randomUUID().toString();
        Instant oldStart = now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        Instant newStart = now.plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.MINUTES);
        TestKafka.publish(Events.planApproved(id, 1, now));
        TestKafka.publish(Events.linkIssued(id, linkId, now.plusSeconds(1)));
        ReviewCallBooked booked = Events.callBooked(id, linkId, callId, oldStart, now.plusSeconds(2));
        TestKafka.publish(booked);
        TestKafka.publish(Events.onHold(id, "alice", now.plusSeconds(3)));
        var rescheduled = Events.callRescheduled(id, callId, 1, oldStart, newStart, now.plusSeconds(4));
        TestKafka.publish(rescheduled);
        TestKafka.publish(rescheduled); // delivered twice
        TestKafka.publish(booked); // and the booking again (a redelivery): the call stays moved

        JsonNode view = awaitView(id, v -> hasEntry(v, "ReviewCallRescheduled"));
        assertThat(Instant.parse(view.get("reviewCall").get("start").asString())).isEqualTo(newStart);
        assertThat(Instant.parse(view.get("reviewCall").get("end").asString())).isEqualTo(newStart.plus(Duration.ofMinutes(30)));
        assertThat(view.get("status").asString()).isEqualTo("ON_HOLD");
        assertThat(actors(view, "ReviewCallRescheduled")).containsExactly("customer");
        TestKafka.awaitConsumed("intake-service", Topics.SCHEDULING, id, WAIT);

        MovableClock.advance(Duration.ofDays(1).plusMinutes(1)); // past the old start's reminder time
        poller.poll();
        assertThat(firedCallReminders(id)).isEmpty();
        MovableClock.advance(Duration.ofDays(1)); // past the old start itself
        poller.poll();
        assertThat(firedCallReminders(id)).isEmpty();

        MovableClock.advance(Duration.ofDays(1)); // within a day of the new start
        poller.poll();
        CallReminderDue reminder = (CallReminderDue) decode(awaitIntakeEvents(id, "CallReminderDue.v1", 1).get(0));
        assertThat(reminder.callStart()).isEqualTo(newStart);
        assertThat(reminder.callEnd()).isEqualTo(newStart.plus(Duration.ofMinutes(30)));
        assertThat(firedCallReminders(id)).containsExactly("call-reminder:" + newStart);

        replayEverything(id);
        poller.poll();
        assertThat(intakeEvents(id, "CallReminderDue.v1")).hasSize(1);
        JsonNode replayed = view(id).json();
        assertThat(Instant.parse(replayed.get("reviewCall").get("start").asString())).isEqualTo(newStart);
        assertThat(actors(replayed, "ReviewCallRescheduled")).containsExactly("customer");
    }

    @Test
    void a_call_the_customer_cancelled_is_never_reminded_and_the_hold_that_follows_shows_on_hold() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        Instant now = clock.instant();
        String linkId = UUID.randomUUID().toString();
        String callId = UUID.randomUUID().toString();
        Instant start = now.plus(Duration.ofDays(2));
        TestKafka.publish(Events.planApproved(id, 1, now));
        TestKafka.publish(Events.linkIssued(id, linkId, now.plusSeconds(1)));
        TestKafka.publish(Events.callBooked(id, linkId, callId, start, now.plusSeconds(2)));
        awaitStatus(id, "CALL_BOOKED");
        // as scheduling raises it: the cancel, then the ticket on hold without the call
        var cancelled = Events.callCancelled(id, callId, 1, start, ReviewCallCancelled.Reason.CUSTOMER_CANCELLED,
                "customer", now.plusSeconds(3));
        TestKafka.publish(cancelled);
        TestKafka.publish(Events.onHold(id, "alice", now.plusSeconds(3)));
        TestKafka.publish(cancelled); // delivered twice

        JsonNode view = awaitView(id, v -> hasEntry(v, "ReviewCallCancelled") && hasEntry(v, "TicketOnHold"));
        assertThat(view.get("status").asString()).isEqualTo("ON_HOLD");
        assertThat(view.get("reviewCall").isNull()).isTrue();
        assertThat(actors(view, "ReviewCallCancelled")).containsExactly("customer");
        TestKafka.awaitConsumed("intake-service", Topics.SCHEDULING, id, WAIT);

        MovableClock.advance(Duration.ofDays(1).plusMinutes(1)); // the booked call's reminder time: nothing is due
        poller.poll();
        assertThat(firedCallReminders(id)).isEmpty();
        replayEverything(id);
        poller.poll();
        assertThat(firedCallReminders(id)).isEmpty();
        assertThat(intakeEvents(id, "CallReminderDue.v1")).isEmpty();
        assertThat(view(id).json().get("reviewCall").isNull()).isTrue();
        // still on hold with the upgrade scheduled: the customer can report the outcome
        assertThat(client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"PROBLEMS\",\"details\":\"sidekiq stuck\"}").status()).isEqualTo(202);
    }

    @Test
    void a_call_cancelled_after_a_request_for_changes_or_a_decline_leaves_the_status_the_decision_set() {
        String changes = submitted(Submissions.complete());
        String declined = submitted(Submissions.complete());
        List<String> ids = List.of(changes, declined);
        ids.forEach(id -> awaitTimeline(id, 1));
        Instant now = clock.instant();
        List<ReviewCallCancelled> cancels = new ArrayList<>();
        for (String id : ids) {
            String linkId = UUID.randomUUID().toString();
            String callId = UUID.randomUUID().toString();
            Instant start = now.plus(Duration.ofDays(2));
            TestKafka.publish(Events.planApproved(id, 1, now));
            TestKafka.publish(Events.linkIssued(id, linkId, now.plusSeconds(1)));
            TestKafka.publish(Events.callBooked(id, linkId, callId, start, now.plusSeconds(2)));
            TestKafka.publish(Events.onHold(id, "alice", now.plusSeconds(2)));
            awaitStatus(id, "ON_HOLD");
            boolean isChanges = id.equals(changes);
            DomainEvent decision = isChanges
                    ? Events.changesRequested(id, 1, "bob", "Restore the secrets too.", now.plusSeconds(5))
                    : new RequestDeclined(Events.id(), now.plusSeconds(5), id, 1, DeclineReason.POSTPONE_RECOMMENDED,
                    "Not this month.", "bob", Events.contact(null));
            TestKafka.publish(decision);
            awaitStatus(id, isChanges ? "AWAITING_INFO" : "DECLINED");
            // scheduling's cancel follows the decision (its own topic, after it)
            ReviewCallCancelled cancel = Events.callCancelled(id, callId, 1, start, isChanges
                    ? ReviewCallCancelled.Reason.CHANGES_REQUESTED : ReviewCallCancelled.Reason.REQUEST_DECLINED,
                    "bob", now.plusSeconds(5).plusMillis(200));
            cancels.add(cancel);
            TestKafka.publish(cancel);
        }
        for (String id : ids) {
            String status = id.equals(changes) ? "AWAITING_INFO" : "DECLINED";
            JsonNode view = awaitView(id, v -> hasEntry(v, "ReviewCallCancelled"));
            assertThat(view.get("status").asString()).as(id).isEqualTo(status);
            assertThat(view.get("reviewCall").isNull()).as(id).isTrue();
            assertThat(actors(view, "ReviewCallCancelled")).as(id).containsExactly("bob");
            TestKafka.awaitConsumed("intake-service", Topics.SCHEDULING, id, WAIT);
        }

        MovableClock.advance(Duration.ofDays(1).plusMinutes(1));
        poller.poll();
        cancels.forEach(TestKafka::publish); // again, and every topic replayed: nothing moves back
        replayEverything(changes);
        replayEverything(declined);
        poller.poll();
        for (String id : ids) {
            assertThat(firedCallReminders(id)).as(id).isEmpty();
            assertThat(intakeEvents(id, "CallReminderDue.v1")).as(id).isEmpty();
            JsonNode view = view(id).json();
            assertThat(view.get("status").asString()).as(id).isEqualTo(id.equals(changes) ? "AWAITING_INFO" : "DECLINED");
            assertThat(actors(view, "ReviewCallCancelled")).as(id).containsExactly("bob");
        }
    }

    @Test
    void a_link_reissued_from_on_hold_shows_call_link_issued_and_stops_the_on_hold_recheck_until_the_next_hold() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        Instant now = clock.instant();
        TestKafka.publish(Events.planApproved(id, 1, now));
        TicketOnHold onHold = Events.onHold(id, "alice", now.plusSeconds(1)); // window: 3 days from now, 240 minutes
        TestKafka.publish(onHold);
        awaitStatus(id, "ON_HOLD");

        String linkId = UUID.randomUUID().toString();
        var reissued = Events.linkReissued(id, linkId, "carol", now.plusSeconds(2));
        TestKafka.publish(reissued);
        TestKafka.publish(reissued); // delivered twice
        JsonNode view = awaitStatus(id, "CALL_LINK_ISSUED");
        assertThat(view.get("bookingLink").get("status").asString()).isEqualTo("ISSUED");
        assertThat(Instant.parse(view.get("bookingLink").get("expiresAt").asString()))
                .isEqualTo(reissued.expiresAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(actors(view, "BookingLinkIssued")).containsExactly("carol");
        TestKafka.awaitConsumed("intake-service", Topics.SCHEDULING, id, WAIT);
        // waiting for its call again, not for an outcome
        assertThat(client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"SUCCEEDED\",\"details\":\"done\"}").status()).isEqualTo(409);

        Instant windowEnd = onHold.upgradeStart().plus(Duration.ofMinutes(240)).truncatedTo(ChronoUnit.MILLIS);
        MovableClock.advance(Duration.ofDays(8)); // past the window's end + 4 days
        poller.poll();
        assertThat(firedTimers(id)).noneMatch(key -> key.startsWith("on-hold-recheck:"));
        replayEverything(id); // the hold from before the re-issue, again: it re-arms nothing
        poller.poll();
        assertThat(firedTimers(id)).noneMatch(key -> key.startsWith("on-hold-recheck:"));
        assertThat(intakeEvents(id, "OnHoldRecheckDue.v1")).isEmpty();
        assertThat(view(id).json().get("status").asString()).isEqualTo("CALL_LINK_ISSUED");

        // the new link ran out unused: scheduling puts the ticket on hold again (same schedule), the re-check is armed
        TestKafka.publish(new TicketOnHold(Events.id(), clock.instant(), id, onHold.upgradeStart(), 240, "alice",
                onHold.contact()));
        awaitStatus(id, "ON_HOLD");
        poller.poll();
        OnHoldRecheckDue recheck = (OnHoldRecheckDue) decode(awaitIntakeEvents(id, "OnHoldRecheckDue.v1", 1).get(0));
        assertThat(recheck.windowEnd()).isEqualTo(windowEnd);
        replayEverything(id);
        poller.poll();
        assertThat(intakeEvents(id, "OnHoldRecheckDue.v1")).hasSize(1);
        assertThat(client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"SUCCEEDED\",\"details\":\"done\"}").status()).isEqualTo(202);
    }

    private List<String> firedTimers(String id) {
        Document document = mongo.findById(id, Document.class, "upgrade_requests");
        assertThat(document).isNotNull();
        List<String> fired = document.getList("firedTimers", String.class);
        return fired == null ? List.of() : fired;
    }

    private List<String> firedCallReminders(String id) {
        return firedTimers(id).stream().filter(key -> key.startsWith("call-reminder:")).toList();
    }

    private static boolean hasEntry(JsonNode view, String type) {
        return !actors(view, type).isEmpty();
    }

    private static List<String> actors(JsonNode view, String type) {
        List<String> actors = new ArrayList<>();
        for (JsonNode entry : view.get("timeline")) {
            if (type.equals(entry.get("type").asString())) {
                actors.add(entry.get("actor").asString());
            }
        }
        return actors;
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
