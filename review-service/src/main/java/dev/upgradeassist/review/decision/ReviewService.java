package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.ids.RandomIds;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.ids.DerivedIds;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reviews each revision of a request (a submission or an amendment) under the approval mode in force, and lets an
 * engineer approve a revision in review, ask for changes or decline by hand; records a reported outcome. Decisions
 * and their events are written together in the request's aggregate.
 */
@Service
public class ReviewService {

    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

    private final AggregateStore store;
    private final PlanReview policy;
    private final Clock clock;
    private final ReviewMetrics metrics;
    private final ApprovalModeSetting approvalMode;

    ReviewService(AggregateStore store, PlanReview policy, Clock clock,
                  io.micrometer.core.instrument.MeterRegistry meters, ApprovalModeSetting approvalMode) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.metrics = new ReviewMetrics(meters);
        this.approvalMode = approvalMode;
    }

    public void review(RequestReceived event) {
        review(event, event.ticketId(), event.revision(), event.submission(), event.organization(), event.contact());
    }

    public void review(RequestAmended event) {
        review(event, event.ticketId(), event.revision(), event.submission(), event.organization(), event.contact());
    }

    private void review(DomainEvent cause, String ticketId, int revision, UpgradeSubmission submission,
                        Organization organization, CustomerContact contact) {
        if (cause.requestId() == null || cause.requestId().isBlank() || cause.eventId() == null
                || submission == null || revision < 1) {
            throw new PoisonEventException("Event " + cause.eventId() + " lacks a request id, a submission or a"
                    + " revision");
        }
        ApprovalMode mode = approvalMode.current();
        // a request's first revision nearly always creates its review: insert first, no read
        Target.Creation creation = cause instanceof RequestReceived ? Target.Creation.INSERT_FIRST
                : Target.Creation.READ_FIRST;
        Outcome<RequestReview, Decided> outcome = store.apply(
                Target.orCreate(RequestReview.class, cause.requestId(), () -> new RequestReview(cause.requestId()),
                        creation).causedBy(cause),
                review -> {
                    if (!review.accepts(revision)) {
                        log.info("Request {}: revision {} ignored (decided revision {}, {})", cause.requestId(),
                                revision, review.revision(), review.status());
                        return null;
                    }
                    Instant now = clock.instant();
                    // read before the review: if the data changes meanwhile, the re-check sees an older version
                    String dataVersion = policy.dataVersion();
                    ReviewDecision decision = policy.review(submission, organization, revision);
                    boolean first = review.status() == ReviewStatus.PENDING;
                    review.decide(decision, ticketId, submission.form(), submission.region(), contact,
                            DerivedIds.derive(cause.eventId(), "decision"), now, mode);
                    review.keepBasis(submission, dataVersion);
                    return new Decided(decision, first);
                });
        Decided decided = outcome.result();
        if (outcome.written() && decided != null) {
            ReviewDecision decision = decided.decision();
            metrics.decided(decision, mode);
            if (decided.first()) {
                metrics.firstReview(Duration.between(cause.occurredAt(), clock.instant()));
            }
            log.info("Request {} revision {}: {}", cause.requestId(), revision,
                    decision instanceof ReviewDecision.Approved && mode == ApprovalMode.ENGINEER
                            ? "in review, awaiting an engineer's approval" : decision.outcome());
        }
    }

    /** What the review of a revision decided, and whether it was the request's first decision. */
    private record Decided(ReviewDecision decision, boolean first) {
    }

    /**
     * An engineer declines the request's current revision, or recommends postponing it.
     *
     * @throws RuleViolation for an unknown request (404), or (409) when it is already finally declined
     */
    public RequestReview declineByEngineer(String requestId, DeclineReason reason, String explanation,
                                           String engineer) {
        // the same decline again changes nothing and writes nothing
        Outcome<RequestReview, Boolean> outcome = store.apply(Target.existing(RequestReview.class, requestId),
                review -> review.declineByEngineer(reason, explanation, engineer, RandomIds.uuid(), clock.instant()),
                Boolean::booleanValue);
        RequestReview review = outcome.aggregateOrThrow(() -> unknown(requestId));
        if (outcome.written()) {
            metrics.declinedByEngineer();
        }
        return review;
    }

    /**
     * An engineer approves the request's current revision, which waits in review (approval mode ENGINEER).
     *
     * @param expectedRevision the revision the engineer reviewed, or null for the current one
     * @throws RuleViolation for an unknown request (404); 409 when the revision is not the current one, or the current
     *                    one is not IN_REVIEW (approved already, waiting on the customer, declined, completed)
     */
    public RequestReview approve(String requestId, Integer expectedRevision, String feedback, String engineer) {
        RequestReview review = change(requestId, r -> r.approveByEngineer(expectedRevision, engineer, feedback,
                policy::callStillOffered, RandomIds.uuid(), clock.instant()));
        metrics.approvedByEngineer();
        log.info("Request {} revision {}: approved by {}", requestId, review.revision(), engineer);
        return review;
    }

    /**
     * An engineer asks the customer for changes to the request's current, complete revision (either mode).
     *
     * @param items the engineer's items, each a {@code ENGINEER_REQUESTED} deficiency
     * @throws RuleViolation for an unknown request (404); 409 when the revision is not the current one, or the request
     *                    is not IN_REVIEW or APPROVED
     */
    public RequestReview requestChanges(String requestId, Integer expectedRevision, String feedback,
                                        List<Deficiency> items, String engineer) {
        RequestReview review = change(requestId, r -> r.requestChanges(expectedRevision, engineer, feedback, items,
                RandomIds.uuid(), clock.instant()));
        metrics.changesRequested();
        log.info("Request {} revision {}: changes requested by {} ({} items)", requestId, review.revision(),
                engineer, items.size());
        return review;
    }

    /**
     * The customer reported the upgrade's outcome: a success completes the review, problems are recorded. Once per
     * event (its id is recorded with the change); an outcome for a request this service never reviewed changes
     * nothing.
     */
    public void recordOutcome(UpgradeOutcomeReported event) {
        if (event.requestId() == null || event.requestId().isBlank() || event.eventId() == null
                || event.result() == null) {
            throw new PoisonEventException("Event " + event.eventId() + " lacks a request id or a result");
        }
        Instant reportedAt = event.occurredAt() == null ? clock.instant() : event.occurredAt();
        boolean applied = store.apply(Target.existing(RequestReview.class, event.requestId()).causedBy(event),
                review -> {
                    review.outcomeReported(event.result(), reportedAt);
                    return true;
                }).written();
        if (applied) {
            log.info("Request {}: outcome {} reported", event.requestId(), event.result());
        }
    }

    /**
     * Intake closed the request: the review records the closure and refuses engineers' decisions until a newer
     * revision arrives. Once per event (its id is recorded with the change); a closure of a request this service never
     * reviewed creates nothing; a closure of an older revision than the current one (stale) changes nothing.
     */
    public void recordClosure(RequestClosed event) {
        if (event.requestId() == null || event.requestId().isBlank() || event.eventId() == null
                || event.reason() == null || event.revision() < 1) {
            throw new PoisonEventException("Event " + event.eventId() + " lacks a request id, a reason or a revision");
        }
        Instant closedAt = event.occurredAt() == null ? clock.instant() : event.occurredAt();
        Outcome<RequestReview, Boolean> outcome = store.apply(
                Target.existing(RequestReview.class, event.requestId()).causedBy(event),
                review -> review.closedByIntake(event.revision(), event.reason(), event.actor(), closedAt));
        if (outcome.written() && outcome.result()) {
            log.info("Request {} revision {}: closed ({}, by {})", event.requestId(), event.revision(),
                    event.reason(), event.actor());
        } else if (outcome.written()) {
            log.info("Request {}: closure of revision {} ignored (already closed, or a newer revision was reviewed)",
                    event.requestId(), event.revision());
        }
    }

    /**
     * Intake assigned the ticket to an engineer: the review keeps the last assignment, which every later
     * {@code ChangesRequested} names (with the region). Once per event (its id is recorded with the change); an
     * assignment for a request this service never reviewed creates nothing. No request id or engineer is poison.
     */
    public void recordAssignment(EngineerAssigned event) {
        if (event.requestId() == null || event.requestId().isBlank() || event.eventId() == null
                || event.engineer() == null || event.engineer().isBlank()) {
            throw new PoisonEventException("Event " + event.eventId() + " lacks a request id or an engineer");
        }
        String engineer = event.engineer().strip();
        boolean written = store.apply(Target.existing(RequestReview.class, event.requestId()).causedBy(event),
                review -> {
                    review.assignedTo(engineer, event.occurredAt());
                    return true;
                }).written();
        if (written) {
            log.info("Request {}: assigned to {}", event.requestId(), engineer);
        }
    }

    private RequestReview change(String requestId, Consumer<RequestReview> command) {
        return store.apply(Target.existing(RequestReview.class, requestId), review -> {
            command.accept(review);
            return true;
        }).aggregateOrThrow(() -> unknown(requestId));
    }

    private static RuleViolation unknown(String requestId) {
        return RuleViolation.notFound("No upgrade request " + requestId);
    }

    public Optional<RequestReview> find(String requestId) {
        return store.find(RequestReview.class, requestId);
    }
}
