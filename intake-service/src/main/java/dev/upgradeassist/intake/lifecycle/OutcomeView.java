package dev.upgradeassist.intake.lifecycle;

import dev.upgradeassist.contracts.model.OutcomeResult;

/** The outcome report was accepted; scheduling completes the request or advises the rollback. */
record OutcomeView(String id, String ticketId, OutcomeResult result) {
}
