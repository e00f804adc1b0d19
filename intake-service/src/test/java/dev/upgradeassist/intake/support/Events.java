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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events as review-service and scheduling-service would publish them. */
public final class Events {

    public static final List<String> STOPS = List.of("16.3.9", "16.7.10", "16.11.10", "17.1.8");

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
        return new InfoMissing(id(), at, requestId, revision,
                List.of(new Deficiency("ROLLBACK_PLAN_NOT_TESTED", "rollbackPlan.tested", "The rollback plan has not been tested.",
                        "Rehearse the restore on staging.")),
                List.of(new Finding("GEO_SECONDARY_ORDER", Finding.Severity.ADVISORY, "Upgrade the secondary after the primary.")),
                STOPS, contact(null));
    }

    public static PlanApproved planApproved(String requestId, int revision, Instant at) {
        return new PlanApproved(id(), at, requestId, revision, null, Form.STANDARD, Region.AMER,
                List.of(new Finding("BACKGROUND_MIGRATIONS_LONG", Finding.Severity.WARNING, "Wait for migrations.")),
                STOPS, true, true, at.plus(Duration.ofDays(10)), 240, 90, contact(null));
    }

    /** Approval mode ENGINEER: the revision is complete and waits for an engineer (IN_REVIEW). */
    public static PlanAwaitingApproval awaitingApproval(String requestId, int revision, Instant at) {
        return new PlanAwaitingApproval(id(), at, requestId, revision, null, Form.STANDARD, Region.AMER,
                List.of(new Finding("BACKGROUND_MIGRATIONS_LONG", Finding.Severity.WARNING, "Wait for migrations.")),
                STOPS, true, true, at.plus(Duration.ofDays(10)), 240, 90, contact(null));
    }

    /** An engineer's approval with feedback (approval mode ENGINEER). */
    public static PlanApproved approvedBy(String requestId, int revision, String engineer, String feedback, Instant at) {
        return new PlanApproved(id(), at, requestId, revision, null, Form.STANDARD, Region.AMER,
                List.of(new Finding("BACKGROUND_MIGRATIONS_LONG", Finding.Severity.WARNING, "Wait for migrations.")),
                STOPS, true, true, at.plus(Duration.ofDays(10)), 240, 90, contact(null), engineer,
                PlanApproved.ApprovalMode.ENGINEER, feedback);
    }

    /** An engineer asks for changes: one item of their own, with a hint. */
    public static ChangesRequested changesRequested(String requestId, int revision, String engineer, String feedback,
                                                    Instant at) {
        return new ChangesRequested(id(), at, requestId, revision, engineer, feedback,
                List.of(new Deficiency(Deficiency.ENGINEER_REQUESTED, "rollbackPlan",
                        "The rollback plan does not restore the secrets.",
                        "Add restoring /etc/gitlab/gitlab-secrets.json to the restore steps.")),
                List.of(), STOPS, contact(null));
    }

    public static CommentAdded comment(String requestId, String commentId, String author,
                                       CommentAdded.Visibility visibility, String body, Instant at) {
        CommentAdded.AuthorRole role = "customer".equals(author)
                ? CommentAdded.AuthorRole.CUSTOMER : CommentAdded.AuthorRole.ENGINEER;
        return new CommentAdded(id(), at, requestId, commentId, author, role, visibility, body, "UA-7F3K2Q",
                Form.STANDARD, Region.AMER, null, contact("UA-7F3K2Q"));
    }

    public static RequestDeclined declined(String requestId, int revision, DeclineReason reason, Instant at) {
        return new RequestDeclined(id(), at, requestId, revision, reason, "Declined: " + reason, "review-service",
                contact(null));
    }

    public static BookingLinkIssued linkIssued(String requestId, String linkId, Instant at) {
        return new BookingLinkIssued(id(), at, requestId, linkId, id(), "http://localhost:8083/book/secret", at.plus(Duration.ofDays(7)),
                "alice", 30, contact(null));
    }

    public static ReviewCallBooked callBooked(String requestId, String linkId, Instant at) {
        Instant start = at.plus(Duration.ofDays(2));
        return new ReviewCallBooked(id(), at, requestId, linkId, "alice", "alice@gitlab.example", start,
                start.plus(Duration.ofMinutes(30)), contact(null));
    }

    /** A booking with the call's identity (sequence 0), starting at {@code start}. */
    public static ReviewCallBooked callBooked(String requestId, String linkId, String callId, Instant start, Instant at) {
        return new ReviewCallBooked(id(), at, requestId, linkId, "alice", "alice@gitlab.example", start,
                start.plus(Duration.ofMinutes(30)), contact(null), callId, 0,
                "http://localhost:8083/calls/manage-secret", "https://meet.gitlab.example/alice");
    }

    /** The customer moved the call to {@code start} (through the manage link). */
    public static ReviewCallRescheduled callRescheduled(String requestId, String callId, int sequence,
                                                        Instant previousStart, Instant start, Instant at) {
        return new ReviewCallRescheduled(id(), at, requestId, callId, sequence, "alice", "alice@gitlab.example",
                previousStart, start, start.plus(Duration.ofMinutes(30)), "http://localhost:8083/calls/manage-secret",
                "https://meet.gitlab.example/alice", "customer", contact(null));
    }

    /** The call starting at {@code start} was cancelled. */
    public static ReviewCallCancelled callCancelled(String requestId, String callId, int sequence, Instant start,
                                                    ReviewCallCancelled.Reason reason, String actor, Instant at) {
        return new ReviewCallCancelled(id(), at, requestId, callId, sequence, "alice", "alice@gitlab.example", start,
                start.plus(Duration.ofMinutes(30)), reason, actor, contact(null));
    }

    /** An engineer issued a link again ({@code reissuedBy}). */
    public static BookingLinkIssued linkReissued(String requestId, String linkId, String engineer, Instant at) {
        return new BookingLinkIssued(id(), at, requestId, linkId, id(), "http://localhost:8083/book/secret-again",
                at.plus(Duration.ofDays(5)), "alice", 30, contact(null), engineer);
    }

    public static BookingLinkExpired linkExpired(String requestId, String linkId, BookingLinkExpired.Reason reason, Instant at) {
        return new BookingLinkExpired(id(), at, requestId, linkId, reason);
    }

    public static EngineerHandedOff handedOff(String requestId, String from, String to, Instant at) {
        return new EngineerHandedOff(id(), at, requestId, from, from + "@gitlab.example", to, to + "@gitlab.example",
                "synced", at.minus(Duration.ofHours(1)), contact(null), from);
    }

    public static TicketOnHold onHold(String requestId, String assignee, Instant at) {
        return new TicketOnHold(id(), at, requestId, at.plus(Duration.ofDays(3)), 240, assignee, contact(null));
    }

    public static RollbackAdvised rollbackAdvised(String requestId, Instant at) {
        return new RollbackAdvised(id(), at, requestId, 80, 90, true, "roll back now", "bob", "bob@gitlab.example",
                contact(null));
    }

    public static RequestCompleted completed(String requestId, Instant at) {
        return new RequestCompleted(id(), at, requestId, "all good", "bob", "bob@gitlab.example", contact(null));
    }
}
