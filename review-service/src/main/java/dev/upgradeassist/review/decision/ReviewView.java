package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import java.time.Instant;
import java.util.List;

/** Review's view of one request: its latest decision. */
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
        String decidedBy) {

    static ReviewView of(RequestReview review) {
        return new ReviewView(review.getId(), review.ticketId(), review.revision(), review.status(),
                review.declineReason(), review.deficiencies(), review.findings(), review.requiredStops(),
                review.decidedAt(), review.decidedBy());
    }
}
