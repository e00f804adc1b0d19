package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.model.Deficiency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * Business meters: {@code upgrade_assist.reviews{outcome}} (Prometheus
 * {@code upgrade_assist_reviews_total}), {@code upgrade_assist.deficiencies{code}} and the
 * {@code upgrade_assist.request.stage{stage=submitted_to_reviewed}} timer. Counted once per
 * decision actually recorded, never for a duplicate or a stale event.
 */
class ReviewMetrics {

    private final MeterRegistry registry;

    ReviewMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : List.of("info_missing", "approved", "declined")) {
            reviews(outcome);
        }
    }

    void decided(ReviewDecision decision) {
        reviews(decision.outcome()).increment();
        if (decision instanceof ReviewDecision.InformationMissing missing) {
            for (Deficiency deficiency : missing.deficiencies()) {
                Counter.builder("upgrade_assist.deficiencies").tag("code", deficiency.code())
                        .description("Deficiencies reported to customers, by rule code")
                        .register(registry).increment();
            }
        }
    }

    void declinedByEngineer() {
        reviews("declined").increment();
    }

    void firstReview(Duration sinceSubmission) {
        if (!sinceSubmission.isNegative()) {
            Timer.builder("upgrade_assist.request.stage").tag("stage", "submitted_to_reviewed")
                    .description("Time between stages of a request").register(registry).record(sinceSubmission);
        }
    }

    private Counter reviews(String outcome) {
        return Counter.builder("upgrade_assist.reviews").tag("outcome", outcome)
                .description("Review decisions, by outcome").register(registry);
    }
}
