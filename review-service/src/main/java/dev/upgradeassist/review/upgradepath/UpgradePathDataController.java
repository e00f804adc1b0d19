package dev.upgradeassist.review.upgradepath;

import dev.upgradeassist.platform.web.ApiProblem;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators replace the upgrade-path data without a redeploy: {@code PUT} the whole data document
 * (YAML, the format of {@code stops.yml}); it is validated like the shipped file, versioned (SHA-256
 * prefix), stored in MongoDB and picked up by every instance. Invalid data → 422 problem details
 * naming what is wrong, and the old data stays in force.
 */
@RestController
class UpgradePathDataController {

    static final int MAX_BYTES = 512 * 1024;

    private final CurrentUpgradePathData data;

    UpgradePathDataController(CurrentUpgradePathData data) {
        this.data = data;
    }

    @PutMapping(path = "/api/v1/operations/upgrade-path-data",
            consumes = {"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE})
    @PreAuthorize("hasRole('OPERATOR')")
    Map<String, Object> replace(@RequestBody(required = false) byte[] yaml, Principal operator) {
        if (yaml == null || yaml.length == 0) {
            throw ApiProblem.badRequest("body", "is required: the upgrade-path data as YAML (the format of stops.yml)");
        }
        if (yaml.length > MAX_BYTES) {
            throw ApiProblem.badRequest("body", "must be at most " + MAX_BYTES + " bytes");
        }
        CurrentUpgradePathData.Accepted accepted;
        try {
            accepted = data.accept(yaml, operator == null ? "operator" : operator.getName());
        } catch (IllegalStateException e) {
            throw ApiProblem.unprocessable("The upgrade-path data was refused and the data in force ("
                    + data.catalog().version() + ") is unchanged: " + e.getMessage());
        }
        return Map.of("version", accepted.version(), "previousVersion", accepted.previousVersion(),
                "changed", accepted.changed(), "stops", accepted.stops());
    }

    @GetMapping("/api/v1/operations/upgrade-path-data")
    @PreAuthorize("hasAnyRole('OPERATOR','ENGINEER')")
    Map<String, Object> current() {
        UpgradePathCatalog catalog = data.catalog();
        boolean shipped = catalog.version().equals(data.shipped().version());
        return Map.of("version", catalog.version(), "origin", shipped ? "shipped" : "operator",
                "shippedVersion", data.shipped().version(), "stops", catalog.stops().size(),
                "knownBadPatches", catalog.knownBadPatches().size(), "alerts", catalog.alerts().size());
    }
}
