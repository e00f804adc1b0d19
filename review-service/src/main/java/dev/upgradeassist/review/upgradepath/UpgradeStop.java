package dev.upgradeassist.review.upgradepath;

import java.util.Set;

/**
 * A required stop: a release line and its latest known patch. {@code conditions} empty means
 * the stop is required for everyone; otherwise it is required when any condition holds.
 * {@code projected} stops come from the x.2/5/8/11 cadence, not from the data file, and have no
 * known patch ({@code latestPatch} is then the {@code .0} of the line).
 */
public record UpgradeStop(
        MinorRelease release,
        Version latestPatch,
        Set<StopCondition> conditions,
        String source,
        String note,
        boolean verified,
        boolean projected) {

    public UpgradeStop {
        conditions = Set.copyOf(conditions);
        if (!latestPatch.release().equals(release)) {
            throw new IllegalArgumentException("Stop " + release + " has latest patch " + latestPatch);
        }
    }

    static UpgradeStop projected(MinorRelease release) {
        return new UpgradeStop(release, new Version(release.major(), release.minor(), 0), Set.of(),
                "cadence (R3)", null, false, true);
    }

    public boolean conditional() {
        return !conditions.isEmpty();
    }

    public boolean requiredFor(EnvironmentFlags flags) {
        return conditions.isEmpty() || conditions.stream().anyMatch(c -> c.holds(flags));
    }

    /** What a customer should upgrade to: the latest patch, or {@code 19.2.x} for a projected stop. */
    public String display() {
        return projected ? release + ".x" : latestPatch.toString();
    }
}
