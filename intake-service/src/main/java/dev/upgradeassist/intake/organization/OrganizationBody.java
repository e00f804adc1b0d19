package dev.upgradeassist.intake.organization;

import dev.upgradeassist.intake.infrastructure.EmailAddress;
import dev.upgradeassist.intake.infrastructure.HeaderSafe;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/v1/organizations/{id}}: the directory entry; {@code tam} is optional. */
record OrganizationBody(
        @NotBlank @HeaderSafe String name,
        @NotNull Boolean prioritySupport,
        @Valid TamBody tam) {

    record TamBody(@NotBlank @HeaderSafe String name, @NotBlank @EmailAddress String email) {
    }
}
