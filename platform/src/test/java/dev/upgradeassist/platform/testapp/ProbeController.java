package dev.upgradeassist.platform.testapp;

import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.platform.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProbeController {

    record ProbeBody(@NotNull Form form, @NotBlank String name, @Email String email, Integer count) {
    }

    @PostMapping("/api/v1/probes")
    @PreAuthorize("hasRole('PORTAL')")
    ProbeBody create(@Valid @RequestBody ProbeBody body) {
        return body;
    }

    /** Who the platform says the caller is. */
    @GetMapping("/api/v1/probes/me")
    @PreAuthorize("hasAnyRole('PORTAL','ENGINEER','OPERATOR')")
    java.util.Map<String, Object> me(org.springframework.security.core.Authentication authentication) {
        var caller = dev.upgradeassist.platform.security.Caller.of(authentication);
        return java.util.Map.of("name", caller.name(), "roles", new java.util.TreeSet<>(caller.roles()));
    }

    @GetMapping("/api/v1/probes/{id}")
    @PreAuthorize("hasAnyRole('PORTAL','ENGINEER')")
    String read(@PathVariable String id,
                @org.springframework.web.bind.annotation.RequestHeader(value = "Idempotency-Key", required = false)
                String key) {
        throw ApiProblem.notFound("No probe " + id);
    }
}
