package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.support.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model's ordering rules, without Spring: late, reordered and stale events. */
class RequestRecordTest {

    private static final String ID = "3f2b8c1e-7a4d-4e9b-9c2a-5d8e1f6a0b47";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final RequestRecord view = new RequestRecord(ID);
    private final List<RequestRecord.StageSample> samples = new ArrayList<>();

    @Test
    void a_received_request_is_submitted_with_its_data_and_the_tam_as_cc() {
        apply(received(1, T0));

        assertThat(view.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(view.ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(view.form()).isEqualTo(Form.STANDARD);
        assertThat(view.region()).isEqualTo(Region.AMER);
        assertThat(view.organizationId()).isEqualTo("acme");
        assertThat(view.ccs()).containsExactly("tam@gitlab.example");
    }

    @Test
    void the_sla_of_an_older_version_of_the_request_never_replaces_a_later_one() {
        var first = new dev.upgradeassist.intake.request.UpgradeRequest.Sla(at(60), null, false);
        var answered = new dev.upgradeassist.intake.request.UpgradeRequest.Sla(null, null, false);
        var next = new dev.upgradeassist.intake.request.UpgradeRequest.Sla(null, at(120), false);

        view.clocks(first, 3L);
        assertThat(view.dueAt).isEqualTo(at(60));
        // a later version (the approval answered the customer), then a copy read before it: kept
        view.clocks(answered, 5L);
        view.clocks(first, 3L);
        assertThat(view.dueAt).as("the older read does not bring the answered clock back").isNull();
        assertThat(view.firstResponseDueAt()).isNull();
        // the same version again, a later one, and an SLA of unknown version are taken
        view.clocks(next, 5L);
        assertThat(view.dueAt).isEqualTo(at(120));
        view.clocks(first, null);
        assertThat(view.dueAt).isEqualTo(at(60));
        view.clocks(answered, 4L);
        assertThat(view.dueAt).as("still older than version 5").isEqualTo(at(60));
    }

    @Test
    void a_decision_arriving_before_the_request_received_is_not_undone_by_it() {
        apply(Events.infoMissing(ID, 1, at(5)));
        apply(received(1, T0));

        assertThat(view.status()).isEqualTo(RequestStatus.AWAITING_INFO);
        assertThat(view.deficiencies()).hasSize(1);
        assertThat(view.ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(samples).containsExactly(new RequestRecord.StageSample(IntakeMetrics.SUBMITTED_TO_REVIEWED, Duration.ofMinutes(5)));
    }

    @Test
    void a_decision_for_the_new_revision_arriving_before_the_amendment_is_kept() {
        apply(received(1, T0));
        apply(Events.infoMissing(ID, 1, at(1)));
        apply(Events.planApproved(ID, 2, at(10)));
        apply(amended(2, at(9)));

        assertThat(view.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(view.statusRevision()).isEqualTo(2);
        assertThat(view.deficiencies()).isEmpty();
        assertThat(view.findings()).hasSize(1);
    }

    @Test
    void a_decision_about_an_older_revision_changes_neither_status_nor_data() {
        apply(received(1, T0));
        apply(amended(2, at(5)));
        apply(Events.planApproved(ID, 2, at(6)));
        apply(Events.infoMissing(ID, 1, at(7)));

        assertThat(view.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(view.deficiencies()).isEmpty();
        assertThat(view.timeline()).hasSize(4);
    }

    @Test
    void scheduling_statuses_only_move_forward_within_a_revision() {
        apply(received(1, T0));
        apply(Events.planApproved(ID, 1, at(1)));
        apply(Events.onHold(ID, "bob", at(4)));
        apply(Events.linkIssued(ID, "link-1", at(2)));
        apply(Events.callBooked(ID, "link-1", at(3)));

        assertThat(view.status()).isEqualTo(RequestStatus.ON_HOLD);
        assertThat(view.bookingLink().status()).isEqualTo(RequestRecord.LinkStatus.BOOKED);
        assertThat(view.reviewCall()).isNotNull();
    }

    @Test
    void rollback_advice_can_be_followed_by_completion_but_completion_is_final() {
        apply(received(1, T0));
        apply(Events.onHold(ID, "bob", at(1)));
        apply(Events.rollbackAdvised(ID, at(2)));
        apply(Events.completed(ID, at(3)));
        apply(Events.rollbackAdvised(ID, at(4)));

        assertThat(view.status()).isEqualTo(RequestStatus.COMPLETED);
    }

    @Test
    void a_scheduling_event_from_before_the_amendment_does_not_change_the_new_revision() {
        apply(received(1, T0));
        apply(Events.planApproved(ID, 1, at(1)));
        apply(amended(2, at(10)));
        apply(Events.onHold(ID, "bob", at(5)));

        assertThat(view.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(view.statusRevision()).isEqualTo(2);
        assertThat(view.assignee()).isEqualTo("bob");
    }

    @Test
    void an_engineer_may_decline_after_the_call_and_the_customer_may_then_amend() {
        apply(received(1, T0));
        apply(Events.planApproved(ID, 1, at(1)));
        apply(Events.linkIssued(ID, "link-1", at(2)));
        apply(Events.callBooked(ID, "link-1", at(3)));
        apply(Events.declined(ID, 1, DeclineReason.POSTPONE_RECOMMENDED, at(4)));
        assertThat(view.status()).isEqualTo(RequestStatus.DECLINED);
        assertThat(view.declineReason()).isEqualTo(DeclineReason.POSTPONE_RECOMMENDED);

        apply(amended(2, at(5)));
        assertThat(view.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(view.declineReason()).isNull();
    }

    @Test
    void a_late_decline_from_before_the_approval_does_not_win() {
        apply(received(1, T0));
        apply(Events.planApproved(ID, 1, at(5)));
        apply(Events.declined(ID, 1, DeclineReason.NOT_ENTITLED, at(4)));

        assertThat(view.status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void each_stage_is_sampled_once_even_when_on_hold_precedes_the_approval() {
        apply(received(1, T0));
        apply(Events.onHold(ID, "bob", at(30)));
        apply(Events.infoMissing(ID, 1, at(2)));
        apply(Events.planApproved(ID, 1, at(10)));
        apply(Events.planApproved(ID, 1, at(11)));
        apply(Events.onHold(ID, "bob", at(40)));

        assertThat(samples).containsExactly(
                new RequestRecord.StageSample(IntakeMetrics.SUBMITTED_TO_REVIEWED, Duration.ofMinutes(2)),
                new RequestRecord.StageSample(IntakeMetrics.APPROVED_TO_ON_HOLD, Duration.ofMinutes(20)));
    }

    @Test
    void the_timeline_is_ordered_by_time_and_keeps_each_event_once() {
        DomainEvent late = Events.infoMissing(ID, 1, at(2));
        apply(Events.onHold(ID, "bob", at(3)));
        apply(late);
        apply(received(1, T0));
        apply(late);

        assertThat(view.timeline()).extracting(RequestRecord.TimelineEntry::type)
                .containsExactly("RequestReceived", "InfoMissing", "TicketOnHold");
    }

    @Test
    void an_expired_link_that_was_booked_stays_booked_but_a_revoked_one_is_revoked() {
        apply(Events.linkIssued(ID, "link-1", at(1)));
        apply(Events.callBooked(ID, "link-1", at(2)));
        apply(Events.linkExpired(ID, "link-1", BookingLinkExpired.Reason.EXPIRED, at(3)));
        assertThat(view.bookingLink().status()).isEqualTo(RequestRecord.LinkStatus.BOOKED);

        apply(Events.linkExpired(ID, "link-1", BookingLinkExpired.Reason.REVOKED, at(4)));
        assertThat(view.bookingLink().status()).isEqualTo(RequestRecord.LinkStatus.REVOKED);
    }

    @Test
    void the_latest_assignment_wins_whatever_the_arrival_order() {
        apply(Events.handedOff(ID, "alice", "bob", at(5)));
        apply(new EngineerAssigned(Events.id(), at(1), ID, "UA-7F3K2Q", "alice", List.of("tam@gitlab.example"), "alice"));

        assertThat(view.assignee()).isEqualTo("bob");
        assertThat(view.ccs()).contains("tam@gitlab.example");
    }

    @Test
    void a_revision_waiting_for_an_engineer_is_in_review_with_the_checks_as_pre_check_then_approved_by_the_engineer() {
        apply(received(1, T0));
        apply(Events.awaitingApproval(ID, 1, at(1)));

        assertThat(view.status()).isEqualTo(RequestStatus.IN_REVIEW);
        assertThat(view.findings()).hasSize(1);
        assertThat(view.requiredStops()).isEqualTo(Events.STOPS);
        assertThat(view.reviewDecision().decision()).isEqualTo(RequestRecord.Decision.AWAITING_APPROVAL);

        apply(Events.approvedBy(ID, 1, "alice", "Looks good, wait for the migrations.", at(5)));

        assertThat(view.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(view.reviewDecision().by()).isEqualTo("alice");
        assertThat(view.reviewDecision().feedback()).isEqualTo("Looks good, wait for the migrations.");
        assertThat(view.timeline().get(2).actor()).isEqualTo("alice");
        assertThat(view.timeline().get(1).actor()).isEqualTo("system");
    }

    @Test
    void changes_requested_after_the_upgrade_was_put_on_hold_wait_for_the_customer_and_a_stale_on_hold_does_not_undo_it() {
        apply(received(1, T0));
        apply(Events.planApproved(ID, 1, at(1)));
        apply(Events.onHold(ID, "bob", at(3)));

        apply(Events.changesRequested(ID, 1, "alice", "Restore the secrets too.", at(5)));
        apply(Events.onHold(ID, "bob", at(4))); // decided before the request for changes, delivered after it

        assertThat(view.status()).isEqualTo(RequestStatus.AWAITING_INFO);
        assertThat(view.deficiencies()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("ENGINEER_REQUESTED");
            assertThat(d.field()).isEqualTo("rollbackPlan");
            assertThat(d.hint()).contains("gitlab-secrets.json");
        });
        assertThat(view.reviewDecision().decision()).isEqualTo(RequestRecord.Decision.CHANGES_REQUESTED);
        assertThat(view.reviewDecision().by()).isEqualTo("alice");
        assertThat(view.reviewDecision().feedback()).isEqualTo("Restore the secrets too.");

        apply(amended(2, at(10)));
        assertThat(view.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(view.reviewDecision()).isNull();
    }

    @Test
    void comments_are_kept_once_in_order_and_the_customer_never_sees_an_internal_one_nor_its_timeline_entry() {
        apply(received(1, T0));
        CommentAdded internal = Events.comment(ID, "c-2", "alice", CommentAdded.Visibility.INTERNAL, "secret", at(2));
        apply(internal);
        apply(Events.comment(ID, "c-1", "customer", CommentAdded.Visibility.PUBLIC, "hello", at(1)));
        apply(Events.comment(ID, "c-3", "bob", CommentAdded.Visibility.PUBLIC, "hi Dana", at(3)));
        apply(internal);

        assertThat(view.comments()).extracting(RequestRecord.Comment::id).containsExactly("c-1", "c-2", "c-3");
        RequestDetailsView support = RequestDetailsView.of(view, RequestDetailsView.Audience.SUPPORT, null);
        RequestDetailsView customer = RequestDetailsView.of(view, RequestDetailsView.Audience.CUSTOMER, null);
        assertThat(support.comments()).extracting(RequestDetailsView.CommentView::id).containsExactly("c-1", "c-2", "c-3");
        assertThat(support.timeline()).extracting(RequestDetailsView.TimelineView::actor)
                .containsExactly("customer", "customer", "alice", "bob");
        assertThat(customer.comments()).extracting(RequestDetailsView.CommentView::id).containsExactly("c-1", "c-3");
        assertThat(customer.timeline()).extracting(RequestDetailsView.TimelineView::actor)
                .containsExactly("customer", "customer", "bob");
        assertThat(customer.toString()).doesNotContain("secret");
    }

    @Test
    void the_review_call_follows_a_reschedule_and_a_stale_one_does_not_move_it_back() {
        apply(received(1, T0));
        apply(Events.planApproved(ID, 1, at(1)));
        apply(Events.linkIssued(ID, "link-1", at(2)));
        Instant first = at(60 * 48);
        Instant second = at(60 * 72);
        Instant third = at(60 * 96);
        apply(Events.callBooked(ID, "link-1", "call-1", first, at(3)));
        apply(Events.onHold(ID, "bob", at(3)));
        apply(Events.callRescheduled(ID, "call-1", 2, second, third, at(6)));
        apply(Events.callRescheduled(ID, "call-1", 1, first, second, at(5))); // delivered late

        assertThat(view.reviewCall().start()).isEqualTo(third);
        assertThat(view.reviewCall().end()).isEqualTo(third.plus(Duration.ofMinutes(30)));
        assertThat(view.status()).isEqualTo(RequestStatus.ON_HOLD);
        assertThat(view.bookingLink().status()).isEqualTo(RequestRecord.LinkStatus.BOOKED);
        assertThat(view.timeline()).filteredOn(entry -> entry.type().equals("ReviewCallRescheduled"))
                .extracting(RequestRecord.TimelineEntry::actor).containsExactly("customer", "customer");
    }

    @Test
    void a_customers_cancel_clears_the_call_and_the_on_hold_that_follows_shows_on_hold() {
        apply(received(1, T0));
        apply(Events.planApproved(ID, 1, at(1)));
        apply(Events.linkIssued(ID, "link-1", at(2)));
        Instant start = at(60 * 48);
        apply(Events.callBooked(ID, "link-1", "call-1", start, at(3)));
        assertThat(view.status()).isEqualTo(RequestStatus.CALL_BOOKED);

        apply(Events.callCancelled(ID, "call-1", 1, start, ReviewCallCancelled.Reason.CUSTOMER_CANCELLED, "customer",
                at(4)));
        assertThat(view.reviewCall()).isNull();
        apply(Events.onHold(ID, "bob", at(4)));
        assertThat(view.status()).isEqualTo(RequestStatus.ON_HOLD);
        // a reschedule from before the cancel, delivered after it, does not bring the call back
        apply(Events.callRescheduled(ID, "call-1", 1, start, at(60 * 72), at(3)));
        assertThat(view.reviewCall()).isNull();
        assertThat(view.timeline()).filteredOn(entry -> entry.type().equals("ReviewCallCancelled"))
                .extracting(RequestRecord.TimelineEntry::actor).containsExactly("customer");
    }

    @Test
    void a_call_cancelled_with_a_request_for_changes_or_a_decline_leaves_the_status_the_decision_set() {
        for (ReviewCallCancelled.Reason reason : List.of(ReviewCallCancelled.Reason.CHANGES_REQUESTED,
                ReviewCallCancelled.Reason.REQUEST_DECLINED)) {
            RequestRecord view = new RequestRecord(ID);
            Instant start = at(60 * 48);
            List<DomainEvent> events = new ArrayList<>(List.of(received(1, T0), Events.planApproved(ID, 1, at(1)),
                    Events.linkIssued(ID, "link-1", at(2)), Events.callBooked(ID, "link-1", "call-1", start, at(3)),
                    Events.onHold(ID, "bob", at(3))));
            events.add(reason == ReviewCallCancelled.Reason.CHANGES_REQUESTED
                    ? Events.changesRequested(ID, 1, "alice", "Restore the secrets too.", at(5))
                    : new dev.upgradeassist.contracts.RequestDeclined(Events.id(), at(5), ID, 1,
                    DeclineReason.POSTPONE_RECOMMENDED, "Not this month.", "alice", Events.contact(null)));
            events.add(Events.callCancelled(ID, "call-1", 1, start, reason, "alice", at(5).plusMillis(300)));
            events.forEach(view::apply);

            assertThat(view.status()).as(reason.name()).isEqualTo(
                    reason == ReviewCallCancelled.Reason.CHANGES_REQUESTED ? RequestStatus.AWAITING_INFO : RequestStatus.DECLINED);
            assertThat(view.reviewCall()).as(reason.name()).isNull();
            assertThat(view.timeline()).filteredOn(entry -> entry.type().equals("ReviewCallCancelled"))
                    .extracting(RequestRecord.TimelineEntry::actor).as(reason.name()).containsExactly("alice");
        }
        RequestRecord automatic = new RequestRecord(ID);
        automatic.apply(Events.callCancelled(ID, "call-1", 1, at(60), ReviewCallCancelled.Reason.REQUEST_DECLINED,
                "review-service", at(5)));
        assertThat(automatic.timeline()).extracting(RequestRecord.TimelineEntry::actor).containsExactly("system");
    }

    @Test
    void a_link_reissued_from_on_hold_shows_call_link_issued_and_the_booking_and_hold_that_follow_move_it_on() {
        apply(received(1, T0));
        apply(Events.planApproved(ID, 1, at(1)));
        apply(Events.linkIssued(ID, "link-1", at(2)));
        Instant start = at(60 * 48);
        apply(Events.callBooked(ID, "link-1", "call-1", start, at(3)));
        apply(Events.onHold(ID, "bob", at(3)));
        apply(Events.callCancelled(ID, "call-1", 1, start, ReviewCallCancelled.Reason.CUSTOMER_CANCELLED, "customer",
                at(4)));
        apply(Events.onHold(ID, "bob", at(4)));
        // an approval-time link after on hold does not move the status back (rank), a re-issued one does (time)
        apply(Events.linkReissued(ID, "link-2", "carol", at(6)));
        assertThat(view.status()).isEqualTo(RequestStatus.CALL_LINK_ISSUED);
        assertThat(view.bookingLink().linkId()).isEqualTo("link-2");
        assertThat(view.bookingLink().status()).isEqualTo(RequestRecord.LinkStatus.ISSUED);
        apply(Events.onHold(ID, "bob", at(5))); // from before the re-issue, delivered after it
        assertThat(view.status()).isEqualTo(RequestStatus.CALL_LINK_ISSUED);
        assertThat(view.timeline()).filteredOn(entry -> entry.type().equals("BookingLinkIssued"))
                .extracting(RequestRecord.TimelineEntry::actor).containsExactly("system", "carol");

        Instant later = at(60 * 72);
        apply(Events.callBooked(ID, "link-2", "call-2", later, at(7)));
        assertThat(view.status()).isEqualTo(RequestStatus.CALL_BOOKED);
        assertThat(view.reviewCall().start()).isEqualTo(later);
        apply(Events.onHold(ID, "bob", at(7)));
        assertThat(view.status()).isEqualTo(RequestStatus.ON_HOLD);
    }

    @Test
    void a_link_issued_on_approval_after_on_hold_does_not_move_the_status_back() {
        apply(received(1, T0));
        apply(Events.planApproved(ID, 1, at(1)));
        apply(Events.onHold(ID, "bob", at(3)));
        apply(Events.linkIssued(ID, "link-1", at(4)));
        assertThat(view.status()).isEqualTo(RequestStatus.ON_HOLD);
    }

    private void apply(DomainEvent event) {
        if (!view.hasApplied(event.eventId())) {
            view.apply(event);
            samples.addAll(view.takeStageSamples());
        }
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static RequestReceived received(int revision, Instant at) {
        return new RequestReceived(Events.id(), at, ID, "UA-7F3K2Q", revision, "HIGH", submission(), acme(),
                Events.contact("UA-7F3K2Q"));
    }

    private static RequestAmended amended(int revision, Instant at) {
        return new RequestAmended(Events.id(), at, ID, "UA-7F3K2Q", revision, "HIGH", submission(), acme(),
                Events.contact("UA-7F3K2Q"));
    }

    private static UpgradeSubmission submission() {
        return new UpgradeSubmission(Form.STANDARD, "acme", new Person("Dana Ops", "dana@acme.example"), null, Region.AMER,
                "15.11.13", "17.3.7", null, null, null, null, null, null, null, null, null, null);
    }

    private static Organization acme() {
        return new Organization("acme", "Acme", true, new Person("Terry Mills", "tam@gitlab.example"));
    }
}
