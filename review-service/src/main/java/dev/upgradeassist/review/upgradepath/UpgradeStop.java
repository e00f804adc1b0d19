package dev.upgradeassist.review.upgradepath;

import java.util.Set;

/**
 * A required stop: a release line and, when GitLab's published material gives it, the patch to be
 * on. {@code conditions} empty means the stop is required for everyone; otherwise it is required
 * when any condition holds. {@code verified=false} means the patch is NOT known: {@code latestPatch}
 * is then {@code null} and the stop is shown as its line ({@code 18.2}, "the latest 18.2 patch").
 * {@code projected} stops come from the x.2/5/8/11 cadence, not from the data file (also unverified).
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
        if (verified && latestPatch == null) {
            throw new IllegalArgumentException("Stop " + release + " is verified without a latest patch");
        }
        if (!verified && latestPatch != null) {
            throw new IllegalArgumentException("Stop " + release + " has an unverified latest patch " + latestPatch
                    + ": omit latestPatch when the sources do not give it");
        }
        if (latestPatch != null && !latestPatch.release().equals(release)) {
            throw new IllegalArgumentException("Stop " + release + " has latest patch " + latestPatch);
        }
    }

    static UpgradeStop projected(MinorRelease release) {
        return new UpgradeStop(release, null, Set.of(), "cadence (R3)", null, false, true);
    }

    public boolean conditional() {
        return !conditions.isEmpty();
    }

    public boolean requiredFor(EnvironmentFlags flags) {
        return conditions.isEmpty() || conditions.stream().anyMatch(c -> c.holds(flags));
    }

    /**
     * Whether a path from {@code current} still has to pass this stop. A known patch: when the
     * current version is below it. An unknown patch: when the current version is on an earlier line
     * (on the stop's own line nobody can tell whether it is the latest patch, so no claim is made).
     */
    public boolean pendingFrom(Version current) {
        return verified ? latestPatch.isAfter(current) : current.release().isBefore(release);
    }

    /**
     * What a customer should upgrade to: the latest patch ({@code 16.3.9}), the line of an
     * unverified stop ({@code 18.2}: the latest 18.2 patch), or {@code 20.2.x} for a projected stop.
     */
    public String display() {
        if (projected) {
            return release + ".x";
        }
        return verified ? latestPatch.toString() : release.toString();
    }

    /** The human wording: "16.3.9", "the latest 18.2 patch", "the latest 20.2 patch (projected)". */
    public String describe() {
        if (projected) {
            return "the latest " + release + " patch (projected, not confirmed by GitLab)";
        }
        return verified ? latestPatch.toString() : "the latest " + release + " patch";
    }
}
