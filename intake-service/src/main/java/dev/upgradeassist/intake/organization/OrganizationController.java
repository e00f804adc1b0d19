package dev.upgradeassist.intake.organization;

import dev.upgradeassist.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.regex.Pattern;

@RestController
@RequestMapping("/api/v1/organizations")
@Tag(name = "Organization directory", description = "Entitlement (Priority Support) and the TAM to CC")
class OrganizationController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final OrganizationDirectory directory;

    OrganizationController(OrganizationDirectory directory) {
        this.directory = directory;
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Create or replace an organization's directory entry (OPERATOR)")
    OrganizationView put(@PathVariable String id, @Valid @RequestBody OrganizationBody body) {
        checkId(id);
        var tam = body.tam() == null ? null : new OrganizationEntry.Tam(body.tam().name(), body.tam().email());
        return OrganizationView.of(directory.put(id, body.name(), body.prioritySupport(), tam));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR','ENGINEER')")
    @Operation(summary = "Read an organization's directory entry (OPERATOR, ENGINEER)")
    OrganizationView get(@PathVariable String id) {
        checkId(id);
        return directory.find(id).map(OrganizationView::of)
                .orElseThrow(() -> ApiProblem.notFound("There is no organization " + id));
    }

    private static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiProblem.badRequest("id", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }
}
