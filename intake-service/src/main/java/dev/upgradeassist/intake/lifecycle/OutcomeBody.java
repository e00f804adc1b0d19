package dev.upgradeassist.intake.lifecycle;

import dev.upgradeassist.contracts.model.OutcomeResult;
import jakarta.validation.constraints.NotNull;

/** {@code POST .../outcome}: how the upgrade went, in the customer's words. */
record OutcomeBody(@NotNull OutcomeResult result, String details) {
}
