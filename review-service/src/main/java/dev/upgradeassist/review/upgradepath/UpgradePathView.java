package dev.upgradeassist.review.upgradepath;

import java.util.List;

/**
 * A required upgrade path: the stops (latest patches; {@code 19.2.x} when projected) and the
 * alerts on the way. {@code projectedStops} lists the stops not yet confirmed by GitLab.
 */
record UpgradePathView(String from, String to, List<String> requiredStops, List<AlertView> alerts,
                       List<String> projectedStops) {

    record AlertView(String id, String severity, String title, String message, String start, String end,
                     String checkWhen) {

        static AlertView of(UpgradeAlert alert) {
            return new AlertView(alert.id(), alert.severity().name().toLowerCase(java.util.Locale.ROOT),
                    alert.title(), alert.message(), alert.start().toString(), alert.end().toString(),
                    alert.checkWhen());
        }
    }

    static UpgradePathView of(UpgradePath path) {
        return new UpgradePathView(path.from().toString(), path.to().toString(), path.requiredStopVersions(),
                path.alerts().stream().map(AlertView::of).toList(),
                path.projectedStops().stream().map(UpgradeStop::display).toList());
    }
}
