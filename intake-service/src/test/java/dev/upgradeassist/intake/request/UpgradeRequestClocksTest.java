package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.platform.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request's clocks with a movable clock: every boundary of the contract's "Clocks". */
class UpgradeRequestClocksTest {

    /** Tuesday 2026-12-01 10:00 UTC. */
    private static final Instant TUESDAY = Instant.parse("2026-12-01T10:00:00Z");
    private static final ClockPolicy CLOCKS = ClockPolicy.DEFAULTS;
    private static final Organization ACME = new Organization("acme", "Acme", true,
            new Person("Terry Mills", "tam@gitlab.example"));

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static Instant plus(Instant instant, String duration) {
        return instant.plus(Duration.parse(duration));
    }

    private static UpgradeRequest received(Form form, Instant at) {
        return UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission(form, "a"), ACME, CLOCKS, at(at));
    }

    // ---------------------------------------------------------------- first and next response

    @Test
    void no_response_for_3h59m_is_no_breach_and_4h01m_is_one() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        assertThat(request.sla().firstResponseDueAt()).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(request.nextTimerAt()).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));

        assertThat(fire(request, plus(TUESDAY, "PT3H59M"))).isEmpty();
        assertThat(fire(request, plus(TUESDAY, "PT4H1M"))).containsExactly(Firing.Fired.FIRST_RESPONSE_BREACHED);
        assertThat(fire(request, plus(TUESDAY, "PT9H"))).isEmpty(); // once

        SlaBreached breach = only(request, SlaBreached.class);
        assertThat(breach.kind()).isEqualTo(SlaBreached.Kind.FIRST_RESPONSE);
        assertThat(breach.clockStartedAt()).isEqualTo(TUESDAY);
        assertThat(breach.dueAt()).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(breach.calendar()).isEqualTo("24x5");
        assertThat(breach.ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(breach.form()).isEqualTo(Form.STANDARD);
        assertThat(breach.contact().requesterEmail()).isEqualTo("dana@acme.example");
        assertThat(request.sla().breached()).isTrue();
        assertThat(request.nextTimerAt()).isNull();
    }

    @Test
    void an_engineers_public_reply_at_3h59m_ends_the_clock_and_an_internal_note_does_not() {
        UpgradeRequest answered = received(Form.STANDARD, TUESDAY);
        answered.comment("alice", CommentAdded.AuthorRole.ENGINEER, CommentAdded.Visibility.PUBLIC, "on it", null, null,
                CLOCKS, at(plus(TUESDAY, "PT3H59M")));
        assertThat(answered.sla().firstResponseDueAt()).isNull();
        assertThat(fire(answered, plus(TUESDAY, "PT4H1M"))).isEmpty();
        assertThat(answered.sla().breached()).isFalse();

        UpgradeRequest noted = received(Form.STANDARD, TUESDAY);
        noted.comment("alice", CommentAdded.AuthorRole.ENGINEER, CommentAdded.Visibility.INTERNAL, "hmm", null, null,
                CLOCKS, at(plus(TUESDAY, "PT1H")));
        assertThat(fire(noted, plus(TUESDAY, "PT4H1M"))).containsExactly(Firing.Fired.FIRST_RESPONSE_BREACHED);
    }

    @Test
    void a_response_after_the_breach_ends_the_clock_and_the_breach_stays_recorded() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        fire(request, plus(TUESDAY, "PT5H"));
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT6H")), CLOCKS);

        assertThat(request.sla().firstResponseDueAt()).isNull();
        assertThat(request.sla().breached()).isTrue();
        assertThat(fire(request, plus(TUESDAY, "P30D"))).isEmpty();
        assertThat(all(request, SlaBreached.class)).hasSize(1);
    }

    @Test
    void each_review_decision_but_awaiting_approval_is_a_response() {
        Instant t = plus(TUESDAY, "PT1H");
        List<Consumer<UpgradeRequest>> responses = List.of(
                r -> r.learn(Events.planApproved("r-1", 1, t), CLOCKS),           // automatic approval (AUTOMATIC)
                r -> r.learn(Events.approvedBy("r-1", 1, "alice", "ok", t), CLOCKS), // the engineer's (ENGINEER)
                r -> r.learn(Events.infoMissing("r-1", 1, t), CLOCKS),
                r -> r.learn(Events.changesRequested("r-1", 1, "alice", "fix", t), CLOCKS),
                r -> r.learn(Events.declined("r-1", 1, DeclineReason.POSTPONE_RECOMMENDED, t), CLOCKS),
                r -> r.learn(Events.declined("r-1", 1, DeclineReason.NOT_ENTITLED, t), CLOCKS));
        for (Consumer<UpgradeRequest> response : responses) {
            UpgradeRequest request = received(Form.STANDARD, TUESDAY);
            response.accept(request);
            assertThat(fire(request, plus(TUESDAY, "PT5H"))).isEmpty();
        }

        UpgradeRequest inReview = received(Form.STANDARD, TUESDAY);
        inReview.learn(Events.awaitingApproval("r-1", 1, t), CLOCKS);
        assertThat(fire(inReview, plus(TUESDAY, "PT5H"))).containsExactly(Firing.Fired.FIRST_RESPONSE_BREACHED);
        // in ENGINEER mode only the engineer's approval answers
        UpgradeRequest approvedLater = received(Form.STANDARD, TUESDAY);
        approvedLater.learn(Events.awaitingApproval("r-1", 1, t), CLOCKS);
        approvedLater.learn(Events.approvedBy("r-1", 1, "alice", "ok", plus(TUESDAY, "PT2H")), CLOCKS);
        assertThat(fire(approvedLater, plus(TUESDAY, "PT5H"))).isEmpty();
    }

    @Test
    void a_decision_about_an_older_revision_or_from_before_the_clock_started_is_no_response() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT10M")), CLOCKS);
        request.comment("customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, "q", null, null,
                CLOCKS, at(plus(TUESDAY, "PT1H")));
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT30M")), CLOCKS); // late, from before the question
        assertThat(request.sla().nextResponseDueAt()).isEqualTo(plus(TUESDAY, "PT5H"));
        request.amend(submission(Form.STANDARD, "b"), ACME, CLOCKS, at(plus(TUESDAY, "PT2H")));
        request.learn(Events.infoMissing("r-1", 1, plus(TUESDAY, "PT3H")), CLOCKS); // revision 1, now 2
        assertThat(fire(request, plus(TUESDAY, "PT5H1M"))).containsExactly(Firing.Fired.NEXT_RESPONSE_BREACHED);
    }

    @Test
    void friday_evening_in_24x5_is_due_on_monday() {
        Instant friday = Instant.parse("2026-12-04T22:00:00Z");
        UpgradeRequest request = received(Form.STANDARD, friday);
        assertThat(request.sla().firstResponseDueAt()).isEqualTo(Instant.parse("2026-12-07T02:00:00Z"));
        assertThat(fire(request, Instant.parse("2026-12-06T23:00:00Z"))).isEmpty(); // the weekend does not count
        assertThat(fire(request, Instant.parse("2026-12-07T01:59:00Z"))).isEmpty();
        assertThat(fire(request, Instant.parse("2026-12-07T02:01:00Z")))
                .containsExactly(Firing.Fired.FIRST_RESPONSE_BREACHED);
    }

    @Test
    void twenty_four_seven_counts_the_weekend() {
        ClockPolicy always = new ClockPolicy(Duration.ofHours(4), Duration.ofHours(4),
                BusinessCalendar.TWENTY_FOUR_SEVEN, Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(4),
                Duration.ofHours(24));
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission(Form.STANDARD, "a"), ACME,
                always, at(Instant.parse("2026-12-04T22:00:00Z")));
        assertThat(request.sla().firstResponseDueAt()).isEqualTo(Instant.parse("2026-12-05T02:00:00Z"));
        assertThat(fire(request, Instant.parse("2026-12-05T02:01:00Z")))
                .containsExactly(Firing.Fired.FIRST_RESPONSE_BREACHED);
        assertThat(only(request, SlaBreached.class).calendar()).isEqualTo("24x7");
    }

    @Test
    void a_us_federal_request_runs_on_us_government_hours_whatever_the_setting() {
        // Tuesday 16:00 Pacific (PST) = Wednesday 00:00 UTC: 1 h on Tuesday, 3 h from Wednesday 05:00 Pacific
        Instant fourPmPacific = Instant.parse("2026-12-02T00:00:00Z");
        UpgradeRequest request = received(Form.US_FEDERAL, fourPmPacific);
        Instant due = Instant.parse("2026-12-02T16:00:00Z"); // 08:00 PST
        assertThat(request.sla().firstResponseDueAt()).isEqualTo(due);
        assertThat(fire(request, due.minusSeconds(60))).isEmpty();
        assertThat(fire(request, due.plusSeconds(60))).containsExactly(Firing.Fired.FIRST_RESPONSE_BREACHED);
        assertThat(only(request, SlaBreached.class).calendar()).isEqualTo("US_GOVERNMENT");
    }

    @Test
    void a_customer_comment_or_amendment_starts_the_next_response_clock_unless_one_runs() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.comment("customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, "hi", null, null,
                CLOCKS, at(plus(TUESDAY, "PT1H")));
        assertThat(request.sla().firstResponseDueAt()).as("the first-response clock keeps running")
                .isEqualTo(plus(TUESDAY, "PT4H"));
        assertThat(request.sla().nextResponseDueAt()).isNull();
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT2H")), CLOCKS);

        request.comment("customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, "q1", null, null,
                CLOCKS, at(plus(TUESDAY, "PT3H")));
        request.comment("customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, "q2", null, null,
                CLOCKS, at(plus(TUESDAY, "PT4H")));
        assertThat(request.sla().nextResponseDueAt()).isEqualTo(plus(TUESDAY, "PT7H"));
        assertThat(fire(request, plus(TUESDAY, "PT7H1M"))).containsExactly(Firing.Fired.NEXT_RESPONSE_BREACHED);
        assertThat(only(request, SlaBreached.class).clockStartedAt()).isEqualTo(plus(TUESDAY, "PT3H"));

        request.comment("alice", CommentAdded.AuthorRole.ENGINEER, CommentAdded.Visibility.PUBLIC, "a", null, null,
                CLOCKS, at(plus(TUESDAY, "PT8H")));
        request.amend(submission(Form.STANDARD, "b"), ACME, CLOCKS, at(plus(TUESDAY, "PT9H")));
        assertThat(request.sla().nextResponseDueAt()).isEqualTo(plus(TUESDAY, "PT13H"));
        assertThat(fire(request, plus(TUESDAY, "PT13H1M"))).containsExactly(Firing.Fired.NEXT_RESPONSE_BREACHED);
    }

    // ---------------------------------------------------------------- pending: reminder and auto-close

    @Test
    void waiting_on_the_customer_no_sla_time_runs_then_one_reminder_then_closed_for_no_response() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        Instant asked = plus(TUESDAY, "PT1M");
        request.learn(Events.infoMissing("r-1", 1, asked), CLOCKS);
        // a customer comment while AWAITING_INFO starts no SLA clock (no SLA time runs while waiting on the customer)
        request.comment("customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, "hm", null, null,
                CLOCKS, at(plus(TUESDAY, "PT2M")));
        assertThat(request.sla()).isEqualTo(new UpgradeRequest.Sla(null, null, false));
        Instant since = plus(TUESDAY, "PT2M"); // the customer's last action is later than entering AWAITING_INFO

        assertThat(fire(request, plus(since, "P7D").minusSeconds(1))).isEmpty();
        assertThat(fire(request, plus(since, "P7D"))).containsExactly(Firing.Fired.PENDING_REMINDER);
        assertThat(fire(request, plus(since, "P8D"))).isEmpty();
        PendingReminderDue reminder = only(request, PendingReminderDue.class);
        assertThat(reminder.awaitingSince()).isEqualTo(since);
        assertThat(reminder.closesAt()).isEqualTo(plus(since, "P14D"));

        assertThat(fire(request, plus(since, "P14D").minusSeconds(1))).isEmpty();
        assertThat(fire(request, plus(since, "P14D"))).containsExactly(Firing.Fired.CLOSED_NO_RESPONSE);
        assertThat(fire(request, plus(since, "P30D"))).isEmpty();
        RequestClosed closed = only(request, RequestClosed.class);
        assertThat(closed.reason()).isEqualTo(RequestClosed.Reason.NO_RESPONSE);
        assertThat(closed.actor()).isEqualTo("system");
        assertThat(closed.revision()).isEqualTo(1);
        assertThat(request.closure()).isEqualTo(Closure.CLOSED);
        assertThat(request.closedReason()).isEqualTo(RequestClosed.Reason.NO_RESPONSE);

        // closed: no comment, no outcome; an amendment reopens it (and starts the next-response clock)
        Clock later = at(plus(since, "P15D"));
        assertThatThrownBy(() -> request.comment("customer", CommentAdded.AuthorRole.CUSTOMER,
                CommentAdded.Visibility.PUBLIC, "x", null, null, CLOCKS, later)).isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> request.reportOutcome(OutcomeResult.SUCCEEDED, "x", later))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
        request.amend(submission(Form.STANDARD, "b"), ACME, CLOCKS, later);
        assertThat(request.closure()).isNull();
        assertThat(request.closedReason()).isNull();
        assertThat(request.revision()).isEqualTo(2);
        assertThat(request.sla().nextResponseDueAt()).isNotNull();
    }

    @Test
    void a_customer_comment_restarts_the_pending_count_and_an_amendment_ends_it() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.changesRequested("r-1", 1, "alice", "fix", TUESDAY.plusSeconds(60)), CLOCKS);
        assertThat(request.awaitingCustomer()).isTrue();
        Instant wrote = plus(TUESDAY, "P3D");
        request.comment("customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, "soon", null, null,
                CLOCKS, at(wrote));
        assertThat(fire(request, plus(TUESDAY, "P7D").plusSeconds(120))).isEmpty();
        assertThat(fire(request, plus(wrote, "P7D"))).containsExactly(Firing.Fired.PENDING_REMINDER);

        request.amend(submission(Form.STANDARD, "b"), ACME, CLOCKS, at(plus(wrote, "P8D")));
        assertThat(request.awaitingCustomer()).isFalse();
        assertThat(fire(request, plus(wrote, "P30D")))
                .containsExactly(Firing.Fired.NEXT_RESPONSE_BREACHED); // but no close
        assertThat(all(request, RequestClosed.class)).isEmpty();
    }

    @Test
    void with_auto_close_off_the_reminder_says_no_close_follows_and_none_does() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.infoMissing("r-1", 1, TUESDAY), CLOCKS);
        assertThat(request.autoClose(false)).isTrue();
        assertThat(request.autoClose(false)).isFalse();
        assertThat(request.autoCloseEnabled()).isFalse();

        assertThat(fire(request, plus(TUESDAY, "P14D"))).containsExactly(Firing.Fired.PENDING_REMINDER);
        assertThat(only(request, PendingReminderDue.class).closesAt()).isNull();
        assertThat(fire(request, plus(TUESDAY, "P60D"))).isEmpty();
        assertThat(request.closure()).isNull();

        request.autoClose(true); // back on: the close that is due now happens
        assertThat(fire(request, plus(TUESDAY, "P61D"))).containsExactly(Firing.Fired.CLOSED_NO_RESPONSE);
    }

    // ---------------------------------------------------------------- engineer close

    @Test
    void an_engineer_closes_once_not_a_completed_request_and_the_request_is_not_reopened_by_an_amendment() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.assign("bob", "bob", at(TUESDAY));
        request.close("alice", at(plus(TUESDAY, "PT1H")));
        RequestClosed closed = only(request, RequestClosed.class);
        assertThat(closed.reason()).isEqualTo(RequestClosed.Reason.ENGINEER_CLOSED);
        assertThat(closed.actor()).isEqualTo("alice");
        assertThat(closed.assignee()).isEqualTo("bob");
        assertThat(request.sla().firstResponseDueAt()).isNull();
        assertThat(request.nextTimerAt()).isNull();
        assertThatThrownBy(() -> request.close("alice", at(TUESDAY))).isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> request.amend(submission(Form.STANDARD, "b"), ACME, CLOCKS, at(TUESDAY)))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);

        UpgradeRequest completed = received(Form.STANDARD, TUESDAY);
        completed.learn(Events.completed("r-1", plus(TUESDAY, "PT1H")), CLOCKS);
        assertThatThrownBy(() -> completed.close("alice", at(TUESDAY))).isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
    }

    // ---------------------------------------------------------------- on hold

    @Test
    void on_hold_with_no_outcome_is_rechecked_once_after_the_window_plus_the_delay() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS);
        TicketOnHold onHold = Events.onHold("r-1", "bob", plus(TUESDAY, "PT2M")); // window: +3 days, 240 minutes
        request.learn(onHold, CLOCKS);
        Instant windowEnd = onHold.upgradeStart().plus(Duration.ofMinutes(240));
        assertThat(request.onHoldRecheckAt()).isEqualTo(plus(windowEnd, "P4D"));

        assertThat(fire(request, plus(windowEnd, "P4D").minusSeconds(1))).isEmpty();
        assertThat(fire(request, plus(windowEnd, "P4D"))).containsExactly(Firing.Fired.ON_HOLD_RECHECK);
        assertThat(only(request, OnHoldRecheckDue.class).windowEnd()).isEqualTo(windowEnd);
        assertThat(only(request, OnHoldRecheckDue.class).assignee()).isEqualTo("bob");

        // the same hold learned again (a new event id, same window): the fired re-check is not armed again
        request.learn(new TicketOnHold(Events.id(), onHold.occurredAt(), "r-1", onHold.upgradeStart(), 240, "bob",
                onHold.contact()), CLOCKS);
        assertThat(fire(request, plus(windowEnd, "P10D"))).isEmpty();
    }

    @Test
    void an_outcome_cancels_the_on_hold_recheck() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS);
        request.learn(Events.onHold("r-1", "bob", plus(TUESDAY, "PT2M")), CLOCKS);
        request.reportOutcome(OutcomeResult.PROBLEMS, "sidekiq", at(plus(TUESDAY, "P3D")));
        assertThat(request.onHoldRecheckAt()).isNull();
        assertThat(fire(request, plus(TUESDAY, "P30D"))).isEmpty();
    }

    // ---------------------------------------------------------------- call reminder

    @Test
    void a_booked_call_is_reminded_once_a_day_before_to_the_engineer_it_was_handed_off_to() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS);
        ReviewCallBooked booked = Events.callBooked("r-1", "link-1", plus(TUESDAY, "PT2M")); // starts 2 days later
        request.learn(booked, CLOCKS);
        request.learn(Events.handedOff("r-1", "alice", "bob", plus(TUESDAY, "PT3M")), CLOCKS);
        Instant reminderAt = booked.start().minus(Duration.ofHours(24));

        assertThat(fire(request, reminderAt.minusSeconds(1))).isEmpty();
        assertThat(fire(request, reminderAt)).containsExactly(Firing.Fired.CALL_REMINDER);
        assertThat(fire(request, booked.start().minusSeconds(1))).isEmpty();
        CallReminderDue reminder = only(request, CallReminderDue.class);
        assertThat(reminder.callStart()).isEqualTo(booked.start());
        assertThat(reminder.callEnd()).isEqualTo(booked.end());
        assertThat(reminder.engineer()).isEqualTo("bob");
        assertThat(reminder.engineerEmail()).isEqualTo("bob@gitlab.example");
    }

    @Test
    void a_call_booked_within_the_reminder_delay_is_reminded_at_once_and_never_after_it_began() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        Instant start = plus(TUESDAY, "PT10H");
        request.learn(new ReviewCallBooked(Events.id(), TUESDAY, "r-1", "link-1", "alice", "alice@gitlab.example",
                start, start.plus(Duration.ofMinutes(30)), Events.contact(null)), CLOCKS);
        assertThat(fire(request, plus(TUESDAY, "PT1M"))).contains(Firing.Fired.CALL_REMINDER);

        UpgradeRequest late = received(Form.STANDARD, TUESDAY);
        late.learn(new ReviewCallBooked(Events.id(), TUESDAY, "r-1", "link-1", "alice", "alice@gitlab.example",
                start, start.plus(Duration.ofMinutes(30)), Events.contact(null)), CLOCKS);
        assertThat(fire(late, start)).doesNotContain(Firing.Fired.CALL_REMINDER);
        assertThat(all(late, CallReminderDue.class)).isEmpty();
        assertThat(late.callReminderAt()).isNotNull(); // recorded as fired: never again
        assertThat(fire(late, start.plusSeconds(1))).isEmpty();
    }

    @Test
    void changes_requested_a_decline_or_completion_cancel_the_call_reminder() {
        List<Consumer<UpgradeRequest>> cancels = List.of(
                r -> r.learn(Events.changesRequested("r-1", 1, "alice", "fix", plus(TUESDAY, "PT3M")), CLOCKS),
                r -> r.learn(Events.declined("r-1", 1, DeclineReason.POSTPONE_RECOMMENDED, plus(TUESDAY, "PT3M")), CLOCKS),
                r -> r.learn(Events.completed("r-1", plus(TUESDAY, "PT3M")), CLOCKS));
        for (Consumer<UpgradeRequest> cancel : cancels) {
            UpgradeRequest request = received(Form.STANDARD, TUESDAY);
            request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS);
            request.learn(Events.callBooked("r-1", "link-1", plus(TUESDAY, "PT2M")), CLOCKS);
            cancel.accept(request);
            assertThat(request.call()).isNull();
            fire(request, plus(TUESDAY, "P2D"));
            assertThat(all(request, CallReminderDue.class)).isEmpty();
        }
    }

    // ---------------------------------------------------------------- calls: reschedule, cancel, re-issued links

    @Test
    void a_rescheduled_call_is_reminded_once_before_its_new_start_and_never_before_the_old_one() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS);
        Instant oldStart = plus(TUESDAY, "P2D");
        Instant newStart = plus(TUESDAY, "P4D");
        request.learn(Events.callBooked("r-1", "link-1", "call-1", oldStart, plus(TUESDAY, "PT2M")), CLOCKS);
        request.learn(Events.callRescheduled("r-1", "call-1", 1, oldStart, newStart, plus(TUESDAY, "PT3M")), CLOCKS);
        assertThat(request.callReminderAt()).isEqualTo(newStart.minus(Duration.ofHours(24)));
        assertThat(request.call().sequence()).isEqualTo(1);

        assertThat(fire(request, oldStart.minus(Duration.ofHours(24)))).isEmpty();
        assertThat(fire(request, oldStart)).isEmpty();
        assertThat(fire(request, newStart.minus(Duration.ofHours(24)).minusSeconds(1))).isEmpty();
        assertThat(fire(request, newStart.minus(Duration.ofHours(24)))).containsExactly(Firing.Fired.CALL_REMINDER);
        assertThat(fire(request, newStart.minusSeconds(1))).isEmpty();
        CallReminderDue reminder = only(request, CallReminderDue.class);
        assertThat(reminder.callStart()).isEqualTo(newStart);
        assertThat(reminder.callEnd()).isEqualTo(newStart.plus(Duration.ofMinutes(30)));
    }

    @Test
    void a_reminder_that_fired_for_the_old_start_does_not_block_the_one_for_the_new_start() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS); // a response: no SLA breach
        Instant oldStart = plus(TUESDAY, "P2D");
        Instant newStart = plus(TUESDAY, "P3DT4H");
        request.learn(Events.callBooked("r-1", "link-1", "call-1", oldStart, plus(TUESDAY, "PT2M")), CLOCKS);
        assertThat(fire(request, oldStart.minus(Duration.ofHours(23)))).containsExactly(Firing.Fired.CALL_REMINDER);

        Instant movedAt = oldStart.minus(Duration.ofHours(22));
        request.learn(Events.callRescheduled("r-1", "call-1", 1, oldStart, newStart, movedAt), CLOCKS);
        assertThat(fire(request, oldStart)).isEmpty();
        assertThat(fire(request, newStart.minus(Duration.ofHours(24)))).containsExactly(Firing.Fired.CALL_REMINDER);
        assertThat(all(request, CallReminderDue.class)).extracting(CallReminderDue::callStart)
                .containsExactly(oldStart, newStart);
    }

    @Test
    void a_stale_reschedule_moves_nothing_and_the_same_reschedule_again_fires_nothing_new() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS); // a response: no SLA breach
        Instant first = plus(TUESDAY, "P2D");
        Instant second = plus(TUESDAY, "P3D");
        Instant third = plus(TUESDAY, "P4D");
        request.learn(Events.callBooked("r-1", "link-1", "call-1", first, plus(TUESDAY, "PT2M")), CLOCKS);
        request.learn(Events.callRescheduled("r-1", "call-1", 2, second, third, plus(TUESDAY, "PT4M")), CLOCKS);
        // sequence 1, delivered late (or the same fact again under another event id): older than what is known
        request.learn(Events.callRescheduled("r-1", "call-1", 1, first, second, plus(TUESDAY, "PT3M")), CLOCKS);
        request.learn(Events.callRescheduled("r-1", "call-1", 2, second, third, plus(TUESDAY, "PT4M")), CLOCKS);
        // and a booking older than the reschedule does not bring the first slot back
        request.learn(Events.callBooked("r-1", "link-1", "call-1", first, plus(TUESDAY, "PT2M")), CLOCKS);
        assertThat(request.call().start()).isEqualTo(third);

        assertThat(fire(request, plus(TUESDAY, "P4D").minusSeconds(1))).containsExactly(Firing.Fired.CALL_REMINDER);
        assertThat(only(request, CallReminderDue.class).callStart()).isEqualTo(third);
    }

    @Test
    void a_cancelled_call_is_not_reminded_and_a_late_booking_or_reschedule_of_it_arms_nothing() {
        for (ReviewCallCancelled.Reason reason : ReviewCallCancelled.Reason.values()) {
            UpgradeRequest request = received(Form.STANDARD, TUESDAY);
            request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS);
            Instant start = plus(TUESDAY, "P2D");
            var booked = Events.callBooked("r-1", "link-1", "call-1", start, plus(TUESDAY, "PT2M"));
            request.learn(booked, CLOCKS);
            request.learn(Events.onHold("r-1", "alice", plus(TUESDAY, "PT2M")), CLOCKS);
            var moved = Events.callRescheduled("r-1", "call-1", 1, start, plus(TUESDAY, "P3D"), plus(TUESDAY, "PT3M"));
            request.learn(Events.callCancelled("r-1", "call-1", 2, start, reason, "customer", plus(TUESDAY, "PT5M")),
                    CLOCKS);
            assertThat(request.call()).as(reason.name()).isNull();
            assertThat(request.callReminderAt()).as(reason.name()).isNull();

            request.learn(moved, CLOCKS); // from before the cancel, delivered after it
            request.learn(new ReviewCallBooked(Events.id(), booked.occurredAt(), "r-1", "link-1", "alice",
                    "alice@gitlab.example", start, booked.end(), booked.contact(), "call-1", 0, null, null), CLOCKS);
            assertThat(request.call()).as(reason.name()).isNull();
            assertThat(fire(request, plus(TUESDAY, "P5D"))).as(reason.name()).doesNotContain(Firing.Fired.CALL_REMINDER);
            assertThat(all(request, CallReminderDue.class)).as(reason.name()).isEmpty();
            // the cancel decides nothing about the outcome: a customer's leaves the upgrade on hold, and a decline's or
            // a request for changes' own event (not learned here) is what ends the wait
            assertThat(request.awaitingOutcome()).as(reason.name()).isTrue();
        }
    }

    @Test
    void a_call_booked_after_a_cancel_is_reminded() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS); // a response: no SLA breach
        Instant start = plus(TUESDAY, "P2D");
        request.learn(Events.callBooked("r-1", "link-1", "call-1", start, plus(TUESDAY, "PT2M")), CLOCKS);
        request.learn(Events.callCancelled("r-1", "call-1", 1, start, ReviewCallCancelled.Reason.CUSTOMER_CANCELLED,
                "customer", plus(TUESDAY, "PT3M")), CLOCKS);
        request.learn(Events.linkReissued("r-1", "link-2", "alice", plus(TUESDAY, "PT4M")), CLOCKS);
        Instant later = plus(TUESDAY, "P3D");
        request.learn(Events.callBooked("r-1", "link-2", "call-2", later, plus(TUESDAY, "PT5M")), CLOCKS);

        assertThat(fire(request, start.minusSeconds(1))).isEmpty(); // the cancelled call's reminder was due a day before
        assertThat(fire(request, later.minus(Duration.ofHours(24)))).containsExactly(Firing.Fired.CALL_REMINDER);
        assertThat(only(request, CallReminderDue.class).callStart()).isEqualTo(later);
    }

    @Test
    void a_decision_learned_before_a_booking_made_before_it_arms_no_reminder() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS);
        // review's topic was read first: the request for changes at +5m, then scheduling's booking at +2m
        request.learn(Events.changesRequested("r-1", 1, "alice", "fix", plus(TUESDAY, "PT5M")), CLOCKS);
        request.learn(Events.callBooked("r-1", "link-1", "call-1", plus(TUESDAY, "P2D"), plus(TUESDAY, "PT2M")), CLOCKS);
        assertThat(request.call()).isNull();
        fire(request, plus(TUESDAY, "P2D").minusSeconds(1));
        assertThat(all(request, CallReminderDue.class)).isEmpty();
    }

    @Test
    void a_reissued_link_ends_the_wait_for_an_outcome_and_the_on_hold_recheck_until_the_next_on_hold() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS);
        TicketOnHold onHold = Events.onHold("r-1", "bob", plus(TUESDAY, "PT2M")); // window: +3 days, 240 minutes
        request.learn(onHold, CLOCKS);
        assertThat(request.onHoldRecheckAt()).isNotNull();
        assertThat(UpgradeRequest.learnsFrom(Events.linkReissued("r-1", "link-2", "alice", TUESDAY))).isTrue();
        assertThat(UpgradeRequest.learnsFrom(Events.linkIssued("r-1", "link-1", TUESDAY))).isFalse();

        request.learn(Events.linkReissued("r-1", "link-2", "alice", plus(TUESDAY, "PT3M")), CLOCKS);
        assertThat(request.awaitingOutcome()).isFalse();
        assertThat(request.onHoldRecheckAt()).isNull();
        assertThatThrownBy(() -> request.reportOutcome(OutcomeResult.SUCCEEDED, "done", at(plus(TUESDAY, "PT4M"))))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
        // an on hold from before the re-issue, delivered after it, re-arms nothing
        request.learn(new TicketOnHold(Events.id(), plus(TUESDAY, "PT2M"), "r-1", onHold.upgradeStart(), 240, "bob",
                onHold.contact()), CLOCKS);
        assertThat(request.awaitingOutcome()).isFalse();
        Instant windowEnd = onHold.upgradeStart().plus(Duration.ofMinutes(240));
        assertThat(fire(request, plus(windowEnd, "P4D"))).doesNotContain(Firing.Fired.ON_HOLD_RECHECK);
        assertThat(all(request, OnHoldRecheckDue.class)).isEmpty();

        // the link ran out (or was booked): on hold again, the re-check is armed again and fires once
        request.learn(Events.onHold("r-1", "bob", plus(TUESDAY, "PT10M")), CLOCKS);
        assertThat(request.awaitingOutcome()).isTrue();
        assertThat(fire(request, plus(TUESDAY, "P30D"))).containsExactly(Firing.Fired.ON_HOLD_RECHECK);
        assertThat(fire(request, plus(TUESDAY, "P31D"))).isEmpty();
    }

    @Test
    void a_reissued_link_from_before_the_latest_on_hold_changes_nothing() {
        UpgradeRequest request = received(Form.STANDARD, TUESDAY);
        request.learn(Events.planApproved("r-1", 1, plus(TUESDAY, "PT1M")), CLOCKS);
        request.learn(Events.onHold("r-1", "bob", plus(TUESDAY, "PT5M")), CLOCKS);
        request.learn(Events.linkReissued("r-1", "link-2", "alice", plus(TUESDAY, "PT3M")), CLOCKS);
        assertThat(request.awaitingOutcome()).isTrue();
        assertThat(request.onHoldRecheckAt()).isNotNull();
    }

    // ---------------------------------------------------------------- helpers

    private static List<Firing.Fired> fire(UpgradeRequest request, Instant now) {
        return request.fireDue(now).fired();
    }

    private static <T extends DomainEvent> List<T> all(UpgradeRequest request, Class<T> type) {
        return request.raisedEvents(type);
    }

    private static <T extends DomainEvent> T only(UpgradeRequest request, Class<T> type) {
        List<T> events = all(request, type);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static UpgradeSubmission submission(Form form, String info) {
        return new UpgradeSubmission(form, "acme", new Person("Dana Ops", "dana@acme.example"),
                "admins@acme.example", null, null, null, null, null, null, null, null,
                new MaintenanceWindow("2026-12-12T22:00:00", "Europe/Berlin", 240), null, null, null, info);
    }
}
