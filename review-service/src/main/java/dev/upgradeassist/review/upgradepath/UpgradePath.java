package dev.upgradeassist.review.upgradepath;

import java.util.List;

/** The stops required between two versions for one environment, and the alerts on the way. */
public record UpgradePath(
        Version from,
        Version to,
        EnvironmentFlags environment,
        List<UpgradeStop> requiredStops,
        List<UpgradeAlert> alerts,
        String dataVersion) {

    public UpgradePath {
        requiredStops = List.copyOf(requiredStops);
        alerts = List.copyOf(alerts);
    }

    /**
     * The stops as customers write them: latest patches ({@code 16.3.9}), the line ({@code 18.2}) when
     * the patch is not known, or {@code 20.2.x} when projected.
     */
    public List<String> requiredStopVersions() {
        return requiredStops.stream().map(UpgradeStop::display).toList();
    }

    public List<UpgradeStop> projectedStops() {
        return requiredStops.stream().filter(UpgradeStop::projected).toList();
    }
}
