package dev.upgradeassist.scheduling.request;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.platform.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-02T14:03:18Z");
    private static final Instant UPGRADE = Instant.parse("2026-12-13T03:00:00Z");
    private static final CustomerContact CONTACT = new CustomerContact("UA-7F3K2Q", "Dana Ops", "dana@acme.example",
            "gitlab-admins@acme.example", null, "America/New_York");
    private static final NewCall CALL = new NewCall("call-1", "m1", "http://x/calls/m", "https://meet.gitlab.example/alice");
    private static final java.util.function.UnaryOperator<String> EMAIL_OF = name -> name + "@gitlab.example";

    private static PlanApproved approval(int revision, boolean callOffered) {
        return TestEvents.planApproved().occurredAt(NOW).requestId("r-1").revision(revision).ticketId("UA-7F3K2Q")
                .form(Form.STANDARD).region(Region.AMER).findings(List.of()).requiredStops(List.of())
                .wantsReviewCall(callOffered).callOffered(callOffered).upgradeStart(UPGRADE).windowDurationMinutes(240)
                .rollbackEstimateMinutes(90).contact(CONTACT).approvedBy(null).approvalMode(null).feedback(null)
                .build();
    }

    private static NewLink offer(String approvalId, String hash) {
        return new NewLink(RequestSchedule.linkIdFor("r-1", approvalId), hash, "http://x/book/t", UPGRADE.minus(
                Duration.ofDays(2)), 30);
    }

    private static List<String> types(RequestSchedule request) {
        return request.raisedEvents().stream().map(event -> event.getClass().getSimpleName() + ".v1").toList();
    }

    private static RequestDeclined decline(int revision) {
        return TestEvents.requestDeclined().eventId("d").occurredAt(NOW).requestId("r-1").revision(revision)
                .reason(DeclineReason.ENGINEER_DECLINED).explanation("no").declinedBy("alice").contact(CONTACT).build();
    }

    private static UpgradeOutcomeReported outcome(Instant at, OutcomeResult result, String details) {
        return TestEvents.upgradeOutcomeReported().eventId("o").occurredAt(at).requestId("r-1").ticketId("UA-7F3K2Q")
                .result(result).details(details).build();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable command,
                                      RuleViolation.Kind kind) {
        assertThatThrownBy(command).isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.kind()).isEqualTo(kind));
    }

    @Test
    void an_approval_offering_the_call_issues_a_link_and_one_without_puts_the_ticket_on_hold() {
        RequestSchedule withCall = new RequestSchedule("r-1");
        PlanApproved approval = approval(1, true);
        withCall.approve(approval, offer(approval.eventId(), "h1"), "alice", NOW);
        assertThat(types(withCall)).containsExactly("BookingLinkIssued.v1");
        assertThat(withCall.stage()).isEqualTo(Stage.CALL_LINK_ISSUED);

        RequestSchedule withoutCall = new RequestSchedule("r-1");
        withoutCall.approve(approval(1, false), null, "alice", NOW);
        assertThat(types(withoutCall)).containsExactly("TicketOnHold.v1");
        assertThat(withoutCall.stage()).isEqualTo(Stage.ON_HOLD);
    }

    @Test
    void a_newer_approval_revokes_the_open_link_and_an_older_one_changes_nothing() {
        RequestSchedule request = new RequestSchedule("r-1");
        PlanApproved first = approval(2, true);
        request.approve(first, offer(first.eventId(), "h1"), "alice", NOW);

        assertThat(request.approve(approval(1, true), offer("x", "h0"), "alice", NOW)).isEqualTo(ScheduleEffects.NONE);
        PlanApproved second = approval(3, true);
        var effects = request.approve(second, offer(second.eventId(), "h2"), "alice", NOW);

        assertThat(effects.linksIssued()).isEqualTo(1);
        assertThat(effects.linksClosed()).isEqualTo(1);
        assertThat(types(request)).containsExactly("BookingLinkIssued.v1", "BookingLinkExpired.v1", "BookingLinkIssued.v1");
        BookingLinkExpired revoked = request.raisedEvents(BookingLinkExpired.class).get(0);
        assertThat(revoked.reason()).isEqualTo(BookingLinkExpired.Reason.REVOKED);
        assertThat(request.linkByTokenHash("h1").orElseThrow().status()).isEqualTo(LinkStatus.REVOKED);
    }

    @Test
    void a_link_books_once_then_puts_the_ticket_on_hold() {
        RequestSchedule request = new RequestSchedule("r-1");
        PlanApproved approval = approval(1, true);
        request.approve(approval, offer(approval.eventId(), "h1"), "alice", NOW);
        Instant slot = Instant.parse("2026-12-08T15:00:00Z");

        request.book("h1", slot, Duration.ofMinutes(30), "alice", "alice@gitlab.example", CALL, NOW);

        assertThat(types(request)).containsExactly("BookingLinkIssued.v1", "ReviewCallBooked.v1", "TicketOnHold.v1");
        assertThat(request.call().slotKey()).isEqualTo("alice|2026-12-08T15:00:00Z");
        assertRefused(() -> request.book("h1", slot, Duration.ofMinutes(30), "alice", null, CALL, NOW),
                RuleViolation.Kind.NO_LONGER_AVAILABLE);
    }

    @Test
    void a_link_past_its_expiry_cannot_book() {
        RequestSchedule request = new RequestSchedule("r-1");
        PlanApproved approval = approval(1, true);
        request.approve(approval, offer(approval.eventId(), "h1"), "alice", NOW);

        assertRefused(() -> request.book("h1", Instant.parse("2026-12-08T15:00:00Z"), Duration.ofMinutes(30),
                "alice", null, CALL, UPGRADE.minus(Duration.ofDays(2))), RuleViolation.Kind.NO_LONGER_AVAILABLE);
    }

    @Test
    void a_decline_revokes_the_link() {
        RequestSchedule request = new RequestSchedule("r-1");
        PlanApproved approval = approval(1, true);
        request.approve(approval, offer(approval.eventId(), "h1"), "alice", NOW);

        request.decline(decline(1),
                EMAIL_OF, NOW);

        assertThat(request.stage()).isEqualTo(Stage.DECLINED);
        assertThat(request.linkByTokenHash("h1").orElseThrow().status()).isEqualTo(LinkStatus.REVOKED);
    }

    @Test
    void rollback_advice_weighs_the_minutes_left_against_the_estimate_plus_the_margin() {
        RequestSchedule request = new RequestSchedule("r-1");
        request.assign(TestEvents.engineerAssigned().eventId("a").occurredAt(NOW).requestId("r-1").ticketId("UA-7F3K2Q")
                .engineer("bob").ccs(List.of()).actor("bob").build(), true);
        request.approve(approval(1, false), null, "alice", NOW);
        Instant report = UPGRADE.plus(Duration.ofMinutes(160));   // 80 minutes left of 240

        request.reportOutcome(outcome(report, OutcomeResult.PROBLEMS, "x"),
                Duration.ofMinutes(30), name -> name + "@gitlab.example", report);

        RollbackAdvised advice = request.raisedEvents(RollbackAdvised.class).get(0);
        assertThat(advice.minutesLeftInWindow()).isEqualTo(80);
        assertThat(advice.rollBackNow()).isTrue();
        assertThat(advice.assignee()).isEqualTo("bob");
        assertThat(advice.assigneeEmail()).isEqualTo("bob@gitlab.example");
        assertThat(request.stage()).isEqualTo(Stage.ROLLBACK_ADVISED);
    }

    @Test
    void a_hand_off_moves_a_call_still_to_come_and_refuses_closed_requests() {
        RequestSchedule request = new RequestSchedule("r-1");
        PlanApproved approval = approval(1, true);
        request.approve(approval, offer(approval.eventId(), "h1"), "alice", NOW);
        request.book("h1", Instant.parse("2026-12-08T15:00:00Z"), Duration.ofMinutes(30), "alice", null, CALL, NOW);

        assertThat(request.handOff("bob", "notes", "alice", n -> n + "@gitlab.example", NOW)).isTrue();
        assertThat(request.call().engineer()).isEqualTo("bob");
        assertThat(request.handOff("bob", "again", "alice", n -> n, NOW)).isFalse();

        request.reportOutcome(outcome(NOW, OutcomeResult.SUCCEEDED, "ok"),
                Duration.ofMinutes(30), n -> n, NOW);
        assertRefused(() -> request.handOff("alice", null, "alice", n -> n, NOW),
                RuleViolation.Kind.ILLEGAL_TRANSITION);
    }

    private static ChangesRequested changes(int revision) {
        return TestEvents.changesRequested().occurredAt(NOW).requestId("r-1").revision(revision).requestedBy("alice")
                .feedback("Rehearse the rollback.")
                .deficiencies(List.of(new Deficiency(Deficiency.ENGINEER_REQUESTED, "rollbackPlan", "No Gitaly restore.",
                        "Add it.")))
                .findings(List.of()).requiredStops(List.of()).contact(CONTACT).build();
    }

    @Test
    void changes_requested_revokes_the_open_link_and_only_a_newer_revision_issues_a_new_one() {
        RequestSchedule request = new RequestSchedule("r-1");
        PlanApproved first = approval(1, true);
        request.approve(first, offer(first.eventId(), "h1"), "alice", NOW);

        var effects = request.requestChanges(changes(1), EMAIL_OF, NOW);

        assertThat(effects).isEqualTo(new ScheduleEffects(0, 1, null));
        assertThat(request.stage()).isEqualTo(Stage.CHANGES_REQUESTED);
        assertThat(request.linkByTokenHash("h1").orElseThrow().status()).isEqualTo(LinkStatus.REVOKED);
        BookingLinkExpired revoked = request.raisedEvents(BookingLinkExpired.class).get(0);
        assertThat(revoked.reason()).isEqualTo(BookingLinkExpired.Reason.REVOKED);
        assertThat(revoked.linkId()).isEqualTo(RequestSchedule.linkIdFor("r-1", first.eventId()));

        PlanApproved againSameRevision = approval(1, true);
        assertThat(request.approve(againSameRevision, offer(againSameRevision.eventId(), "h1b"), "alice", NOW))
                .isEqualTo(ScheduleEffects.NONE);
        assertThat(request.requestChanges(changes(1), EMAIL_OF, NOW)).as("nothing left to revoke")
                .isEqualTo(new ScheduleEffects(0, 0, null));
        PlanApproved amended = approval(2, true);
        assertThat(request.approve(amended, offer(amended.eventId(), "h2"), "alice", NOW).linksIssued()).isEqualTo(1);

        assertThat(types(request)).containsExactly("BookingLinkIssued.v1", "BookingLinkExpired.v1", "BookingLinkIssued.v1");
        assertThat(request.stage()).isEqualTo(Stage.CALL_LINK_ISSUED);
    }

    @Test
    void changes_requested_takes_an_on_hold_ticket_off_hold_and_raises_nothing_without_a_link() {
        RequestSchedule request = new RequestSchedule("r-1");
        request.approve(approval(1, false), null, "alice", NOW);
        assertThat(request.onHoldSince()).isNotNull();

        var effects = request.requestChanges(changes(1), EMAIL_OF, NOW);

        assertThat(effects).isEqualTo(new ScheduleEffects(0, 0, null));
        assertThat(request.stage()).isEqualTo(Stage.CHANGES_REQUESTED);
        assertThat(request.onHoldSince()).isNull();
        assertThat(types(request)).containsExactly("TicketOnHold.v1");
    }

    @Test
    void changes_requested_cancels_a_booked_call_and_the_next_approval_issues_a_new_link() {
        RequestSchedule request = new RequestSchedule("r-1");
        PlanApproved approval = approval(1, true);
        request.approve(approval, offer(approval.eventId(), "h1"), "alice", NOW);
        request.book("h1", Instant.parse("2026-12-08T15:00:00Z"), Duration.ofMinutes(30), "alice", null, CALL, NOW);

        assertThat(request.requestChanges(changes(1), EMAIL_OF, NOW)).isEqualTo(new ScheduleEffects(0, 0, null, 1));
        assertThat(request.call()).isNull();
        var cancelled = request.raisedEvents(ReviewCallCancelled.class).get(0);
        assertThat(cancelled.reason()).isEqualTo(ReviewCallCancelled.Reason.CHANGES_REQUESTED);
        assertThat(cancelled.actor()).isEqualTo("alice");
        assertThat(cancelled.sequence()).isEqualTo(1);
        assertThat(cancelled.callId()).isEqualTo("call-1");
        assertThat(cancelled.engineerEmail()).isEqualTo("alice@gitlab.example");
        assertThat(request.cancelledCallByTokenHash("m1")).isPresent();
        assertThat(request.stage()).isEqualTo(Stage.CHANGES_REQUESTED);

        PlanApproved amended = approval(2, true);
        var effects = request.approve(amended, offer(amended.eventId(), "h2"), "alice", NOW);
        assertThat(effects.linksIssued()).isEqualTo(1);
        assertThat(types(request)).containsExactly("BookingLinkIssued.v1", "ReviewCallBooked.v1", "TicketOnHold.v1",
                "ReviewCallCancelled.v1", "BookingLinkIssued.v1");
    }

    @Test
    void reschedule_raises_the_sequence_and_cancel_frees_the_call_and_puts_the_ticket_on_hold() {
        RequestSchedule request = new RequestSchedule("r-1");
        PlanApproved approval = approval(1, true);
        request.approve(approval, offer(approval.eventId(), "h1"), "alice", NOW);
        request.book("h1", Instant.parse("2026-12-08T15:00:00Z"), Duration.ofMinutes(30), "alice", null, CALL, NOW);
        Instant deadline = UPGRADE.minus(Duration.ofDays(2));

        ReviewCall moved = request.reschedule("m1", Instant.parse("2026-12-09T15:00:00Z"), Duration.ofMinutes(30),
                "http://x/calls/m", "https://meet/alice", "alice@gitlab.example", deadline, NOW);
        assertThat(moved.sequence()).isEqualTo(1);
        assertThat(moved.slotKey()).isEqualTo("alice|2026-12-09T15:00:00Z");
        assertThat(moved.callId()).isEqualTo("call-1");
        assertRefused(() -> request.reschedule("other", Instant.parse("2026-12-09T16:00:00Z"),
                Duration.ofMinutes(30), "u", null, null, deadline, NOW), RuleViolation.Kind.NO_LONGER_AVAILABLE);
        assertRefused(() -> request.reschedule("m1", Instant.parse("2026-12-09T16:00:00Z"),
                Duration.ofMinutes(30), "u", null, null, deadline, deadline), RuleViolation.Kind.NO_LONGER_AVAILABLE);

        var effects = request.cancelByCustomer("m1", "alice@gitlab.example", NOW);
        assertThat(effects.callsCancelled()).isEqualTo(1);
        assertThat(request.call()).isNull();
        assertThat(request.stage()).isEqualTo(Stage.ON_HOLD);
        assertThat(types(request)).containsExactly("BookingLinkIssued.v1", "ReviewCallBooked.v1", "TicketOnHold.v1",
                "ReviewCallRescheduled.v1", "ReviewCallCancelled.v1", "TicketOnHold.v1");
        var cancelled = request.raisedEvents(ReviewCallCancelled.class).get(0);
        assertThat(cancelled.sequence()).isEqualTo(2);
        assertRefused(() -> request.cancelByCustomer("m1", null, NOW), RuleViolation.Kind.NO_LONGER_AVAILABLE);

        // the engineer re-issues a link: allowed now that no call is booked, refused once one is
        NewLink again = new NewLink("l2", "h9", "http://x/book/t2", deadline, 30);
        request.reissueLink(again, "bob", NOW);
        assertThat(request.stage()).isEqualTo(Stage.CALL_LINK_ISSUED);
        var issued = request.raisedEvents(dev.upgradeassist.contracts.BookingLinkIssued.class).get(1);
        assertThat(issued.reissuedBy()).isEqualTo("bob");
        assertThat(request.reissueLink(new NewLink("l3", "h10", "u", deadline, 30), "bob", NOW).linksClosed())
                .as("the open link is revoked").isEqualTo(1);
        request.book("h10", Instant.parse("2026-12-08T16:00:00Z"), Duration.ofMinutes(30), "alice", null,
                new NewCall("call-2", "m2", "u", null), NOW);
        assertRefused(() -> request.reissueLink(new NewLink("l4", "h11", "u", deadline, 30), "bob", NOW),
                RuleViolation.Kind.ILLEGAL_TRANSITION);
    }

    @Test
    void an_amendment_with_an_earlier_window_brings_the_deadline_closer_until_the_next_approval() {
        RequestSchedule request = new RequestSchedule("r-1");
        PlanApproved approval = approval(1, true);
        request.approve(approval, offer(approval.eventId(), "h1"), "alice", NOW);
        Instant earlier = UPGRADE.minus(Duration.ofDays(5));
        var amended = TestEvents.requestAmended().eventId("a").occurredAt(NOW).requestId("r-1").ticketId("UA-7F3K2Q")
                .revision(2).priority("HIGH").submission(null).organization(null).contact(CONTACT).build();

        assertThat(request.amend(amended, UPGRADE.plus(Duration.ofDays(5)))).isTrue();
        assertThat(request.effectiveUpgradeStart()).as("a later window waits for its approval").isEqualTo(UPGRADE);
        assertThat(request.amend(amended, earlier)).isTrue();
        assertThat(request.effectiveUpgradeStart()).isEqualTo(earlier);

        PlanApproved second = approval(2, true);
        request.approve(second, offer(second.eventId(), "h2"), "alice", NOW);
        assertThat(request.effectiveUpgradeStart()).isEqualTo(UPGRADE);
        assertThat(request.amend(amended, earlier)).as("revision 2 is decided").isFalse();
    }

    @Test
    void stale_changes_and_changes_after_a_decline_or_completion_change_nothing() {
        RequestSchedule newer = new RequestSchedule("r-1");
        PlanApproved second = approval(2, true);
        newer.approve(second, offer(second.eventId(), "h2"), "alice", NOW);
        assertThat(newer.requestChanges(changes(1), EMAIL_OF, NOW)).isEqualTo(ScheduleEffects.NONE);
        assertThat(newer.stage()).isEqualTo(Stage.CALL_LINK_ISSUED);
        assertThat(newer.linkByTokenHash("h2").orElseThrow().status()).isEqualTo(LinkStatus.ISSUED);

        RequestSchedule declined = new RequestSchedule("r-1");
        declined.decline(decline(1), EMAIL_OF, NOW);
        assertThat(declined.requestChanges(changes(1), EMAIL_OF, NOW)).isEqualTo(ScheduleEffects.NONE);
        assertThat(declined.stage()).isEqualTo(Stage.DECLINED);

        RequestSchedule completed = new RequestSchedule("r-1");
        completed.approve(approval(1, false), null, "alice", NOW);
        completed.reportOutcome(outcome(NOW, OutcomeResult.SUCCEEDED, "ok"),
                Duration.ofMinutes(30), n -> n, NOW);
        assertThat(completed.requestChanges(changes(1), EMAIL_OF, NOW)).isEqualTo(ScheduleEffects.NONE);
        assertThat(completed.stage()).isEqualTo(Stage.COMPLETED);
    }

    @Test
    void changes_requested_for_a_revision_never_approved_records_it_as_decided() {
        RequestSchedule request = new RequestSchedule("r-1");   // engineer mode: revision 1 was in review, never approved

        assertThat(request.requestChanges(changes(1), EMAIL_OF, NOW)).isEqualTo(new ScheduleEffects(0, 0, null));
        assertThat(request.ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(request.raisedEvents()).isEmpty();
        PlanApproved amended = approval(2, true);
        assertThat(request.approve(amended, offer(amended.eventId(), "h2"), "alice", NOW).linksIssued()).isEqualTo(1);
    }
}
