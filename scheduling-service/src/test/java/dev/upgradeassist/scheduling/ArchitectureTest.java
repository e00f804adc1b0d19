package dev.upgradeassist.scheduling;

import dev.upgradeassist.testsupport.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** scheduling-service keeps the structure of ADR 0013; the domain is the request's schedule (package {@code request}). */
class ArchitectureTest {

    @Test
    void keeps_the_architecture_rules() {
        ArchitectureRules.check("dev.upgradeassist.scheduling", "..scheduling.request..");
    }
}
