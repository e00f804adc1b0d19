package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import dev.upgradeassist.contracts.model.Deficiency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Business meters: {@code upgrade_assist.reviews{outcome}} (Prometheus {@code upgrade_assist_reviews_total};
 * {@code approved} counts approvals in either mode, {@code in_review} a complete revision that waits for an engineer),
 * {@code upgrade_assist.approvals{mode=automatic|engineer}}, {@code upgrade_assist.changes_requested},
 * {@code upgrade_assist.deficiencies{code}} and the {@code upgrade_assist.request.stage{stage=submitted_to_reviewed}}
 * timer. Counted once per decision actually recorded, never for a duplicate or a stale event.
 */
class ReviewMetrics {

    private final MeterRegistry registry;

    ReviewMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : List.of("info_missing", "approved", "declined", "in_review")) {
            reviews(outcome);
        }
        for (ApprovalMode mode : ApprovalMode.values()) {
            approvals(mode);
        }
        changesRequestedCounter();
    }

    void decided(ReviewDecision decision, ApprovalMode mode) {
        boolean awaitsEngineer = decision instanceof ReviewDecision.Approved && mode == ApprovalMode.ENGINEER;
        reviews(awaitsEngineer ? "in_review" : decision.outcome()).increment();
        if (decision instanceof ReviewDecision.Approved && !awaitsEngineer) {
            approvals(ApprovalMode.AUTOMATIC).increment();
        }
        if (decision instanceof ReviewDecision.InformationMissing missing) {
            for (Deficiency deficiency : missing.deficiencies()) {
                Counter.builder("upgrade_assist.deficiencies").tag("code", deficiency.code())
                        .description("Deficiencies reported to customers, by rule code")
                        .register(registry).increment();
            }
        }
    }

    void approvedByEngineer() {
        reviews("approved").increment();
        approvals(ApprovalMode.ENGINEER).increment();
    }

    void changesRequested() {
        changesRequestedCounter().increment();
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

    private Counter approvals(ApprovalMode mode) {
        return Counter.builder("upgrade_assist.approvals").tag("mode", mode.name().toLowerCase(Locale.ROOT))
                .description("Plans approved, by approval mode (the checks, or an engineer)").register(registry);
    }

    private Counter changesRequestedCounter() {
        return Counter.builder("upgrade_assist.changes_requested")
                .description("Requests for changes by engineers").register(registry);
    }
}
