package dev.upgradeassist.review.upgradepath;

import java.util.List;

/** The stops required between two versions for one environment, and the alerts on the way. */
public record UpgradePath(
        Version from,
        Version to,
        EnvironmentFlags environment,
        List<UpgradeStop> requiredStops,
        List<UpgradeAlert> alerts) {

    public UpgradePath {
        requiredStops = List.copyOf(requiredStops);
        alerts = List.copyOf(alerts);
    }

    /** The stops as customers write them: latest patches ({@code 16.3.9}), or {@code 19.2.x} when projected. */
    public List<String> requiredStopVersions() {
        return requiredStops.stream().map(UpgradeStop::display).toList();
    }

    public List<UpgradeStop> projectedStops() {
        return requiredStops.stream().filter(UpgradeStop::projected).toList();
    }
}
