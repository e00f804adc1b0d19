package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a {@link RequestReview} as it is stored in its document ({@code request_reviews}), its read
 * accessors, and the guards of its transitions: the commands themselves are {@link RequestReview}'s. The fields'
 * names are the document's field names.
 */
public abstract class RequestReviewState extends AggregateRoot {

    String ticketId;
    Form form;
    Region region;
    int revision;
    ReviewStatus status = ReviewStatus.PENDING;
    DeclineReason declineReason;
    String declineExplanation;
    List<Deficiency> deficiencies = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<String> requiredStops = new ArrayList<>();
    CustomerContact contact;
    Instant decidedAt;
    String decidedBy;
    /** What the approval of the current revision carries; set while it is complete (IN_REVIEW, APPROVED). */
    ApprovalTerms approvalTerms;
    ApprovalMode approvalMode;
    String approvedBy;
    String approvalFeedback;
    String changesRequestedBy;
    String changesFeedback;
    /** The engineer's items of the request for changes ({@code ENGINEER_REQUESTED}), also first in deficiencies. */
    List<Deficiency> requestedChanges = new ArrayList<>();
    /** The outcome the customer reported for the current revision's upgrade, if any. */
    OutcomeResult outcome;
    Instant outcomeReportedAt;
    /** How intake closed the request: set by the closure, cleared when a newer revision is reviewed. */
    Closure closure;
    /**
     * The current revision's submission as decided, kept for the re-check after an upgrade-path data change and for
     * the runbook. Null for reviews decided before it was kept (those are skipped by the re-check).
     */
    UpgradeSubmission submission;
    /**
     * The upgrade-path data version the current revision was last checked against: the version in force when it was
     * decided, then each version a re-check ran with (or skipped it). A re-check runs once per request and version.
     */
    String pathDataVersion;
    /**
     * The engineer who owns the ticket as review last heard of it ({@code EngineerAssigned}), null while unassigned and
     * in documents from before it was kept; {@code assignedAt} is when that assignment happened (the event's time).
     */
    String assignee;
    Instant assignedAt;

    RequestReviewState(String id) {
        super(id);
    }

    /**
     * The parts of an approval that come from the review of a revision, kept while it waits for an engineer.
     * {@code callOffered} is as the review found it; the approval checks the lead time again.
     */
    public record ApprovalTerms(boolean wantsReviewCall, boolean callOffered, Instant upgradeStart,
                                int windowDurationMinutes, int rollbackEstimateMinutes) {
    }

    /**
     * Intake closed the request: why ({@code NO_RESPONSE}, {@code ENGINEER_CLOSED}), who ({@code system} or the
     * engineer), when, and at which revision.
     */
    public record Closure(RequestClosed.Reason reason, String closedBy, Instant closedAt, int revision) {

        /** Why the request takes no engineer's decision, for a 409's detail. */
        String explanation() {
            return reason == RequestClosed.Reason.NO_RESPONSE ? "closed: no response from the customer"
                    : "closed by " + (closedBy == null || closedBy.isBlank() ? "an engineer" : closedBy);
        }
    }

    // ---- transitions

    /**
     * Moves a command to {@code next}, which the current status must allow ({@link ReviewStatus#canBecome}); the
     * commands check their own, more telling, preconditions first.
     */
    void moveTo(ReviewStatus next) {
        if (!status.canBecome(next)) {
            throw RuleViolation.illegalTransition("Request " + id + " revision " + revision + " is " + status
                    + ": it cannot become " + next);
        }
        status = next;
    }

    /** Declined for good (not entitled, out of scope), also when intake closed it afterwards. */
    public boolean isFinallyDeclined() {
        return declineReason != null && declineReason.closesRequest();
    }

    /** The customer reported a successful upgrade, also when intake closed the request afterwards. */
    boolean isCompleted() {
        return status == ReviewStatus.COMPLETED || outcome == OutcomeResult.SUCCEEDED;
    }

    void refuseWhenClosed() {
        if (status == ReviewStatus.CLOSED) {
            throw RuleViolation.illegalTransition("Request " + id + " revision " + revision + " is "
                    + (closure == null ? "closed" : closure.explanation()));
        }
    }

    void refuseWhenCompleted() {
        if (status == ReviewStatus.COMPLETED) {
            throw RuleViolation.illegalTransition("Request " + id + " is completed: the customer reported the"
                    + " upgrade's outcome");
        }
    }

    void refuseStale(Integer expectedRevision) {
        if (expectedRevision != null && expectedRevision != revision) {
            throw RuleViolation.illegalTransition("Revision " + expectedRevision + " of request " + id
                    + " is not the current one (" + revision + ")");
        }
    }

    void clearEngineerDecisions() {
        approvalTerms = null;
        approvalMode = null;
        approvedBy = null;
        approvalFeedback = null;
        changesRequestedBy = null;
        changesFeedback = null;
        requestedChanges = new ArrayList<>();
    }

    // ---- read accessors

    public String ticketId() {
        return ticketId;
    }

    public int revision() {
        return revision;
    }

    public ReviewStatus status() {
        return status;
    }

    public DeclineReason declineReason() {
        return declineReason;
    }

    public List<Deficiency> deficiencies() {
        return List.copyOf(deficiencies);
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public List<String> requiredStops() {
        return List.copyOf(requiredStops);
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    /** The approval's mode, or null when there is no approval (approvals from before the modes read as automatic). */
    public ApprovalMode approvalMode() {
        return approvalMode;
    }

    public String approvedBy() {
        return approvedBy;
    }

    public String approvalFeedback() {
        return approvalFeedback;
    }

    public ApprovalTerms approvalTerms() {
        return approvalTerms;
    }

    public String changesRequestedBy() {
        return changesRequestedBy;
    }

    public String changesFeedback() {
        return changesFeedback;
    }

    public List<Deficiency> requestedChanges() {
        return requestedChanges == null ? List.of() : List.copyOf(requestedChanges);
    }

    public OutcomeResult outcome() {
        return outcome;
    }

    public Instant outcomeReportedAt() {
        return outcomeReportedAt;
    }

    /** How intake closed the request (status {@link ReviewStatus#CLOSED}); null when it is not closed. */
    public Closure closure() {
        return closure;
    }

    /** The current revision's submission; null for reviews decided before it was kept. */
    public UpgradeSubmission submission() {
        return submission;
    }

    /** The upgrade-path data version the current revision was last checked against; null before it was kept. */
    public String pathDataVersion() {
        return pathDataVersion;
    }

    public Form form() {
        return form;
    }

    /** The request's region as the current revision's submission gave it. */
    public Region region() {
        return region;
    }

    /** The ticket's assignee as review last heard of it ({@code EngineerAssigned}); null while unassigned. */
    public String assignee() {
        return assignee;
    }

    public CustomerContact contact() {
        return contact;
    }
}
