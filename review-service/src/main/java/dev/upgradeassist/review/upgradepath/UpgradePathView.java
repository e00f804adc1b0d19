package dev.upgradeassist.review.upgradepath;

import java.util.List;
import java.util.Locale;

/**
 * A required upgrade path: the stops ({@code 16.3.9}; {@code 18.2} when the latest patch is not
 * known; {@code 20.2.x} when projected) and the alerts on the way. {@code projectedStops} lists the
 * stops not yet confirmed by GitLab. {@code stops} details each required stop (additive field):
 * whether its patch is verified, where it comes from. {@code dataVersion} identifies the data used.
 */
record UpgradePathView(String from, String to, List<String> requiredStops, List<AlertView> alerts,
                       List<String> projectedStops, List<StopView> stops, String dataVersion) {

    record AlertView(String id, String severity, String title, String message, String start, String end,
                     String checkWhen) {

        static AlertView of(UpgradeAlert alert) {
            return new AlertView(alert.id(), alert.severity().name().toLowerCase(Locale.ROOT),
                    alert.title(), alert.message(), alert.start().toString(), alert.end().toString(),
                    alert.checkWhen());
        }
    }

    /**
     * One required stop: {@code version} as in {@code requiredStops}; {@code latestPatch} null unless
     * verified; {@code description} in words ("the latest 18.2 patch").
     */
    record StopView(String version, String release, String latestPatch, boolean verified, boolean projected,
                    boolean conditional, String description, String source, String note) {

        static StopView of(UpgradeStop stop) {
            return new StopView(stop.display(), stop.release().toString(),
                    stop.latestPatch() == null ? null : stop.latestPatch().toString(), stop.verified(),
                    stop.projected(), stop.conditional(), stop.describe(), stop.source(), stop.note());
        }
    }

    static UpgradePathView of(UpgradePath path) {
        return new UpgradePathView(path.from().toString(), path.to().toString(), path.requiredStopVersions(),
                path.alerts().stream().map(AlertView::of).toList(),
                path.projectedStops().stream().map(UpgradeStop::display).toList(),
                path.requiredStops().stream().map(StopView::of).toList(),
                path.dataVersion());
    }
}
