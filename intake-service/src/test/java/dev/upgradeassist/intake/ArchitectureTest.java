package dev.upgradeassist.intake;

import dev.upgradeassist.testsupport.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The structure every service keeps (ADR 0013), checked on intake's main classes. */
class ArchitectureTest {

    @Test
    void intake_keeps_the_service_structure() {
        // the request aggregate with its transitions, clocks and decision learning, and the request record's projection
        ArchitectureRules.check("dev.upgradeassist.intake", "..intake.request..");
    }
}
