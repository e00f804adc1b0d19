package dev.upgradeassist.review.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.platform.domain.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** The per-request aggregate's state machine, without Spring or a database. */
class RequestReviewTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void a_newer_revision_is_decided_and_raises_its_event() {
        RequestReview review = new RequestReview("r1");

        review.decide(infoMissing(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        review.decide(approved(2), "UA-1", Form.STANDARD, Region.AMER, null, "e2", NOW);

        assertThat(review.revision()).isEqualTo(2);
        assertThat(review.status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(review.raisedEvents()).extracting(Object::getClass)
                .containsExactly(InfoMissing.class, PlanApproved.class);
    }

    @Test
    void a_stale_or_repeated_revision_is_not_accepted() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(2), "UA-1", Form.STANDARD, Region.AMER, null, "e2", NOW);

        assertThat(review.accepts(1)).isFalse();
        assertThat(review.accepts(2)).isFalse();
        assertThat(review.accepts(3)).isTrue();
        assertThatThrownBy(() -> review.decide(infoMissing(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition);
    }

    @Test
    void nothing_is_decided_after_a_final_decline() {
        RequestReview review = new RequestReview("r1");
        review.decide(new ReviewDecision.Declined(1, DeclineReason.OUT_OF_SCOPE, null, "scope"), "UA-1",
                Form.STANDARD, Region.AMER, null, "e1", NOW);

        assertThat(review.isFinallyDeclined()).isTrue();
        assertThat(review.accepts(2)).isFalse();
        assertThatThrownBy(() -> review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "x", "alice", "e2", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition);
    }

    @Test
    void a_postponement_recommendation_can_be_amended() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);

        boolean changed = review.declineByEngineer(DeclineReason.POSTPONE_RECOMMENDED, "test first", "alice", "e2",
                NOW);

        assertThat(changed).isTrue();
        assertThat(review.isFinallyDeclined()).isFalse();
        assertThat(review.accepts(2)).isTrue();
        assertThat(review.decidedBy()).isEqualTo("alice");
    }

    @Test
    void the_same_manual_decline_twice_raises_one_event() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);

        review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "no", "alice", "e2", NOW);
        boolean again = review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "no", "alice", "e3", NOW);

        assertThat(again).isFalse();
        assertThat(review.raisedEvents()).hasSize(2);
    }

    @Test
    void an_engineer_cannot_give_a_final_reason() {
        RequestReview review = new RequestReview("r1");

        assertThatThrownBy(() -> review.declineByEngineer(DeclineReason.NOT_ENTITLED, "x", "alice", "e1", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition);
    }

    @Test
    void an_automatic_approval_names_the_service_and_its_mode() {
        RequestReview review = new RequestReview("r1");

        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW, ApprovalMode.AUTOMATIC);

        PlanApproved approval = review.raisedEvents(PlanApproved.class).get(0);
        assertThat(approval.approvedBy()).isEqualTo("review-service");
        assertThat(approval.approvalMode()).isEqualTo(ApprovalMode.AUTOMATIC);
        assertThat(approval.feedback()).isNull();
        assertThat(review.approvedBy()).isEqualTo("review-service");
    }

    @Test
    void in_engineer_mode_a_complete_revision_waits_in_review_with_what_the_approval_will_carry() {
        RequestReview review = new RequestReview("r1");

        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW, ApprovalMode.ENGINEER);

        assertThat(review.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(review.raisedEvents()).extracting(Object::getClass).containsExactly(PlanAwaitingApproval.class);
        PlanAwaitingApproval waiting = review.raisedEvents(PlanAwaitingApproval.class).get(0);
        assertThat(waiting.requiredStops()).containsExactly("16.3.9");
        assertThat(waiting.callOffered()).isTrue();
        assertThat(waiting.windowDurationMinutes()).isEqualTo(240);
        assertThat(review.approvalTerms()).isEqualTo(new RequestReview.ApprovalTerms(true, true,
                NOW.plusSeconds(864000), 240, 90));
        assertThat(review.approvedBy()).isNull();
    }

    @Test
    void in_engineer_mode_deficiencies_and_declines_stay_automatic() {
        RequestReview missing = new RequestReview("r1");
        RequestReview declined = new RequestReview("r2");

        missing.decide(infoMissing(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW, ApprovalMode.ENGINEER);
        declined.decide(new ReviewDecision.Declined(1, DeclineReason.NOT_ENTITLED, null, "no"), "UA-2",
                Form.STANDARD, Region.AMER, null, "e2", NOW, ApprovalMode.ENGINEER);

        assertThat(missing.status()).isEqualTo(ReviewStatus.INFO_MISSING);
        assertThat(declined.status()).isEqualTo(ReviewStatus.DECLINED);
        assertThat(missing.raisedEvents()).extracting(Object::getClass).containsExactly(InfoMissing.class);
        assertThat(declined.raisedEvents()).extracting(Object::getClass).containsExactly(RequestDeclined.class);
    }

    @Test
    void an_engineer_approves_a_revision_in_review_with_feedback_once() {
        RequestReview review = inReview(1);

        review.approveByEngineer(null, "alice", "Looks good.", KEEP_CALL, "e2", NOW);

        assertThat(review.status()).isEqualTo(ReviewStatus.APPROVED);
        PlanApproved approval = review.raisedEvents(PlanApproved.class).get(0);
        assertThat(approval.approvedBy()).isEqualTo("alice");
        assertThat(approval.approvalMode()).isEqualTo(ApprovalMode.ENGINEER);
        assertThat(approval.feedback()).isEqualTo("Looks good.");
        assertThat(approval.requiredStops()).containsExactly("16.3.9");
        assertThat(approval.callOffered()).isTrue();
        assertThat(approval.rollbackEstimateMinutes()).isEqualTo(90);
        assertThatThrownBy(() -> review.approveByEngineer(null, "bob", null, KEEP_CALL, "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining("not IN_REVIEW");
        assertThat(review.raisedEvents()).hasSize(2);
    }

    @Test
    void the_call_is_no_longer_offered_when_the_approval_comes_too_late_for_it() {
        RequestReview review = inReview(1);

        review.approveByEngineer(null, "alice", null, (offered, start) -> false, "e2", NOW);

        PlanApproved approval = review.raisedEvents(PlanApproved.class).get(0);
        assertThat(approval.callOffered()).isFalse();
        assertThat(approval.wantsReviewCall()).isTrue();
    }

    @Test
    void an_approval_for_another_revision_than_the_current_is_refused() {
        RequestReview review = inReview(1);
        review.decide(approved(2), "UA-1", Form.STANDARD, Region.AMER, null, "e2", NOW, ApprovalMode.ENGINEER);

        assertThatThrownBy(() -> review.approveByEngineer(1, "alice", null, KEEP_CALL, "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining("not the current one");
        review.approveByEngineer(2, "alice", null, KEEP_CALL, "e3", NOW);
        assertThat(review.raisedEvents(PlanApproved.class).get(0).revision()).isEqualTo(2);
    }

    @Test
    void only_a_revision_in_review_can_be_approved() {
        RequestReview automatic = new RequestReview("r1");
        automatic.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        RequestReview missing = new RequestReview("r2");
        missing.decide(infoMissing(1), "UA-2", Form.STANDARD, Region.AMER, null, "e1", NOW);

        assertThatThrownBy(() -> automatic.approveByEngineer(null, "alice", null, KEEP_CALL, "e2", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition);
        assertThatThrownBy(() -> missing.approveByEngineer(null, "alice", null, KEEP_CALL, "e2", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition);
    }

    @Test
    void requested_changes_put_the_engineers_items_first_and_wait_for_an_amendment() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        Deficiency item = new Deficiency(Deficiency.ENGINEER_REQUESTED, "rollbackPlan", "Test the restore.",
                "Restore a backup on staging.");

        review.requestChanges(1, "bob", "Almost there.", List.of(item), "e2", NOW);

        assertThat(review.status()).isEqualTo(ReviewStatus.CHANGES_REQUESTED);
        assertThat(review.deficiencies()).containsExactly(item);
        assertThat(review.approvedBy()).isNull();
        ChangesRequested changes = review.raisedEvents(ChangesRequested.class).get(0);
        assertThat(changes.requestedBy()).isEqualTo("bob");
        assertThat(changes.feedback()).isEqualTo("Almost there.");
        assertThat(changes.deficiencies()).containsExactly(item);
        assertThat(changes.requiredStops()).containsExactly("16.3.9");
        assertThat(changes.findings()).extracting(Finding::code).containsExactly("F1");
        assertThat(review.accepts(2)).isTrue();
        assertThatThrownBy(() -> review.requestChanges(null, "bob", "again", List.of(item), "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining("waits on the customer");
    }

    @Test
    void changes_cannot_be_requested_while_information_is_missing_or_after_a_decline() {
        RequestReview missing = new RequestReview("r1");
        missing.decide(infoMissing(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        RequestReview declined = inReview(1);
        declined.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "no", "alice", "e2", NOW);

        assertThatThrownBy(() -> missing.requestChanges(null, "bob", "x", List.of(), "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition);
        assertThatThrownBy(() -> declined.requestChanges(null, "bob", "x", List.of(), "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining("declined");
    }

    @Test
    void a_different_decline_after_a_decline_is_refused() {
        RequestReview review = inReview(1);
        review.declineByEngineer(DeclineReason.POSTPONE_RECOMMENDED, "later", "alice", "e2", NOW);

        assertThatThrownBy(() -> review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "no", "bob", "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining("already declined");
        assertThat(review.declineByEngineer(DeclineReason.POSTPONE_RECOMMENDED, "later", "bob", "e4", NOW)).isFalse();
        assertThat(review.decidedBy()).isEqualTo("alice");
    }

    @Test
    void after_the_outcome_nothing_is_decided_and_engineers_are_refused() {
        RequestReview review = inReview(1);
        review.approveByEngineer(null, "alice", null, KEEP_CALL, "e2", NOW);

        review.outcomeReported(OutcomeResult.SUCCEEDED, NOW);

        assertThat(review.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(review.accepts(2)).isFalse();
        assertThatThrownBy(() -> review.requestChanges(null, "bob", "x", List.of(), "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining("completed");
        assertThatThrownBy(() -> review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "no", "bob", "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining("completed");
        assertThatThrownBy(() -> review.approveByEngineer(null, "bob", null, KEEP_CALL, "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining("completed");
        assertThat(review.raisedEvents()).hasSize(2);
    }

    private static PlanReview.Recheck recheck(String version, boolean missesStop) {
        List<Deficiency> deficiencies = missesStop ? List.of(new Deficiency("UPGRADE_PLAN_REQUIRED_STOP_MISSING",
                "upgradePlan.hops", "The plan skips the required stop 17.1.8.", "Add 17.1.8.")) : List.of();
        return new PlanReview.Recheck(version, deficiencies, List.of(new Finding("F2", Finding.Severity.INFO, "new")),
                List.of("16.3.9", "17.1.8"));
    }

    @Test
    void a_recheck_that_finds_a_missing_stop_withdraws_the_approval_once_by_the_service() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        review.keepBasis(null, "v1");

        assertThat(review.recheckDue("v1", NOW)).as("checked with v1 already").isFalse();
        assertThat(review.recheckDue("v2", NOW)).isTrue();
        assertThat(review.recheckedWith(recheck("v2", true), "data changed", "e2", NOW)).isTrue();

        assertThat(review.status()).isEqualTo(ReviewStatus.CHANGES_REQUESTED);
        assertThat(review.pathDataVersion()).isEqualTo("v2");
        assertThat(review.changesRequestedBy()).isEqualTo("review-service");
        assertThat(review.requestedChanges()).isEmpty();
        assertThat(review.approvalTerms()).isNull();
        assertThat(review.requiredStops()).containsExactly("16.3.9", "17.1.8");
        ChangesRequested changes = review.raisedEvents(ChangesRequested.class).get(0);
        assertThat(changes.requestedBy()).isEqualTo("review-service");
        assertThat(changes.feedback()).isEqualTo("data changed");
        assertThat(changes.deficiencies()).extracting(Deficiency::code)
                .containsExactly("UPGRADE_PLAN_REQUIRED_STOP_MISSING");
        // not approved any more: no second re-check, with this data or newer
        assertThat(review.recheckDue("v2", NOW)).isFalse();
        assertThat(review.recheckDue("v3", NOW)).isFalse();
        assertThatThrownBy(() -> review.recheckedWith(recheck("v3", true), "x", "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition);
        assertThat(review.raisedEvents()).hasSize(2);
    }

    @Test
    void a_plan_that_still_fits_records_the_data_version_and_raises_nothing() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);

        assertThat(review.recheckedWith(recheck("v2", false), "x", "e2", NOW)).isFalse();

        assertThat(review.status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(review.pathDataVersion()).isEqualTo("v2");
        assertThat(review.findings()).extracting(Finding::code).containsExactly("F1");
        assertThat(review.recheckDue("v2", NOW)).isFalse();
        assertThat(review.raisedEvents()).hasSize(1);
    }

    @Test
    void no_recheck_when_the_window_started_an_outcome_was_reported_or_the_plan_is_not_approved() {
        RequestReview started = new RequestReview("r1");
        started.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        Instant windowStart = started.approvalTerms().upgradeStart();
        assertThat(started.recheckDue("v2", windowStart.minusSeconds(1))).isTrue();
        assertThat(started.recheckDue("v2", windowStart)).isFalse();

        RequestReview reported = new RequestReview("r2");
        reported.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        reported.outcomeReported(OutcomeResult.PROBLEMS, NOW);
        assertThat(reported.recheckDue("v2", NOW)).isFalse();

        RequestReview missing = new RequestReview("r3");
        missing.decide(infoMissing(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        assertThat(missing.recheckDue("v2", NOW)).isFalse();

        assertThat(inReview(1).recheckDue("v2", NOW)).as("in review: the engineer's approval comes later").isFalse();
    }

    @Test
    void every_request_for_changes_names_the_last_assignee_and_the_region() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(1), "UA-1", Form.STANDARD, Region.EMEA, null, "e1", NOW);
        assertThat(review.assignee()).as("unassigned").isNull();
        assertThat(review.region()).isEqualTo(Region.EMEA);

        review.assignedTo("alice", NOW);
        review.assignedTo("carol", NOW.plusSeconds(60));
        review.assignedTo("bob", NOW.plusSeconds(30)); // older than carol's: out of order, changes nothing
        review.assignedTo("carol", NOW.plusSeconds(60)); // the same again
        assertThat(review.assignee()).isEqualTo("carol");
        assertThat(review.raisedEvents()).hasSize(1); // an assignment raises nothing

        review.recheckedWith(recheck("v2", true), "data changed", "e2", NOW);
        ChangesRequested byService = review.raisedEvents(ChangesRequested.class).get(0);
        assertThat(byService.assignee()).isEqualTo("carol");
        assertThat(byService.region()).isEqualTo(Region.EMEA);

        // a newer revision keeps the ticket's assignee; an engineer's request for changes names it too
        review.decide(approved(2), "UA-1", Form.STANDARD, Region.APAC, null, "e3", NOW);
        review.assignedTo("dave", null); // no time in the event: the last one applied wins
        review.requestChanges(2, "bob", "One gap.", List.of(), "e4", NOW);
        ChangesRequested byEngineer = review.raisedEvents(ChangesRequested.class).get(1);
        assertThat(byEngineer.requestedBy()).isEqualTo("bob");
        assertThat(byEngineer.assignee()).isEqualTo("dave");
        assertThat(byEngineer.region()).isEqualTo(Region.APAC);
    }

    @Test
    void a_request_for_changes_before_any_assignment_names_nobody() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);

        review.requestChanges(1, "bob", "x", List.of(), "e2", NOW);

        ChangesRequested changes = review.raisedEvents(ChangesRequested.class).get(0);
        assertThat(changes.assignee()).isNull();
        assertThat(changes.region()).isEqualTo(Region.AMER);
    }

    /** A refused command: an illegal transition (409 through the API). */
    private static void illegalTransition(RuleViolation violation) {
        assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.ILLEGAL_TRANSITION);
    }

    @Test
    void an_upgrade_with_problems_leaves_the_request_open_to_a_decline_and_a_new_plan_but_not_to_changes() {
        RequestReview review = inReview(1);
        review.approveByEngineer(null, "alice", null, KEEP_CALL, "e2", NOW);

        review.outcomeReported(OutcomeResult.PROBLEMS, NOW);

        assertThat(review.status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(review.outcome()).isEqualTo(OutcomeResult.PROBLEMS);
        assertThatThrownBy(() -> review.requestChanges(null, "bob", "x", List.of(), "e3", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining("PROBLEMS");
        assertThat(review.accepts(2)).isTrue();
        review.decide(approved(2), "UA-1", Form.STANDARD, Region.AMER, null, "e4", NOW);
        assertThat(review.outcome()).as("a new plan, not yet attempted").isNull();
        assertThat(review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "no", "bob", "e5", NOW)).isTrue();
    }

    @Test
    void a_closed_request_refuses_every_engineers_decision_and_says_why() {
        RequestReview missing = new RequestReview("r1");
        missing.decide(infoMissing(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        RequestReview approved = inReview(1);

        assertThat(missing.closedByIntake(1, RequestClosed.Reason.NO_RESPONSE, "system", NOW)).isTrue();
        assertThat(approved.closedByIntake(1, RequestClosed.Reason.ENGINEER_CLOSED, "bob", NOW)).isTrue();

        assertThat(missing.status()).isEqualTo(ReviewStatus.CLOSED);
        assertThat(missing.closure()).isEqualTo(new RequestReview.Closure(RequestClosed.Reason.NO_RESPONSE, "system",
                NOW, 1));
        assertThat(approved.status()).isEqualTo(ReviewStatus.CLOSED);
        for (RequestReview review : List.of(missing, approved)) {
            String why = review == missing ? "closed: no response from the customer" : "closed by bob";
            assertThatThrownBy(() -> review.approveByEngineer(null, "alice", null, KEEP_CALL, "e5", NOW))
                    .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining(why);
            assertThatThrownBy(() -> review.requestChanges(null, "alice", "x", List.of(), "e6", NOW))
                    .isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining(why);
            assertThatThrownBy(() -> review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "no", "alice", "e7",
                    NOW)).isInstanceOfSatisfying(RuleViolation.class, RequestReviewTest::illegalTransition).hasMessageContaining(why);
            assertThat(review.raisedEvents()).as("the closure raises nothing").hasSize(1);
        }
        assertThat(approved.findings()).as("the closed revision's decision stays").hasSize(1);
    }

    @Test
    void a_newer_revision_reopens_a_closed_request_and_is_reviewed_as_usual() {
        RequestReview noResponse = new RequestReview("r1");
        noResponse.decide(infoMissing(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        noResponse.closedByIntake(1, RequestClosed.Reason.NO_RESPONSE, "system", NOW);
        RequestReview byEngineer = inReview(1);
        byEngineer.closedByIntake(1, RequestClosed.Reason.ENGINEER_CLOSED, "bob", NOW);

        assertThat(noResponse.accepts(1)).as("not newer").isFalse();
        assertThat(noResponse.accepts(2)).isTrue();
        assertThat(byEngineer.accepts(2)).as("intake accepted the amendment").isTrue();
        noResponse.decide(approved(2), "UA-1", Form.STANDARD, Region.AMER, null, "e2", NOW, ApprovalMode.ENGINEER);
        byEngineer.decide(approved(2), "UA-1", Form.STANDARD, Region.AMER, null, "e2", NOW, ApprovalMode.ENGINEER);

        for (RequestReview review : List.of(noResponse, byEngineer)) {
            assertThat(review.status()).isEqualTo(ReviewStatus.IN_REVIEW);
            assertThat(review.closure()).isNull();
            assertThat(review.revision()).isEqualTo(2);
            review.approveByEngineer(2, "alice", null, KEEP_CALL, "e3", NOW);
            assertThat(review.status()).isEqualTo(ReviewStatus.APPROVED);
        }
        assertThat(noResponse.raisedEvents()).extracting(Object::getClass)
                .containsExactly(InfoMissing.class, PlanAwaitingApproval.class, PlanApproved.class);
    }

    @Test
    void a_stale_or_second_closure_changes_nothing() {
        RequestReview review = inReview(1);
        review.decide(approved(2), "UA-1", Form.STANDARD, Region.AMER, null, "e2", NOW);

        assertThat(review.closedByIntake(1, RequestClosed.Reason.NO_RESPONSE, "system", NOW))
                .as("closure of revision 1, amended since").isFalse();
        assertThat(review.status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(review.closure()).isNull();

        assertThat(review.closedByIntake(2, RequestClosed.Reason.ENGINEER_CLOSED, "bob", NOW)).isTrue();
        assertThat(review.closedByIntake(2, RequestClosed.Reason.NO_RESPONSE, "system", NOW.plusSeconds(60)))
                .isFalse();
        assertThat(review.closure()).isEqualTo(new RequestReview.Closure(RequestClosed.Reason.ENGINEER_CLOSED, "bob",
                NOW, 2));
    }

    @Test
    void what_was_final_before_the_closure_stays_final() {
        RequestReview declined = new RequestReview("r1");
        declined.decide(new ReviewDecision.Declined(1, DeclineReason.NOT_ENTITLED, null, "no"), "UA-1",
                Form.STANDARD, Region.AMER, null, "e1", NOW);
        RequestReview completed = inReview(1);
        completed.approveByEngineer(null, "alice", null, KEEP_CALL, "e2", NOW);
        completed.outcomeReported(OutcomeResult.SUCCEEDED, NOW);

        declined.closedByIntake(1, RequestClosed.Reason.ENGINEER_CLOSED, "bob", NOW);
        completed.closedByIntake(1, RequestClosed.Reason.ENGINEER_CLOSED, "bob", NOW);

        assertThat(declined.status()).isEqualTo(ReviewStatus.CLOSED);
        assertThat(declined.isFinallyDeclined()).isTrue();
        assertThat(declined.accepts(2)).isFalse();
        assertThat(completed.status()).isEqualTo(ReviewStatus.CLOSED);
        assertThat(completed.accepts(2)).isFalse();
    }

    private static final BiPredicate<Boolean, Instant> KEEP_CALL = (offered, start) -> offered;

    private static RequestReview inReview(int revision) {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(revision), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW, ApprovalMode.ENGINEER);
        return review;
    }

    private static ReviewDecision infoMissing(int revision) {
        return new ReviewDecision.InformationMissing(revision, List.of(), List.of(), List.of());
    }

    private static ReviewDecision approved(int revision) {
        return new ReviewDecision.Approved(revision, List.of(new Finding("F1", Finding.Severity.INFO, "note")),
                List.of("16.3.9"), true, true, NOW.plusSeconds(864000), 240, 90);
    }
}
