package dev.upgradeassist.review.upgradepath;

import dev.upgradeassist.review.rules.Observations;
import dev.upgradeassist.review.rules.ReviewRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Computes required upgrade stops (domain §c validator algorithm, steps 1-2 and 6) and checks a
 * customer's hops against them (step 3). Stateless apart from the catalog; thread-safe.
 */
public final class UpgradePathEngine {

    private final Supplier<UpgradePathCatalog> catalogs;

    /** An engine on fixed data. */
    public UpgradePathEngine(UpgradePathCatalog catalog) {
        this(() -> catalog);
    }

    /** An engine on the current data: each call reads the catalog the supplier answers now (reload). */
    public UpgradePathEngine(Supplier<UpgradePathCatalog> catalogs) {
        this.catalogs = catalogs;
    }

    /** The data in force now. */
    public UpgradePathCatalog catalog() {
        return catalogs.get();
    }

    /**
     * The path from {@code from} to {@code to}: every stop whose latest patch is after {@code from}
     * and whose release line is before the target's line (the target itself is the last hop, not a
     * stop), keeping conditional stops only when their condition holds; and the alerts whose range
     * overlaps the path.
     *
     * @throws IllegalArgumentException when {@code to} is not after {@code from}
     */
    public UpgradePath plan(Version from, Version to, EnvironmentFlags environment) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("The target version " + to + " must be newer than " + from);
        }
        UpgradePathCatalog catalog = catalog();
        List<UpgradeStop> stops = catalog.stopsBetween(from, to.release()).stream()
                .filter(stop -> stop.requiredFor(environment))
                .toList();
        List<UpgradeAlert> alerts = catalog.alerts().stream().filter(a -> a.appliesTo(from, to)).toList();
        return new UpgradePath(from, to, environment, stops, alerts, catalog.version());
    }

    /**
     * The conditional stops a path from {@code from} to {@code to} crosses, whether or not their
     * conditions hold: the customer must answer their conditions.
     */
    public List<UpgradeStop> conditionalStopsCrossed(Version from, Version to) {
        if (!to.isAfter(from)) {
            return List.of();
        }
        return catalog().stopsBetween(from, to.release()).stream().filter(UpgradeStop::conditional).toList();
    }

    /** Reports what the path itself tells the customer: alerts and projected (unconfirmed) stops. */
    public void reportPath(UpgradePath path, Observations observations) {
        List<UpgradeStop> projected = path.projectedStops();
        if (!projected.isEmpty()) {
            observations.add(ReviewRule.UPGRADE_PATH_STOPS_PROJECTED,
                    String.join(", ", projected.stream().map(UpgradeStop::display).toList()));
        }
        for (UpgradeAlert alert : path.alerts()) {
            observations.addFinding(alert.findingCode(), alert.severity().findingSeverity(),
                    alert.title() + ": " + alert.message());
        }
    }

    /**
     * Checks the customer's hops against the path: each is a version, they go up in order from the
     * current version, every required stop is there, the last one is the target, each stop is at
     * its latest patch (a warning otherwise) and none is a known-bad patch.
     *
     * @return the parsed hops, or empty when some hop is not a version (then no path check ran)
     */
    public Optional<List<Version>> checkHops(UpgradePath path, List<String> rawHops, Observations observations) {
        List<Version> hops = new ArrayList<>();
        boolean invalid = false;
        for (String raw : rawHops) {
            Optional<Version> hop = Version.tryParse(raw);
            if (hop.isPresent()) {
                hops.add(hop.get());
            } else {
                observations.add(ReviewRule.UPGRADE_PLAN_HOP_INVALID, raw);
                invalid = true;
            }
        }
        if (invalid || hops.isEmpty()) {
            return Optional.empty();
        }

        Version previous = path.from();
        for (Version hop : hops) {
            if (!hop.isAfter(previous)) {
                observations.add(ReviewRule.UPGRADE_PLAN_HOPS_OUT_OF_ORDER, path.from(), hop, previous);
                break;
            }
            previous = hop;
        }

        Version last = hops.get(hops.size() - 1);
        if (!last.equals(path.to())) {
            observations.add(ReviewRule.UPGRADE_PLAN_FINAL_HOP_NOT_TARGET, last, path.to());
        }

        for (UpgradeStop stop : path.requiredStops()) {
            boolean present = hops.stream().anyMatch(hop -> hop.release().equals(stop.release()));
            if (!present) {
                observations.add(ReviewRule.UPGRADE_PLAN_REQUIRED_STOP_MISSING, stop.verified() || stop.projected()
                        ? stop.display() : stop.display() + " (" + stop.describe() + ")");
            }
        }

        UpgradePathCatalog catalog = catalog();
        for (Version hop : hops) {
            // Only a verified patch is a fact: an unknown one never drives "not the latest patch".
            catalog.stop(hop.release())
                    .filter(UpgradeStop::verified)
                    .filter(stop -> hop.isBefore(stop.latestPatch()))
                    .ifPresent(stop -> observations.add(ReviewRule.UPGRADE_PLAN_HOP_NOT_LATEST_PATCH,
                            stop.latestPatch(), hop));
            catalog.knownBadPatch(hop).ifPresent(bad -> observations.add(ReviewRule.UPGRADE_PLAN_KNOWN_BAD_PATCH,
                    hop, bad.title(), bad.fixDisplay()));
        }
        return Optional.of(List.copyOf(hops));
    }
}
