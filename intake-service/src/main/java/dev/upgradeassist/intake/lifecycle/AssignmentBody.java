package dev.upgradeassist.intake.lifecycle;

import dev.upgradeassist.intake.infrastructure.HeaderSafe;
import jakarta.validation.constraints.NotBlank;

/** {@code POST .../assignment}: the triaging engineer assigns the ticket to themselves. */
record AssignmentBody(@NotBlank @HeaderSafe(max = 100) String engineer) {
}
