package dev.upgradeassist.notification;

import dev.upgradeassist.testsupport.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The structure of the service (ADR 0013): feature packages without cycles ({@code delivery → ledger → templates},
 * {@code moments → ledger}), controllers and listeners without MongoDB access, and a domain free of web and Kafka types.
 * The domain: the ledger (the entry aggregate, its state machine, recording, claims and history), the moments (who is
 * told what) and the templates (what the email says).
 */
class ArchitectureTest {

    @Test
    void the_service_keeps_the_shared_structure() {
        ArchitectureRules.check("dev.upgradeassist.notification",
                "..notification.ledger..", "..notification.moments..", "..notification.templates..");
    }
}
