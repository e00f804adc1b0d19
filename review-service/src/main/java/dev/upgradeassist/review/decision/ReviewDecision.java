package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.review.rules.ReviewRule;
import java.time.Instant;
import java.util.List;

/** The outcome of reviewing one revision of a request. */
public sealed interface ReviewDecision {

    int revision();

    /** The metric tag: {@code declined}, {@code info_missing} or {@code approved}. */
    String outcome();

    /** Declined (entitlement, scope) or postponement recommended (US Government notice period). */
    record Declined(int revision, DeclineReason reason, ReviewRule rule, String explanation) implements ReviewDecision {
        @Override
        public String outcome() {
            return "declined";
        }
    }

    /** Review cannot proceed until the deficiencies are fixed (D4). */
    record InformationMissing(int revision, List<Deficiency> deficiencies, List<Finding> findings,
                              List<String> requiredStops) implements ReviewDecision {
        public InformationMissing {
            deficiencies = List.copyOf(deficiencies);
            findings = List.copyOf(findings);
            requiredStops = List.copyOf(requiredStops);
        }

        @Override
        public String outcome() {
            return "info_missing";
        }
    }

    /**
     * The plans passed review. {@code callOffered}: the customer wants the call and the upgrade is
     * at least 2 days away. {@code upgradeStart}: the window start resolved in its zone.
     */
    record Approved(int revision, List<Finding> findings, List<String> requiredStops, boolean wantsReviewCall,
                    boolean callOffered, Instant upgradeStart, int windowDurationMinutes,
                    int rollbackEstimateMinutes) implements ReviewDecision {
        public Approved {
            findings = List.copyOf(findings);
            requiredStops = List.copyOf(requiredStops);
        }

        @Override
        public String outcome() {
            return "approved";
        }
    }
}
