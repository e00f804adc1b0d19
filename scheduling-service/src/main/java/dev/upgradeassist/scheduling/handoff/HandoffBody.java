package dev.upgradeassist.scheduling.handoff;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Hands the ticket to another engineer. {@code syncCompleted} must be true: the handing-off engineer syncs with the
 * receiving one first.
 */
public record HandoffBody(@NotBlank @Size(max = 100) String toEngineer, Boolean syncCompleted,
                          @Size(max = 10_000) String notes) {
}
