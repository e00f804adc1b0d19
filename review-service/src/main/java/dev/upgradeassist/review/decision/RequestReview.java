package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.domain.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The review of one upgrade request: the latest revision decided and what was decided. Its
 * outbox carries the decision events, and the platform records the ids of the intake events it
 * applied, in the same document write.
 *
 * <p>Rules: a revision is decided at most once and never after a newer one (a stale or replayed
 * event changes nothing); nothing is decided after a final decline (not entitled, out of scope) or
 * after the customer reported a successful upgrade ({@link ReviewStatus#COMPLETED}; an upgrade with
 * problems leaves the request open: the customer may amend the plan, and an engineer may decline). In approval
 * mode {@code ENGINEER} a revision without deficiencies waits {@link ReviewStatus#IN_REVIEW}, with the
 * approval's terms kept here, until an engineer approves it. An engineer may ask for changes to a
 * complete revision ({@code IN_REVIEW} or {@code APPROVED}) and may decline a request that is not
 * declined or completed; repeating the same decline changes nothing.
 *
 * <p>Intake owns the request's lifecycle and may close it ({@code RequestClosed}: no response from the customer, or
 * an engineer closed it): the review records the closure and is {@link ReviewStatus#CLOSED}, which refuses every
 * engineer's decision. A closure does not end the review for good: a newer revision (intake accepted an amendment)
 * is reviewed as usual and replaces the closure. What was final before the closure (a final decline, a successful
 * outcome) stays final.
 */
@Document("request_reviews")
public class RequestReview extends RequestReviewState {

    static final String SERVICE = "review-service";

    public RequestReview(String id) {
        super(id);
    }

    /**
     * Whether a review of {@code revision} may still change this request: a newer revision, unless the request is
     * finally declined or completed. A closure does not stop it: intake reopens a request when it accepts an amendment.
     */
    public boolean accepts(int revision) {
        return !isFinallyDeclined() && !isCompleted() && revision > this.revision;
    }

    /** As the full {@code decide}, in approval mode {@code AUTOMATIC}. */
    void decide(ReviewDecision decision, String ticketId, Form form, Region region, CustomerContact contact,
                String eventId, Instant now) {
        decide(decision, ticketId, form, region, contact, eventId, now, ApprovalMode.AUTOMATIC);
    }

    /**
     * Records the policy's decision on a newer revision and raises its event: a decline, InfoMissing, or, for a
     * revision without deficiencies, PlanApproved (mode {@code AUTOMATIC}) or PlanAwaitingApproval ({@code ENGINEER}).
     *
     * @param eventId the id of the decision event (derived from the cause, stable across retries)
     * @param mode    the approval mode in force
     * @throws RuleViolation (illegal transition) when the revision is not newer, or the request is closed or completed
     */
    void decide(ReviewDecision decision, String ticketId, Form form, Region region, CustomerContact contact,
                String eventId, Instant now, ApprovalMode mode) {
        if (!accepts(decision.revision())) {
            throw RuleViolation.illegalTransition("Request " + id + " cannot take revision " + decision.revision()
                    + " (at " + revision + ", " + status + ")");
        }
        this.ticketId = ticketId;
        this.form = form;
        this.region = region;
        this.contact = contact;
        this.revision = decision.revision();
        this.decidedAt = now;
        this.decidedBy = SERVICE;
        this.declineReason = null;
        this.declineExplanation = null;
        this.deficiencies = new ArrayList<>();
        this.findings = new ArrayList<>();
        this.requiredStops = new ArrayList<>();
        this.outcome = null;
        this.outcomeReportedAt = null;
        this.closure = null;
        clearEngineerDecisions();

        DomainEvent event;
        if (decision instanceof ReviewDecision.Declined declined) {
            moveTo(ReviewStatus.DECLINED);
            declineReason = declined.reason();
            declineExplanation = declined.explanation();
            event = new RequestDeclined(eventId, now, id, revision, declined.reason(), declined.explanation(),
                    SERVICE, contact);
        } else if (decision instanceof ReviewDecision.InformationMissing missing) {
            moveTo(ReviewStatus.INFO_MISSING);
            deficiencies = new ArrayList<>(missing.deficiencies());
            findings = new ArrayList<>(missing.findings());
            requiredStops = new ArrayList<>(missing.requiredStops());
            event = new InfoMissing(eventId, now, id, revision, missing.deficiencies(), missing.findings(),
                    missing.requiredStops(), contact);
        } else {
            ReviewDecision.Approved approved = (ReviewDecision.Approved) decision;
            findings = new ArrayList<>(approved.findings());
            requiredStops = new ArrayList<>(approved.requiredStops());
            approvalTerms = new ApprovalTerms(approved.wantsReviewCall(), approved.callOffered(),
                    approved.upgradeStart(), approved.windowDurationMinutes(), approved.rollbackEstimateMinutes());
            if (mode == ApprovalMode.ENGINEER) {
                moveTo(ReviewStatus.IN_REVIEW);
                event = new PlanAwaitingApproval(eventId, now, id, revision, ticketId, form, region,
                        approved.findings(), approved.requiredStops(), approved.wantsReviewCall(),
                        approved.callOffered(), approved.upgradeStart(), approved.windowDurationMinutes(),
                        approved.rollbackEstimateMinutes(), contact);
            } else {
                event = approve(eventId, now, SERVICE, ApprovalMode.AUTOMATIC, null, approvalTerms);
            }
        }
        raise(event);
    }

    /**
     * Keeps what the current revision was decided on: the submission (for the re-check and the runbook) and the
     * upgrade-path data version it was checked against. Called with every decision of a new revision.
     */
    void keepBasis(UpgradeSubmission submission, String dataVersion) {
        this.submission = submission;
        this.pathDataVersion = dataVersion;
    }

    /**
     * Whether the re-check with upgrade-path data {@code dataVersion} is due: the revision is approved (review does
     * not know scheduling's stages: approved covers linked, booked and on hold), no outcome was reported, its window
     * starts after {@code now}, and it was not checked against this data version yet.
     */
    boolean recheckDue(String dataVersion, Instant now) {
        return status == ReviewStatus.APPROVED && outcome == null && approvalTerms != null
                && approvalTerms.upgradeStart() != null && approvalTerms.upgradeStart().isAfter(now)
                && !dataVersion.equals(pathDataVersion);
    }

    /** A re-check with {@code dataVersion} could not run (no submission kept): recorded so it is counted once. */
    void recheckSkipped(String dataVersion) {
        pathDataVersion = dataVersion;
    }

    /**
     * Records a re-check of the approved revision with new upgrade-path data. When the plan no longer fits (it misses
     * a stop, or a hop is a known-bad patch), the approval is withdrawn exactly as by an engineer's request for
     * changes: status {@link ReviewStatus#CHANGES_REQUESTED}, by {@code review-service}, with the new check's
     * deficiencies, findings and required stops, and one {@code ChangesRequested}. Otherwise only the data version
     * is recorded (the customer was told nothing new).
     *
     * @return whether the approval was withdrawn
     * @throws RuleViolation (illegal transition) when the re-check is not due (see {@link #recheckDue})
     */
    boolean recheckedWith(PlanReview.Recheck result, String feedback,
                          String eventId, Instant now) {
        if (!recheckDue(result.dataVersion(), now)) {
            throw RuleViolation.illegalTransition("Request " + id + ": no re-check due with data " + result.dataVersion());
        }
        pathDataVersion = result.dataVersion();
        if (!result.planNoLongerFits()) {
            return false;
        }
        clearEngineerDecisions();
        moveTo(ReviewStatus.CHANGES_REQUESTED);
        deficiencies = new ArrayList<>(result.deficiencies());
        findings = new ArrayList<>(result.findings());
        requiredStops = new ArrayList<>(result.requiredStops());
        changesRequestedBy = SERVICE;
        changesFeedback = feedback;
        decidedAt = now;
        decidedBy = SERVICE;
        raise(new ChangesRequested(eventId, now, id, revision, SERVICE, feedback, List.copyOf(deficiencies),
                List.copyOf(findings), List.copyOf(requiredStops), contact, assignee, region));
        return true;
    }

    /**
     * An engineer approves the current revision, which waits {@code IN_REVIEW} (approval mode {@code ENGINEER}).
     *
     * @param expectedRevision the revision the engineer reviewed, or null for the current one
     * @param callStillOffered whether the call offered at review (first argument) can still be offered for an
     *                         upgrade at the given start
     * @throws RuleViolation (illegal transition) when the revision is not the current one or the current one is not in review
     */
    void approveByEngineer(Integer expectedRevision, String engineer, String feedback,
                           BiPredicate<Boolean, Instant> callStillOffered, String eventId, Instant now) {
        refuseWhenClosed();
        refuseWhenCompleted();
        refuseStale(expectedRevision);
        if (!status.awaitsApproval()) {
            throw RuleViolation.illegalTransition("Request " + id + " revision " + revision + " is " + status
                    + ", not IN_REVIEW: only a revision in review can be approved");
        }
        ApprovalTerms reviewed = approvalTerms;
        ApprovalTerms terms = new ApprovalTerms(reviewed.wantsReviewCall(),
                callStillOffered.test(reviewed.callOffered(), reviewed.upgradeStart()), reviewed.upgradeStart(),
                reviewed.windowDurationMinutes(), reviewed.rollbackEstimateMinutes());
        decidedAt = now;
        decidedBy = engineer;
        raise(approve(eventId, now, engineer, ApprovalMode.ENGINEER, feedback, terms));
    }

    private PlanApproved approve(String eventId, Instant now, String by, ApprovalMode mode, String feedback,
                                 ApprovalTerms terms) {
        moveTo(ReviewStatus.APPROVED);
        approvedBy = by;
        approvalMode = mode;
        approvalFeedback = feedback;
        approvalTerms = terms;
        return new PlanApproved(eventId, now, id, revision, ticketId, form, region, List.copyOf(findings),
                List.copyOf(requiredStops), terms.wantsReviewCall(), terms.callOffered(), terms.upgradeStart(),
                terms.windowDurationMinutes(), terms.rollbackEstimateMinutes(), contact, by, mode, feedback);
    }

    /**
     * An engineer asks the customer for changes to the current, complete revision (in review or approved, in
     * either mode): the request waits on the customer's amendment.
     *
     * @param items the engineer's items, as {@code ENGINEER_REQUESTED} deficiencies; they come first, followed by
     *              the deficiencies the checks found in this revision
     * @throws RuleViolation (illegal transition) when the revision is not the current one, or the request is not complete,
     *                               already waits on the customer, is declined or completed
     */
    void requestChanges(Integer expectedRevision, String engineer, String feedback, List<Deficiency> items,
                        String eventId, Instant now) {
        refuseWhenClosed();
        refuseWhenCompleted();
        refuseStale(expectedRevision);
        if (outcome != null) {
            throw RuleViolation.illegalTransition("Request " + id + ": the customer reported the outcome of revision "
                    + revision + "'s upgrade (" + outcome + "); changes are asked for before the upgrade");
        }
        if (!status.acceptsChangeRequests()) {
            throw RuleViolation.illegalTransition("Request " + id + " revision " + revision + " is " + status + ": "
                    + switch (status) {
                        case INFO_MISSING, CHANGES_REQUESTED -> "it already waits on the customer's amendment";
                        case DECLINED -> "it is declined";
                        case PENDING -> "no revision has been reviewed yet";
                        default -> "changes can be asked for only while it is IN_REVIEW or APPROVED";
                    });
        }
        List<Deficiency> all = new ArrayList<>(items);
        all.addAll(deficiencies);
        clearEngineerDecisions();
        moveTo(ReviewStatus.CHANGES_REQUESTED);
        deficiencies = all;
        requestedChanges = new ArrayList<>(items);
        changesRequestedBy = engineer;
        changesFeedback = feedback;
        decidedAt = now;
        decidedBy = engineer;
        raise(new ChangesRequested(eventId, now, id, revision, engineer, feedback, List.copyOf(all),
                List.copyOf(findings), List.copyOf(requiredStops), contact, assignee, region));
    }

    /**
     * An engineer declines the current revision or recommends postponing it (D2/D3), in any status but declined,
     * completed or closed. Declining again with the same reason and explanation changes nothing (and is not refused).
     *
     * @return false when nothing changed (a repeated decline)
     * @throws RuleViolation (illegal transition) when the request is declined (otherwise), completed or closed, or the reason is
     *                               a final one
     */
    boolean declineByEngineer(DeclineReason reason, String explanation, String engineer, String eventId,
                              Instant now) {
        if (reason.closesRequest()) {
            throw RuleViolation.illegalTransition(reason + " is decided by review, not by hand");
        }
        refuseWhenClosed();
        if (isFinallyDeclined()) {
            throw RuleViolation.illegalTransition("Request " + id + " is already declined (" + declineReason + ")");
        }
        refuseWhenCompleted();
        if (status == ReviewStatus.DECLINED) {
            if (reason == declineReason && explanation.equals(declineExplanation)) {
                return false;
            }
            throw RuleViolation.illegalTransition("Request " + id + " is already declined (" + declineReason + " by "
                    + decidedBy + ")");
        }
        clearEngineerDecisions();
        moveTo(ReviewStatus.DECLINED);
        declineReason = reason;
        declineExplanation = explanation;
        decidedAt = now;
        decidedBy = engineer;
        raise(new RequestDeclined(eventId, now, id, revision, reason, explanation, engineer, contact));
        return true;
    }

    /**
     * Intake assigned the ticket ({@code EngineerAssigned} at {@code assignedAt}, null when it does not say): the last
     * assignment is kept and named by every later {@code ChangesRequested}. An older one (out of order) changes nothing.
     */
    void assignedTo(String engineer, Instant assignedAt) {
        if (assignedAt == null || this.assignedAt == null || !assignedAt.isBefore(this.assignedAt)) {
            assignee = engineer;
            this.assignedAt = assignedAt == null ? this.assignedAt : assignedAt;
        }
    }

    /**
     * The customer reported the upgrade's outcome. {@code SUCCEEDED} completes the request
     * ({@link ReviewStatus#COMPLETED}): later revisions are ignored and engineers' decisions refused. {@code PROBLEMS}
     * (intake: rollback advised) is recorded and leaves the request open: no more requests for changes to this
     * revision, but a decline, and an amendment (a new plan, reviewed again), still are. Raises nothing (intake
     * published the fact).
     */
    void outcomeReported(OutcomeResult result, Instant reportedAt) {
        if (result == OutcomeResult.SUCCEEDED) {
            status = ReviewStatus.COMPLETED;
        }
        outcome = result;
        outcomeReportedAt = reportedAt;
    }

    /**
     * Intake closed the request ({@code RequestClosed}) at {@code revision}: the review is {@link ReviewStatus#CLOSED}
     * and refuses engineers' decisions until a newer revision is reviewed. Raises nothing (intake published the fact).
     * The decision on the closed revision (deficiencies, findings, approval, outcome) stays as it was, for the view.
     * A closure of an older revision than the current one is stale (the request was amended since) and changes
     * nothing, as does a second closure of a closed request (the first one stands).
     *
     * @return whether the closure was recorded
     */
    boolean closedByIntake(int revision, RequestClosed.Reason reason, String actor, Instant closedAt) {
        if (revision < this.revision || status == ReviewStatus.CLOSED) {
            return false;
        }
        status = ReviewStatus.CLOSED;
        closure = new Closure(reason, actor, closedAt, revision);
        return true;
    }
}
