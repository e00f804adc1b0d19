package dev.upgradeassist.intake.lifecycle;

import jakarta.validation.constraints.NotNull;

/** {@code POST .../auto-close}: {@code {"enabled": false}} keeps the request from being auto-closed; true turns it back on. */
record AutoCloseBody(@NotNull Boolean enabled) {
}
