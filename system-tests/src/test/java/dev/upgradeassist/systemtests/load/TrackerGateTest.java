package dev.upgradeassist.systemtests.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracker's gate with the HTTP calls replaced by counting fakes (no stack, no broker). */
class TrackerGateTest {

    private static final long MS = 1_000_000L;

    private final FakeSignals signals = new FakeSignals();
    /** nanoTime of every status and inbox call. */
    private final List<Long> statusCalls = new CopyOnWriteArrayList<>();
    private final List<Long> inboxCalls = new CopyOnWriteArrayList<>();
    private volatile String status = "SUBMITTED";
    private volatile boolean mailThere;
    private Tracker tracker;

    /** Every request polls its mailbox (the tests of the gate itself). */
    private Tracker tracker(Signals signals, Duration safetyNet) {
        return tracker(signals, safetyNet, 1);
    }

    /** Every request reads its status over HTTP (the tests of the gate and of the mailbox sample). */
    private Tracker tracker(Signals signals, Duration safetyNet, int mailboxEvery) {
        return tracker(signals, safetyNet, mailboxEvery, 1);
    }

    private Tracker tracker(Signals signals, Duration safetyNet, int mailboxEvery, int statusEvery) {
        tracker = new Tracker(id -> {
            statusCalls.add(System.nanoTime());
            return Optional.of(status);
        }, mailbox -> {
            inboxCalls.add(System.nanoTime());
            return mailThere;
        }, 2, Duration.ofMinutes(10), signals, safetyNet, mailboxEvery, statusEvery);
        return tracker;
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    /** A request submitted a minute ago: its poll interval is 3 s, so a call within a second is the signal's doing. */
    private static Tracked minuteOld(String id, Scenario scenario) {
        return minuteOld(id, 1, scenario);
    }

    private static Tracked minuteOld(String id, long n, Scenario scenario) {
        Tracked r = new Tracked("t", n, scenario, id + "@load.example", "k", "{}");
        r.id = id;
        r.submitNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(60);
        return r;
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /**
     * Waits until {@code window} has passed since {@code sinceNanos} (the time a test watches for calls that must not
     * happen) and {@code condition} holds (what must have happened by then, however slowly the machine runs), for 30 s
     * at most; the assertions that follow say which failed.
     */
    private static void awaitAfter(long sinceNanos, Duration window, BooleanSupplier condition)
            throws InterruptedException {
        await(() -> System.nanoTime() - sinceNanos >= window.toNanos() && condition.getAsBoolean(),
                Duration.ofSeconds(30));
    }

    @Test
    void no_http_call_before_the_signal_and_one_right_after_it() throws Exception {
        Tracker t = tracker(signals, Duration.ofMinutes(1));
        Tracked r = minuteOld("a", Scenario.APPROVED);
        t.follow(r);
        long followed = System.nanoTime();

        // the first polls were due after 100 / 200 ms: 800 ms watched for calls, and both polls made (and gated)
        awaitAfter(followed, Duration.ofMillis(800), () -> t.statusPollsGated.get() > 0 && t.mailPollsGated.get() > 0);
        assertThat(statusCalls).isEmpty();
        assertThat(inboxCalls).isEmpty();
        assertThat(t.statusPollsGated.get()).isPositive();
        assertThat(t.mailPollsGated.get()).isPositive();

        status = "ON_HOLD";
        signals.publish("a", "PlanApproved");   // not the event of ON_HOLD
        Thread.sleep(300);
        assertThat(statusCalls).isEmpty();

        long signalled = System.nanoTime();
        signals.publish("a", "TicketOnHold");
        await(r::isFinal, Duration.ofSeconds(2));

        assertThat(statusCalls).hasSize(1);
        assertThat((statusCalls.get(0) - signalled) / MS).as("ms from the signal to the call").isLessThan(1_000);
        assertThat(r.isFinal()).isTrue();
        assertThat(r.finalNanos).isGreaterThanOrEqualTo(signalled);
        assertThat(inboxCalls).as("no mail signal yet").isEmpty();

        mailThere = true;
        signals.publish("a", "NotificationSent");
        await(r::hasMail, Duration.ofSeconds(2));

        assertThat(inboxCalls).hasSize(1);
        assertThat(r.hasMail()).isTrue();
        assertThat(t.statusPolls.get()).isEqualTo(1);
        assertThat(t.mailPolls.get()).isEqualTo(1);
        assertThat(t.safetyNetPolls.get()).isZero();
    }

    @Test
    void a_signal_read_before_the_request_is_followed_opens_its_gate() throws Exception {
        Tracker t = tracker(signals, Duration.ofMinutes(1));
        status = "DECLINED";
        signals.publish("d", "RequestDeclined");

        Tracked r = minuteOld("d", Scenario.NOT_ENTITLED);
        t.follow(r);
        await(r::isFinal, Duration.ofSeconds(2));

        assertThat(r.isFinal()).isTrue();
        assertThat(statusCalls).hasSize(1);
    }

    @Test
    void once_open_a_status_not_shown_yet_is_polled_again_at_the_usual_interval() throws Exception {
        Tracker t = tracker(signals, Duration.ofMinutes(1));
        Tracked r = minuteOld("c", Scenario.CALL_WANTED);
        t.follow(r);
        status = "APPROVED";   // intake's view has not applied the event yet
        signals.publish("c", "BookingLinkIssued");
        await(() -> statusCalls.size() == 1, Duration.ofSeconds(2));
        status = "CALL_LINK_ISSUED";
        await(r::isFinal, Duration.ofSeconds(6));

        assertThat(statusCalls).hasSize(2);
        assertThat((statusCalls.get(1) - statusCalls.get(0)) / MS).as("5 %% of a minute").isBetween(2_900L, 4_500L);
        assertThat(r.lastStatus).isEqualTo("CALL_LINK_ISSUED");
        assertThat(r.unexpectedStatus).isNull();
    }

    @Test
    void without_a_signal_the_safety_net_polls_after_its_time() throws Exception {
        Tracker t = tracker(signals, Duration.ofMillis(700));
        Tracked r = minuteOld("m", Scenario.MISSING_INFO);
        r.submitNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(500); // young: the net's own 700 ms apply
        long followed = System.nanoTime();
        t.follow(r);

        await(() -> !statusCalls.isEmpty(), Duration.ofSeconds(3));

        assertThat(statusCalls).isNotEmpty();
        assertThat((statusCalls.get(0) - followed) / MS).as("ms from following to the first call").isBetween(650L, 2_000L);
        assertThat(t.safetyNetPolls.get()).isPositive();
        assertThat(r.isFinal()).isFalse();
    }

    @Test
    void an_old_request_without_a_signal_waits_half_its_age_for_the_safety_net() throws Exception {
        Tracker t = tracker(signals, Duration.ofMillis(700));
        Tracked r = minuteOld("o", Scenario.MISSING_INFO);
        t.follow(r);
        long followed = System.nanoTime();

        awaitAfter(followed, Duration.ofSeconds(2), () -> t.statusPollsGated.get() > 0);

        assertThat(statusCalls).as("a minute old: no safety-net poll within 30 s of being followed").isEmpty();
        assertThat(t.safetyNetPolls.get()).isZero();
        assertThat(t.statusPollsGated.get()).isPositive();
    }

    @Test
    void without_signals_the_polls_call_at_once_as_before() throws Exception {
        Tracker t = tracker(null, Duration.ofMinutes(1));
        Tracked r = minuteOld("n", Scenario.APPROVED);
        status = "ON_HOLD";
        mailThere = true;
        t.follow(r);

        await(r::done, Duration.ofSeconds(2));

        assertThat(r.done()).isTrue();
        assertThat(t.statusPollsGated.get() + t.mailPollsGated.get()).isZero();
    }

    @Test
    void outside_the_mailbox_sample_the_mail_signal_is_the_first_email_with_no_http_call() throws Exception {
        Tracker t = tracker(signals, Duration.ofMinutes(1), 10);
        Tracked r = minuteOld("s", 7, Scenario.APPROVED);
        t.follow(r);
        Thread.sleep(300);
        assertThat(r.hasMail()).isFalse();

        long signalled = System.nanoTime();
        signals.publish("s", "NotificationSent");
        await(r::hasMail, Duration.ofSeconds(2));

        assertThat(r.hasMail()).isTrue();
        assertThat(r.mailFromTopic).isTrue();
        assertThat(r.firstMailNanos).isGreaterThanOrEqualTo(signalled);
        assertThat((r.firstMailNanos - signalled) / MS).as("ms from the signal").isLessThan(1_000);
        assertThat(inboxCalls).as("the mailbox is not polled").isEmpty();
        assertThat(t.mailPolls.get()).isZero();
        assertThat(t.mailsFromTopic.get()).isEqualTo(1);
    }

    @Test
    void in_the_mailbox_sample_the_mailbox_is_polled_after_the_signal() throws Exception {
        Tracker t = tracker(signals, Duration.ofMinutes(1), 10);
        Tracked r = minuteOld("p", 20, Scenario.APPROVED);
        t.follow(r);
        mailThere = true;
        signals.publish("p", "NotificationSent");
        await(r::hasMail, Duration.ofSeconds(2));

        assertThat(r.hasMail()).isTrue();
        assertThat(r.mailFromTopic).isFalse();
        assertThat(inboxCalls).hasSize(1);
        assertThat(t.mailsFromTopic.get()).isZero();
    }

    @Test
    void outside_the_sample_a_missed_mail_signal_gets_a_mailbox_poll_once_the_status_is_final() throws Exception {
        Tracker t = tracker(signals, Duration.ofMillis(700), 10);
        Tracked r = minuteOld("q", 3, Scenario.APPROVED);
        r.submitNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(500);
        mailThere = true;
        t.follow(r);
        long followed = System.nanoTime();

        // past the safety net's 700 ms: the status's net polls, the mail's waits for it
        awaitAfter(followed, Duration.ofMillis(1_500), () -> !statusCalls.isEmpty());
        assertThat(inboxCalls).as("no mailbox poll while the status is not final").isEmpty();
        assertThat(t.mailPollsGated.get()).as("the waiting mail poll looks again after the net's time, not in a loop")
                .isLessThan(10);
        assertThat(statusCalls).isNotEmpty();

        status = "ON_HOLD";
        signals.publish("q", "TicketOnHold");
        await(r::isFinal, Duration.ofSeconds(2));
        long finalAt = r.finalNanos;
        await(r::hasMail, Duration.ofSeconds(10));

        assertThat(r.isFinal()).isTrue();
        long ageAtFinal = finalAt - r.submitNanos;
        assertThat((inboxCalls.get(0) - finalAt) / MS).as("ms from the final status to the mailbox poll: the net's time")
                .isGreaterThanOrEqualTo(Math.max(700, ageAtFinal / 2_000_000) - 10);

        assertThat(r.hasMail()).isTrue();
        assertThat(r.mailFromTopic).as("seen in the mailbox").isFalse();
        assertThat(inboxCalls).hasSize(1);
        assertThat(t.safetyNetPolls.get()).isPositive();
    }

    @Test
    void outside_the_status_sample_the_final_event_is_the_final_status_with_no_http_call() throws Exception {
        Tracker t = tracker(signals, Duration.ofMinutes(1), 1, 10);
        Tracked r = minuteOld("u", 7, Scenario.APPROVED);
        t.follow(r);
        Thread.sleep(300);
        assertThat(r.isFinal()).isFalse();

        signals.publish("u", "PlanApproved");   // not the event of ON_HOLD
        Thread.sleep(300);
        assertThat(r.isFinal()).isFalse();

        long signalled = System.nanoTime();
        signals.publish("u", "TicketOnHold");
        await(r::isFinal, Duration.ofSeconds(2));

        assertThat(r.isFinal()).isTrue();
        assertThat(r.statusFromTopic).isTrue();
        assertThat(r.finalNanos).isGreaterThanOrEqualTo(signalled);
        assertThat((r.finalNanos - signalled) / MS).as("ms from the signal").isLessThan(1_000);
        assertThat(statusCalls).as("the status is not read over HTTP").isEmpty();
        assertThat(t.statusPolls.get()).isZero();
        assertThat(t.statusesFromTopic.get()).isEqualTo(1);
    }

    @Test
    void in_the_status_sample_the_status_is_read_over_http_after_the_signal() throws Exception {
        Tracker t = tracker(signals, Duration.ofMinutes(1), 1, 10);
        Tracked r = minuteOld("v", 30, Scenario.CALL_WANTED);
        t.follow(r);
        status = "CALL_LINK_ISSUED";
        signals.publish("v", "BookingLinkIssued");
        await(r::isFinal, Duration.ofSeconds(2));

        assertThat(r.isFinal()).isTrue();
        assertThat(r.statusFromTopic).isFalse();
        assertThat(r.lastStatus).isEqualTo("CALL_LINK_ISSUED");
        assertThat(statusCalls).hasSize(1);
        assertThat(t.statusesFromTopic.get()).isZero();
    }

    @Test
    void outside_the_status_sample_a_missed_signal_still_gets_the_safety_net_http_poll() throws Exception {
        Tracker t = tracker(signals, Duration.ofMillis(700), 1, 10);
        Tracked r = minuteOld("w", 3, Scenario.APPROVED);
        r.submitNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(500); // young: the net's own 700 ms apply
        status = "DECLINED";   // a status this scenario should never show, and no event for it
        t.follow(r);

        await(() -> r.unexpectedStatus != null, Duration.ofSeconds(3));

        assertThat(statusCalls).isNotEmpty();
        assertThat(t.safetyNetPolls.get()).isPositive();
        assertThat(r.unexpectedStatus).isEqualTo("DECLINED");
        assertThat(r.isFinal()).isFalse();

        status = "ON_HOLD";   // the view is final; its event was missed: the next net poll sees it over HTTP
        await(r::isFinal, Duration.ofSeconds(5));

        assertThat(r.isFinal()).isTrue();
        assertThat(r.statusFromTopic).isFalse();
        assertThat(t.statusesFromTopic.get()).isZero();
    }

    @Test
    void the_safety_net_makes_no_http_call_while_the_signals_cover_the_request_and_polls_once_they_stop() throws Exception {
        signals.covering = true;
        Tracker t = tracker(signals, Duration.ofMillis(700));
        Tracked r = minuteOld("cv", Scenario.MISSING_INFO);
        r.submitNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(500); // young: the net's own 700 ms apply
        t.follow(r);
        long followed = System.nanoTime();

        awaitAfter(followed, Duration.ofSeconds(2), () -> t.safetyNetCovered.get() > 0);

        assertThat(statusCalls).as("covered: the net rests").isEmpty();
        assertThat(inboxCalls).isEmpty();
        assertThat(t.safetyNetPolls.get()).isZero();
        assertThat(t.safetyNetCovered.get()).isPositive();

        long stopped = System.nanoTime();
        signals.covering = false;   // the reader stopped catching up (an outage): the net polls again
        await(() -> !statusCalls.isEmpty(), Duration.ofSeconds(3));

        assertThat(statusCalls).isNotEmpty();
        assertThat((statusCalls.get(0) - stopped) / MS).as("ms from the end of the cover").isLessThan(1_500);
        assertThat(t.safetyNetPolls.get()).isPositive();
    }

    @Test
    void outside_the_status_sample_another_scenarios_end_is_read_over_http_and_shows_the_unexpected_status()
            throws Exception {
        signals.covering = true;
        Tracker t = tracker(signals, Duration.ofMinutes(1), 1, 10);
        Tracked r = minuteOld("el", 3, Scenario.APPROVED);
        t.follow(r);
        status = "DECLINED";
        signals.publish("el", "RequestDeclined");   // the end of another scenario

        await(() -> r.unexpectedStatus != null, Duration.ofSeconds(2));

        assertThat(r.unexpectedStatus).isEqualTo("DECLINED");
        assertThat(statusCalls).isNotEmpty();
        assertThat(r.isFinal()).isFalse();
        assertThat(r.statusFromTopic).isFalse();
        assertThat(t.statusesFromTopic.get()).isZero();
    }
}
