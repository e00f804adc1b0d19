package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
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
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpgradeRequestTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);
    private static final Organization ACME = new Organization("acme", "Acme", true,
            new Person("Terry Mills", "tam@gitlab.example"));
    private static final Organization GLOBEX = new Organization("globex", "Globex", true, null);

    @Test
    void receiving_a_request_raises_request_received_with_the_contact_and_revision_1() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);

        RequestReceived received = (RequestReceived) event(request, 0);
        assertThat(received.requestId()).isEqualTo("r-1");
        assertThat(received.occurredAt()).isEqualTo(CLOCK.instant());
        assertThat(received.revision()).isEqualTo(1);
        assertThat(received.priority()).isEqualTo("HIGH");
        assertThat(received.organization()).isEqualTo(ACME);
        assertThat(received.contact().ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(received.contact().requesterEmail()).isEqualTo("dana@acme.example");
        assertThat(received.contact().contactEmail()).isEqualTo("admins@acme.example");
        assertThat(received.contact().tamEmail()).isEqualTo("tam@gitlab.example");
        assertThat(received.contact().timeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void an_amendment_is_the_next_revision_with_the_new_organization_snapshot() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);

        request.amend(submission("b"), GLOBEX, CLOCK);

        RequestAmended amended = (RequestAmended) event(request, 1);
        assertThat(amended.revision()).isEqualTo(2);
        assertThat(request.revision()).isEqualTo(2);
        assertThat(amended.submission().additionalInfo()).isEqualTo("b");
        assertThat(amended.contact().tamEmail()).isNull();
        assertThat(request.ccs()).isEmpty();
    }

    @Test
    void assigning_cc_s_the_tam_and_assigning_the_same_engineer_again_raises_nothing() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);

        assertThat(request.assign("alice", "alice", CLOCK)).isTrue();
        assertThat(request.assign("alice", "alice", CLOCK)).isFalse();

        assertThat(request.raisedEvents()).hasSize(2);
        EngineerAssigned assigned = (EngineerAssigned) event(request, 1);
        assertThat(assigned.engineer()).isEqualTo("alice");
        assertThat(assigned.ccs()).containsExactly("tam@gitlab.example");
    }

    @Test
    void an_outcome_is_reported_with_the_ticket() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        request.learn(Events.onHold("r-1", "bob", later(10)));

        request.reportOutcome(OutcomeResult.SUCCEEDED, "all good", CLOCK);

        UpgradeOutcomeReported reported = (UpgradeOutcomeReported) event(request, 1);
        assertThat(reported.ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(reported.result()).isEqualTo(OutcomeResult.SUCCEEDED);
    }

    @Test
    void an_outcome_is_refused_until_the_upgrade_is_on_hold_and_taken_after_rollback_advice() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);

        assertThatThrownBy(() -> request.reportOutcome(OutcomeResult.PROBLEMS, "x", CLOCK))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
        request.learn(Events.onHold("r-1", "bob", later(10)));
        request.reportOutcome(OutcomeResult.PROBLEMS, "Sidekiq keeps restarting", CLOCK);
        request.learn(Events.rollbackAdvised("r-1", later(20)));
        request.reportOutcome(OutcomeResult.SUCCEEDED, "fixed", CLOCK);

        assertThat(request.closure()).isEqualTo(Closure.COMPLETED);
        assertThat(request.raisedEvents()).hasSize(3);
    }

    @Test
    void a_reported_success_completes_the_request_at_once_so_neither_an_amendment_nor_another_outcome_is_taken() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        request.learn(Events.onHold("r-1", "bob", later(10)));

        request.reportOutcome(OutcomeResult.SUCCEEDED, "all good", CLOCK);

        assertThatThrownBy(() -> request.amend(submission("b"), ACME, CLOCK))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION).hasMessageContaining("completed");
        assertThatThrownBy(() -> request.reportOutcome(OutcomeResult.SUCCEEDED, "again", CLOCK))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
        assertThat(request.revision()).isEqualTo(1);
        assertThat(request.raisedEvents()).hasSize(2);
    }

    @Test
    void a_final_decline_of_the_current_revision_closes_the_request_and_one_of_an_older_revision_does_not() {
        UpgradeRequest closed = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        closed.learn(Events.declined("r-1", 1, DeclineReason.NOT_ENTITLED, later(5)));
        assertThatThrownBy(() -> closed.amend(submission("b"), ACME, CLOCK))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION).hasMessageContaining("declined for good");

        UpgradeRequest amended = UpgradeRequest.receive("r-2", "UA-7F3K2R", submission("a"), ACME, CLOCK);
        amended.amend(submission("b"), ACME, CLOCK);
        amended.learn(Events.declined("r-2", 1, DeclineReason.OUT_OF_SCOPE, later(5))); // about revision 1
        amended.amend(submission("c"), ACME, CLOCK);
        assertThat(amended.revision()).isEqualTo(3);
        assertThat(amended.closure()).isNull();
    }

    @Test
    void a_decline_for_now_keeps_the_request_amendable_and_stops_outcomes() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        request.learn(Events.onHold("r-1", "bob", later(10)));
        request.learn(Events.declined("r-1", 1, DeclineReason.POSTPONE_RECOMMENDED, later(20)));

        assertThat(request.awaitingOutcome()).isFalse();
        assertThatThrownBy(() -> request.reportOutcome(OutcomeResult.SUCCEEDED, "x", CLOCK))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
        request.amend(submission("b"), ACME, CLOCK);
        assertThat(request.revision()).isEqualTo(2);
    }

    @Test
    void on_hold_from_before_an_amendment_belongs_to_the_older_revision_and_opens_nothing() {
        Clock amendedAt = Clock.offset(CLOCK, java.time.Duration.ofMinutes(30));
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        request.amend(submission("b"), ACME, amendedAt);

        request.learn(Events.onHold("r-1", "bob", later(10))); // decided before the amendment, delivered after it

        assertThat(request.awaitingOutcome()).isFalse();
        request.learn(Events.onHold("r-1", "bob", later(40 * 60)));
        assertThat(request.awaitingOutcome()).isTrue();
    }

    @Test
    void an_amendment_ends_the_wait_for_an_outcome_and_a_learned_completion_is_final() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        request.learn(Events.onHold("r-1", "bob", later(10)));
        request.amend(submission("b"), ACME, Clock.offset(CLOCK, java.time.Duration.ofMinutes(1)));
        assertThat(request.awaitingOutcome()).isFalse();

        request.learn(Events.completed("r-1", later(120)));
        request.learn(Events.onHold("r-1", "bob", later(130)));

        assertThat(request.closure()).isEqualTo(Closure.COMPLETED);
        assertThat(request.awaitingOutcome()).isFalse();
    }

    @Test
    void a_comment_carries_the_ticket_form_region_contact_and_the_current_assignee() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        request.comment("customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, "hello", null,
                null, CLOCK);
        request.assign("alice", "alice", CLOCK);

        UpgradeRequest.Commented commented = request.comment("alice", CommentAdded.AuthorRole.ENGINEER,
                CommentAdded.Visibility.INTERNAL, "note", null, null, CLOCK);

        assertThat(commented.recorded()).isTrue();
        CommentAdded unassigned = (CommentAdded) event(request, 1);
        assertThat(unassigned.assignee()).isNull();
        assertThat(unassigned.author()).isEqualTo("customer");
        CommentAdded added = (CommentAdded) event(request, 3);
        assertThat(added.commentId()).isEqualTo(commented.comment().id());
        assertThat(added.assignee()).isEqualTo("alice");
        assertThat(added.visibility()).isEqualTo(CommentAdded.Visibility.INTERNAL);
        assertThat(added.ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(added.form()).isEqualTo(Form.STANDARD);
        assertThat(added.contact().tamEmail()).isEqualTo("tam@gitlab.example");
    }

    @Test
    void a_hand_off_makes_the_receiving_engineer_the_assignee_unless_a_later_assignment_was_made() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        request.assign("alice", "alice", CLOCK);

        request.learn(Events.handedOff("r-1", "alice", "bob", later(60)));
        assertThat(request.assignee()).isEqualTo("bob");
        request.learn(Events.handedOff("r-1", "alice", "carol", later(-60))); // older than what is known
        assertThat(request.assignee()).isEqualTo("bob");
    }

    @Test
    void a_completed_request_takes_no_comment_but_one_declined_for_good_does() {
        UpgradeRequest completed = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        completed.learn(Events.completed("r-1", later(10)));
        assertThatThrownBy(() -> completed.comment("customer", CommentAdded.AuthorRole.CUSTOMER,
                CommentAdded.Visibility.PUBLIC, "x", null, null, CLOCK)).isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
        assertThat(completed.raisedEvents()).hasSize(1);

        UpgradeRequest declined = UpgradeRequest.receive("r-2", "UA-7F3K2R", submission("a"), ACME, CLOCK);
        declined.learn(Events.declined("r-2", 1, DeclineReason.NOT_ENTITLED, later(5)));
        declined.comment("customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, "why?", null,
                null, CLOCK);
        assertThat(declined.raisedEvents()).hasSize(2);
    }

    @Test
    void a_retry_with_the_same_key_answers_the_first_comment_and_another_comment_with_it_is_refused() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        UpgradeRequest.Commented first = request.comment("alice", CommentAdded.AuthorRole.ENGINEER,
                CommentAdded.Visibility.PUBLIC, "hi", "key-1", "hash-1", CLOCK);

        UpgradeRequest.Commented retry = request.comment("alice", CommentAdded.AuthorRole.ENGINEER,
                CommentAdded.Visibility.PUBLIC, "hi", "key-1", "hash-1", CLOCK);

        assertThat(retry.recorded()).isFalse();
        assertThat(retry.comment()).isEqualTo(first.comment());
        assertThat(request.raisedEvents()).hasSize(2);
        assertThatThrownBy(() -> request.comment("alice", CommentAdded.AuthorRole.ENGINEER,
                CommentAdded.Visibility.PUBLIC, "other", "key-1", "hash-2", CLOCK))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.UNACCEPTABLE);
    }

    @Test
    void changes_requested_on_hold_stop_outcomes_and_the_request_stays_amendable() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);
        request.learn(Events.planApproved("r-1", 1, later(5)));
        request.learn(Events.onHold("r-1", "bob", later(10)));

        request.learn(Events.changesRequested("r-1", 1, "alice", "Please fix the rollback.", later(20)));

        assertThat(request.awaitingOutcome()).isFalse();
        assertThatThrownBy(() -> request.reportOutcome(OutcomeResult.SUCCEEDED, "x", CLOCK))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.ILLEGAL_TRANSITION);
        request.amend(submission("b"), ACME, CLOCK);
        assertThat(request.revision()).isEqualTo(2);
    }

    private static Instant later(long seconds) {
        return CLOCK.instant().plusSeconds(seconds);
    }

    private static DomainEvent event(UpgradeRequest request, int index) {
        DomainEvent event = request.raisedEvents().get(index);
        assertThat(event.requestId()).isEqualTo(request.id());
        return event;
    }

    private static UpgradeSubmission submission(String info) {
        return new UpgradeSubmission(Form.STANDARD, "acme", new Person("Dana Ops", "dana@acme.example"),
                "admins@acme.example", null, null, null, null, null, null, null, null,
                new MaintenanceWindow("2026-12-12T22:00:00", "Europe/Berlin", 240), null, null, null, info);
    }
}
