package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import java.time.Instant;
import java.util.List;

/**
 * Review's view of one request: its latest decision. {@code approval} is set while the current revision is
 * approved (by the checks or an engineer), {@code changesRequested} after an engineer asked for changes to it
 * (its items are also the first {@code deficiencies}), {@code outcome} once the customer reported the
 * current revision's (status {@code COMPLETED} when it succeeded), {@code closure} while intake has closed the
 * request (status {@code CLOSED}; the closed revision's decision stays shown beside it).
 * {@code upgradePathDataVersion}: the upgrade-path data the current revision was last checked against (when decided,
 * then by each re-check after a data change); null for reviews decided before it was kept.
 * {@code submission}: the current revision's submission as review-service checked it (versions, architecture, the
 * plan with its hops, the rollback plan, the window), for the engineers' console; null for reviews stored before
 * review-service kept it. Only ENGINEER and OPERATOR callers read this view.
 */
record ReviewView(
        String requestId,
        String ticketId,
        int revision,
        ReviewStatus status,
        DeclineReason declineReason,
        List<Deficiency> deficiencies,
        List<Finding> findings,
        List<String> requiredStops,
        Instant decidedAt,
        String decidedBy,
        Approval approval,
        ChangeRequest changesRequested,
        Outcome outcome,
        Closure closure,
        String upgradePathDataVersion,
        UpgradeSubmission submission) {

    record Approval(String approvedBy, ApprovalMode approvalMode, String feedback) {
    }

    record ChangeRequest(String requestedBy, String feedback, List<Deficiency> items) {
    }

    record Outcome(OutcomeResult result, Instant reportedAt) {
    }

    /** {@code closedBy} is {@code system} for the auto-close ({@code NO_RESPONSE}), else the engineer. */
    record Closure(RequestClosed.Reason reason, String closedBy, Instant closedAt, int revision) {
    }

    static ReviewView of(RequestReview review) {
        Approval approval = null;
        if (review.approvedBy() != null) {
            approval = new Approval(review.approvedBy(), review.approvalMode(), review.approvalFeedback());
        } else if (review.status() == ReviewStatus.APPROVED) {
            // approved before the approval modes existed: by the checks
            approval = new Approval(RequestReview.SERVICE, ApprovalMode.AUTOMATIC, null);
        }
        ChangeRequest changes = review.changesRequestedBy() == null ? null
                : new ChangeRequest(review.changesRequestedBy(), review.changesFeedback(), review.requestedChanges());
        Outcome outcome = review.outcome() == null ? null : new Outcome(review.outcome(), review.outcomeReportedAt());
        Closure closure = review.status() != ReviewStatus.CLOSED || review.closure() == null ? null
                : new Closure(review.closure().reason(), review.closure().closedBy(), review.closure().closedAt(),
                        review.closure().revision());
        return new ReviewView(review.id(), review.ticketId(), review.revision(), review.status(),
                review.declineReason(), review.deficiencies(), review.findings(), review.requiredStops(),
                review.decidedAt(), review.decidedBy(), approval, changes, outcome, closure,
                review.pathDataVersion(), review.submission());
    }
}
