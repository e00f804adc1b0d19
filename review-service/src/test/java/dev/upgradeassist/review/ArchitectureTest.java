package dev.upgradeassist.review;

import dev.upgradeassist.testsupport.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * review-service keeps the structure of ADR 0013: no cycles between its feature packages, controllers and listeners
 * that leave MongoDB to the application services, and a domain (the request review aggregate, the rules, the
 * checklist, the upgrade-path engine, the timing policies, the runbook) that knows nothing of HTTP or Kafka.
 */
class ArchitectureTest {

    @Test
    void the_service_keeps_its_architecture() {
        ArchitectureRules.check("dev.upgradeassist.review",
                "..review.decision..", "..review.rules..", "..review.checklist..", "..review.upgradepath..",
                "..review.timing..", "..review.runbook..");
    }
}
