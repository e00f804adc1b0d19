package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.ids.RandomIds;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reviews each revision of a request (a submission or an amendment) and lets an engineer decline
 * by hand. Decisions and their events are written together in the request's aggregate.
 */
@Service
public class ReviewService {

    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

    private final AggregateStore store;
    private final PlanReview policy;
    private final Clock clock;
    private final ReviewMetrics metrics;

    ReviewService(AggregateStore store, PlanReview policy, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.metrics = new ReviewMetrics(meters);
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
        AtomicReference<ReviewDecision> recorded = new AtomicReference<>();
        AtomicReference<Boolean> first = new AtomicReference<>(false);
        java.util.function.Consumer<RequestReview> change = review -> {
                    recorded.set(null);
                    if (!review.accepts(revision)) {
                        log.info("Request {}: revision {} ignored (decided revision {}, {})", cause.requestId(),
                                revision, review.revision(), review.status());
                        return;
                    }
                    Instant now = clock.instant();
                    ReviewDecision decision = policy.review(submission, organization, revision);
                    first.set(review.status() == ReviewStatus.PENDING);
                    review.decide(decision, ticketId, submission.form(), submission.region(), contact,
                            derivedId(cause.eventId(), "decision"), now);
                    recorded.set(decision);
                };
        // a request's first revision nearly always creates its review: insert first, no read
        boolean applied = cause instanceof RequestReceived
                ? store.applyToNew(RequestReview.class, cause.requestId(), () -> new RequestReview(cause.requestId()), cause, change)
                : store.apply(RequestReview.class, cause.requestId(), () -> new RequestReview(cause.requestId()), cause, change);
        ReviewDecision decision = recorded.get();
        if (applied && decision != null) {
            metrics.decided(decision);
            if (first.get()) {
                metrics.firstReview(Duration.between(cause.occurredAt(), clock.instant()));
            }
            log.info("Request {} revision {}: {}", cause.requestId(), revision, decision.outcome());
        }
    }

    /**
     * An engineer declines the request's current revision, or recommends postponing it.
     *
     * @throws ApiProblem 404 for an unknown request, 409 when it is already finally declined
     */
    public RequestReview declineByEngineer(String requestId, DeclineReason reason, String explanation,
                                           String engineer) {
        AtomicReference<Boolean> changed = new AtomicReference<>(false);
        Optional<RequestReview> saved;
        try {
            // the same decline again changes nothing and writes nothing
            saved = store.updateIfChanged(RequestReview.class, requestId, review -> {
                changed.set(review.declineByEngineer(reason, explanation, engineer, RandomIds.uuid(), clock.instant()));
                return changed.get();
            });
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        RequestReview review = saved.orElseThrow(() -> ApiProblem.notFound("No upgrade request " + requestId));
        if (changed.get()) {
            metrics.declinedByEngineer();
        }
        return review;
    }

    public Optional<RequestReview> find(String requestId) {
        return store.find(RequestReview.class, requestId);
    }

    /** A stable id for an event derived from another one, so that a retried write raises the same event. */
    static String derivedId(String causeEventId, String what) {
        return UUID.nameUUIDFromBytes((causeEventId + ":" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
