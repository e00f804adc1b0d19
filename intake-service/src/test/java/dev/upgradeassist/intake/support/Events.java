package dev.upgradeassist.intake.support;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.testing.PlanApprovedBuilder;
import dev.upgradeassist.contracts.testing.ReviewCallBookedBuilder;
import dev.upgradeassist.contracts.testing.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events as review-service and scheduling-service would publish them, built with the contracts' {@link TestEvents}
 * builders; every field these tests rely on is set here, the rest keeps the golden value.
 */
public final class Events {

    public static final List<String> STOPS = List.of("16.3.9", "16.7.10", "16.11.10", "17.1.8");

    private static final List<Finding> MIGRATIONS =
            List.of(new Finding("BACKGROUND_MIGRATIONS_LONG", Finding.Severity.WARNING, "Wait for migrations."));

    private Events() {
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    public static CustomerContact contact(String ticketId) {
        return new CustomerContact(ticketId, "Dana Ops", "dana@acme.example", "gitlab-admins@acme.example",
                "tam@gitlab.example", "America/New_York");
    }

    public static InfoMissing infoMissing(String requestId, int revision, Instant at) {
        return TestEvents.infoMissing().occurredAt(at).requestId(requestId).revision(revision)
                .deficiencies(List.of(new Deficiency("ROLLBACK_PLAN_NOT_TESTED", "rollbackPlan.tested",
                        "The rollback plan has not been tested.", "Rehearse the restore on staging.")))
                .findings(List.of(new Finding("GEO_SECONDARY_ORDER", Finding.Severity.ADVISORY,
                        "Upgrade the secondary after the primary.")))
                .requiredStops(STOPS).contact(contact(null)).build();
    }

    /** An automatic approval (approved by review-service, mode AUTOMATIC). */
    public static PlanApproved planApproved(String requestId, int revision, Instant at) {
        return approval(requestId, revision, at).approvedBy("review-service")
                .approvalMode(PlanApproved.ApprovalMode.AUTOMATIC).feedback(null).build();
    }

    /** Approval mode ENGINEER: the revision is complete and waits for an engineer (IN_REVIEW). */
    public static PlanAwaitingApproval awaitingApproval(String requestId, int revision, Instant at) {
        return TestEvents.planAwaitingApproval().occurredAt(at).requestId(requestId).revision(revision).ticketId(null)
                .form(Form.STANDARD).region(Region.AMER).findings(MIGRATIONS).requiredStops(STOPS)
                .wantsReviewCall(true).callOffered(true).upgradeStart(at.plus(Duration.ofDays(10)))
                .windowDurationMinutes(240).rollbackEstimateMinutes(90).contact(contact(null)).build();
    }

    /** An engineer's approval with feedback (approval mode ENGINEER). */
    public static PlanApproved approvedBy(String requestId, int revision, String engineer, String feedback, Instant at) {
        return approval(requestId, revision, at).approvedBy(engineer).approvalMode(PlanApproved.ApprovalMode.ENGINEER)
                .feedback(feedback).build();
    }

    private static PlanApprovedBuilder approval(String requestId, int revision, Instant at) {
        return TestEvents.planApproved().occurredAt(at).requestId(requestId).revision(revision).ticketId(null)
                .form(Form.STANDARD).region(Region.AMER).findings(MIGRATIONS).requiredStops(STOPS)
                .wantsReviewCall(true).callOffered(true).upgradeStart(at.plus(Duration.ofDays(10)))
                .windowDurationMinutes(240).rollbackEstimateMinutes(90).contact(contact(null));
    }

    /** An engineer asks for changes: one item of their own, with a hint. */
    public static ChangesRequested changesRequested(String requestId, int revision, String engineer, String feedback,
                                                    Instant at) {
        return TestEvents.changesRequested().occurredAt(at).requestId(requestId).revision(revision)
                .requestedBy(engineer).feedback(feedback)
                .deficiencies(List.of(new Deficiency(Deficiency.ENGINEER_REQUESTED, "rollbackPlan",
                        "The rollback plan does not restore the secrets.",
                        "Add restoring /etc/gitlab/gitlab-secrets.json to the restore steps.")))
                .findings(List.of()).requiredStops(STOPS).contact(contact(null)).build();
    }

    public static CommentAdded comment(String requestId, String commentId, String author,
                                       CommentAdded.Visibility visibility, String body, Instant at) {
        CommentAdded.AuthorRole role = "customer".equals(author)
                ? CommentAdded.AuthorRole.CUSTOMER : CommentAdded.AuthorRole.ENGINEER;
        return TestEvents.commentAdded().occurredAt(at).requestId(requestId).commentId(commentId).author(author)
                .authorRole(role).visibility(visibility).body(body).ticketId("UA-7F3K2Q").form(Form.STANDARD)
                .region(Region.AMER).assignee(null).contact(contact("UA-7F3K2Q")).build();
    }

    public static RequestDeclined declined(String requestId, int revision, DeclineReason reason, Instant at) {
        return TestEvents.requestDeclined().occurredAt(at).requestId(requestId).revision(revision).reason(reason)
                .explanation("Declined: " + reason).declinedBy("review-service").contact(contact(null)).build();
    }

    public static BookingLinkIssued linkIssued(String requestId, String linkId, Instant at) {
        return link(requestId, linkId, "http://localhost:8083/book/secret", at.plus(Duration.ofDays(7)), null, at);
    }

    /** An engineer issued a link again ({@code reissuedBy}). */
    public static BookingLinkIssued linkReissued(String requestId, String linkId, String engineer, Instant at) {
        return link(requestId, linkId, "http://localhost:8083/book/secret-again", at.plus(Duration.ofDays(5)), engineer,
                at);
    }

    private static BookingLinkIssued link(String requestId, String linkId, String url, Instant expiresAt,
                                          String reissuedBy, Instant at) {
        return TestEvents.bookingLinkIssued().occurredAt(at).requestId(requestId).linkId(linkId).approvalEventId(id())
                .url(url).expiresAt(expiresAt).engineer("alice").callMinutes(30).contact(contact(null))
                .reissuedBy(reissuedBy).build();
    }

    /** A booking from before calls had an identity (no call id, sequence 0). */
    public static ReviewCallBooked callBooked(String requestId, String linkId, Instant at) {
        Instant start = at.plus(Duration.ofDays(2));
        return booking(requestId, linkId, start, at).callId(null).manageUrl(null).meetingUrl(null).build();
    }

    /** A booking with the call's identity (sequence 0), starting at {@code start}. */
    public static ReviewCallBooked callBooked(String requestId, String linkId, String callId, Instant start, Instant at) {
        return booking(requestId, linkId, start, at).callId(callId)
                .manageUrl("http://localhost:8083/calls/manage-secret")
                .meetingUrl("https://meet.gitlab.example/alice").build();
    }

    private static ReviewCallBookedBuilder booking(String requestId, String linkId, Instant start, Instant at) {
        return TestEvents.reviewCallBooked().occurredAt(at).requestId(requestId).linkId(linkId).engineer("alice")
                .engineerEmail("alice@gitlab.example").start(start).end(start.plus(Duration.ofMinutes(30)))
                .contact(contact(null)).sequence(0);
    }

    /** The customer moved the call to {@code start} (through the manage link). */
    public static ReviewCallRescheduled callRescheduled(String requestId, String callId, int sequence,
                                                        Instant previousStart, Instant start, Instant at) {
        return TestEvents.reviewCallRescheduled().occurredAt(at).requestId(requestId).callId(callId).sequence(sequence)
                .engineer("alice").engineerEmail("alice@gitlab.example").previousStart(previousStart).start(start)
                .end(start.plus(Duration.ofMinutes(30))).manageUrl("http://localhost:8083/calls/manage-secret")
                .meetingUrl("https://meet.gitlab.example/alice").actor("customer").contact(contact(null)).build();
    }

    /** The call starting at {@code start} was cancelled. */
    public static ReviewCallCancelled callCancelled(String requestId, String callId, int sequence, Instant start,
                                                    ReviewCallCancelled.Reason reason, String actor, Instant at) {
        return TestEvents.reviewCallCancelled().occurredAt(at).requestId(requestId).callId(callId).sequence(sequence)
                .engineer("alice").engineerEmail("alice@gitlab.example").start(start)
                .end(start.plus(Duration.ofMinutes(30))).reason(reason).actor(actor).contact(contact(null)).build();
    }

    public static BookingLinkExpired linkExpired(String requestId, String linkId, BookingLinkExpired.Reason reason, Instant at) {
        return TestEvents.bookingLinkExpired().occurredAt(at).requestId(requestId).linkId(linkId).reason(reason).build();
    }

    public static EngineerHandedOff handedOff(String requestId, String from, String to, Instant at) {
        return TestEvents.engineerHandedOff().occurredAt(at).requestId(requestId).fromEngineer(from)
                .fromEngineerEmail(from + "@gitlab.example").toEngineer(to).toEngineerEmail(to + "@gitlab.example")
                .notes("synced").callStart(at.minus(Duration.ofHours(1))).contact(contact(null)).actor(from).build();
    }

    public static TicketOnHold onHold(String requestId, String assignee, Instant at) {
        return TestEvents.ticketOnHold().occurredAt(at).requestId(requestId).upgradeStart(at.plus(Duration.ofDays(3)))
                .windowDurationMinutes(240).assignee(assignee).contact(contact(null)).build();
    }

    public static RollbackAdvised rollbackAdvised(String requestId, Instant at) {
        return TestEvents.rollbackAdvised().occurredAt(at).requestId(requestId).minutesLeftInWindow(80)
                .rollbackEstimateMinutes(90).rollBackNow(true).advice("roll back now").assignee("bob")
                .assigneeEmail("bob@gitlab.example").contact(contact(null)).build();
    }

    public static RequestCompleted completed(String requestId, Instant at) {
        return TestEvents.requestCompleted().occurredAt(at).requestId(requestId).details("all good").assignee("bob")
                .assigneeEmail("bob@gitlab.example").contact(contact(null)).build();
    }
}
