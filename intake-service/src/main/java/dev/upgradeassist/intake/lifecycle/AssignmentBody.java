package dev.upgradeassist.intake.lifecycle;

import dev.upgradeassist.intake.infrastructure.HeaderSafe;
import jakarta.validation.constraints.Pattern;

/**
 * {@code POST .../assignment}: the engineer who takes the ticket. Omitted (or no body at all), the caller takes it:
 * "the triaging engineer assigns the ticket to themselves". When given it must not be blank.
 */
record AssignmentBody(@Pattern(regexp = ".*\\S.*", message = "must not be blank") @HeaderSafe(max = 100) String engineer) {
}
