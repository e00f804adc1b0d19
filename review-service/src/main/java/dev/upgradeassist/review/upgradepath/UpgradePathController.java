package dev.upgradeassist.review.upgradepath;

import dev.upgradeassist.platform.web.ApiProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The upgrade-path engine over HTTP, for the portal and engineers (domain §c). */
@RestController
class UpgradePathController {

    private final UpgradePathEngine engine;

    UpgradePathController(UpgradePathEngine engine) {
        this.engine = engine;
    }

    @GetMapping("/api/v1/upgrade-paths")
    @PreAuthorize("hasAnyRole('PORTAL','ENGINEER','OPERATOR')")
    UpgradePathView path(@RequestParam(required = false) String from,
                         @RequestParam(required = false) String to,
                         @RequestParam(defaultValue = "false") boolean multipleRailsNodes,
                         @RequestParam(defaultValue = "false") boolean usersOver30k,
                         @RequestParam(defaultValue = "false") boolean npmPackages,
                         @RequestParam(defaultValue = "false") boolean largePipelineVariables,
                         @RequestParam(defaultValue = "false") boolean largeCiPipelineMessages) {
        Version current = version("from", from);
        Version target = version("to", to);
        if (!target.isAfter(current)) {
            throw ApiProblem.badRequest("to", "must be a newer version than from (" + current + ")");
        }
        EnvironmentFlags flags = new EnvironmentFlags(multipleRailsNodes, usersOver30k, npmPackages,
                largePipelineVariables, largeCiPipelineMessages);
        return UpgradePathView.of(engine.plan(current, target, flags));
    }

    private static Version version(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(name, "is required: a version major.minor.patch such as 17.3.7");
        }
        if (value.length() > 32) {
            throw ApiProblem.badRequest(name, "must be a version major.minor.patch such as 17.3.7");
        }
        return Version.tryParse(value).orElseThrow(() ->
                ApiProblem.badRequest(name, "must be a version major.minor.patch such as 17.3.7"));
    }
}
