package dev.upgradeassist.web;

import dev.upgradeassist.testsupport.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The console keeps the product's structure rules (ADR 0013): no cycles between its packages, no service's code
 * imported (it talks to the services over HTTP only), controllers never touch MongoDB. It holds no domain of its own.
 */
class ArchitectureTest {

    @Test
    void the_web_module_keeps_the_architecture_rules() {
        ArchitectureRules.check("dev.upgradeassist.web");
    }
}
