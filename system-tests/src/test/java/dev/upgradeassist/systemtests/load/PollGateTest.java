package dev.upgradeassist.systemtests.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.load.PollGate.Decision;
import dev.upgradeassist.systemtests.load.Tracker.Kind;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PollGateTest {

    private static final long S = 1_000_000_000L;

    private final FakeSignals signals = new FakeSignals();
    private final PollGate gate = new PollGate(signals, Duration.ofSeconds(10));

    private static Tracked request(String id, Scenario scenario) {
        Tracked r = new Tracked("t", 1, scenario, "r-1@load.example", "k", "{}");
        r.id = id;
        return r;
    }

    @Test
    void the_mail_poll_waits_until_a_notification_was_sent_for_its_request() {
        Tracked r = request("a", Scenario.APPROVED);

        assertThat(gate.decide(Kind.MAIL, r, 0, S)).isEqualTo(Decision.WAIT);
        signals.publish("b", "NotificationSent");
        signals.publish("a", "TicketOnHold");
        assertThat(gate.decide(Kind.MAIL, r, 0, S)).as("another request's mail, or another event").isEqualTo(Decision.WAIT);

        signals.publish("a", "NotificationSent");
        assertThat(gate.decide(Kind.MAIL, r, 0, S)).isEqualTo(Decision.POLL);
    }

    @Test
    void the_status_poll_waits_for_the_event_of_its_scenarios_final_status() {
        Tracked approved = request("a", Scenario.APPROVED);
        Tracked declined = request("d", Scenario.OUT_OF_SCOPE);
        signals.publish("a", "PlanApproved");
        signals.publish("a", "NotificationSent");
        signals.publish("d", "NotificationSent");

        assertThat(gate.decide(Kind.STATUS, approved, 0, S)).isEqualTo(Decision.WAIT);
        assertThat(gate.decide(Kind.STATUS, declined, 0, S)).isEqualTo(Decision.WAIT);

        signals.publish("a", "TicketOnHold");
        signals.publish("d", "RequestDeclined");
        assertThat(gate.decide(Kind.STATUS, approved, 0, S)).isEqualTo(Decision.POLL);
        assertThat(gate.decide(Kind.STATUS, declined, 0, S)).isEqualTo(Decision.POLL);
    }

    @Test
    void a_closed_gate_polls_anyway_once_the_request_was_not_polled_for_the_safety_nets_time() {
        Tracked r = request("a", Scenario.MISSING_INFO);
        long lastPoll = 100 * S;
        r.submitNanos = lastPoll - 5 * S; // young: the safety net's own time applies

        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 10 * S - 1)).isEqualTo(Decision.WAIT);
        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 10 * S)).isEqualTo(Decision.SAFETY_NET);
        assertThat(gate.decide(Kind.MAIL, r, lastPoll, lastPoll + 11 * S)).isEqualTo(Decision.SAFETY_NET);
    }

    @Test
    void another_scenarios_final_event_opens_the_status_poll_but_is_not_the_final_event() {
        Tracked r = request("x", Scenario.APPROVED);
        signals.publish("x", "PlanApproved");
        assertThat(gate.decide(Kind.STATUS, r, 0, S)).isEqualTo(Decision.WAIT);

        signals.publish("x", "InfoMissing");   // the end of MISSING_INFO: the request went elsewhere

        assertThat(gate.decide(Kind.STATUS, r, 0, S)).as("polled, to see the status it should never show")
                .isEqualTo(Decision.POLL);
        assertThat(gate.finalEventSeen(r)).isFalse();
        signals.publish("x", "TicketOnHold");
        assertThat(gate.finalEventSeen(r)).isTrue();
    }

    @Test
    void a_due_safety_net_rests_while_the_signals_cover_the_request() {
        Tracked r = request("c", Scenario.MISSING_INFO);
        long lastPoll = 100 * S;
        r.submitNanos = lastPoll - 5 * S;
        signals.covering = true;

        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 10 * S - 1)).isEqualTo(Decision.WAIT);
        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 10 * S)).isEqualTo(Decision.COVERED);
        assertThat(gate.decide(Kind.MAIL, r, lastPoll, lastPoll + 11 * S)).isEqualTo(Decision.COVERED);
        assertThat(gate.decideOutsideMailboxSample(r, lastPoll, lastPoll + 11 * S)).isEqualTo(Decision.COVERED);

        signals.covering = false;   // the reader fell behind, or an outage
        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 10 * S)).isEqualTo(Decision.SAFETY_NET);

        signals.covering = true;
        signals.publish("c", "InfoMissing");
        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 10 * S)).as("the signal").isEqualTo(Decision.POLL);
    }

    @Test
    void an_old_request_waits_half_its_age_for_the_safety_net() {
        Tracked r = request("a", Scenario.APPROVED);
        r.submitNanos = 0;
        long lastPoll = 100 * S;

        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 11 * S))
                .as("111 s old: the net is 55.5 s").isEqualTo(Decision.WAIT);
        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 55 * S)).isEqualTo(Decision.WAIT);
        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 78 * S))
                .as("178 s old: the net is 89 s; not polled for 78 s").isEqualTo(Decision.WAIT);
        assertThat(gate.decide(Kind.STATUS, r, lastPoll, lastPoll + 100 * S))
                .as("200 s old: the net is 100 s").isEqualTo(Decision.SAFETY_NET);
        assertThat(gate.safetyNet(4 * S)).isEqualTo(10 * S);
        assertThat(gate.safetyNet(300 * S)).isEqualTo(150 * S);
    }

    @Test
    void a_waiting_poll_looks_again_after_the_poll_interval_but_no_later_than_the_safety_net() {
        long now = 100 * S;

        assertThat(gate.recheckAt(Kind.STATUS, 0, now, now)).isEqualTo(now + Tracker.interval(Kind.STATUS, 0));
        assertThat(gate.recheckAt(Kind.MAIL, 60 * S, now, now)).as("5 %% of a minute").isEqualTo(now + 3 * S);
        assertThat(gate.recheckAt(Kind.STATUS, 12 * S, now - 9_900_000_000L, now)).as("the safety net comes first")
                .isEqualTo(now + 100_000_000L);
        assertThat(gate.recheckAt(Kind.STATUS, 600 * S, now - 298 * S, now)).as("half the age: 300 s since the last poll")
                .isEqualTo(now + 2 * S);
        assertThat(gate.recheckAt(Kind.STATUS, 60 * S, now - 40 * S, now))
                .as("a net already due (resting while covered): the interval, not at once").isEqualTo(now + 3 * S);
    }

    @Test
    void without_signals_every_poll_calls() {
        PollGate none = new PollGate(null, Duration.ofSeconds(10));
        Tracked r = request("a", Scenario.CALL_WANTED);

        assertThat(none.gated()).isFalse();
        assertThat(none.decide(Kind.MAIL, r, S, S)).isEqualTo(Decision.POLL);
        assertThat(none.decide(Kind.STATUS, r, S, S)).isEqualTo(Decision.POLL);
    }

    @Test
    void outside_the_mailbox_sample_the_mail_safety_net_waits_for_the_final_status_and_the_nets_time() {
        Tracked r = request("f", Scenario.APPROVED);
        r.submitNanos = S;
        long now = 101 * S;   // 100 s old, not polled since it was followed: the net (half its age, 50 s) is due

        assertThat(gate.decide(Kind.MAIL, r, S, now)).isEqualTo(Decision.SAFETY_NET);
        assertThat(gate.decideOutsideMailboxSample(r, S, now)).as("not final").isEqualTo(Decision.WAIT);

        r.finalNanos = now - 49 * S;
        assertThat(gate.decideOutsideMailboxSample(r, S, now)).as("final for 49 s").isEqualTo(Decision.WAIT);
        r.finalNanos = now - 50 * S;
        assertThat(gate.decideOutsideMailboxSample(r, S, now)).as("final for 50 s").isEqualTo(Decision.SAFETY_NET);

        assertThat(gate.recheckOutsideMailboxSample(100 * S, now)).as("looks again after the net's time")
                .isEqualTo(now + 50 * S);
        assertThat(gate.recheckOutsideMailboxSample(S, now)).as("young: the net's own 10 s").isEqualTo(now + 10 * S);

        signals.publish("f", "NotificationSent");
        r.finalNanos = 0;
        assertThat(gate.decideOutsideMailboxSample(r, S, now)).as("the signal").isEqualTo(Decision.POLL);
    }
}
