package dev.upgradeassist.review.upgradepath;

import dev.upgradeassist.contracts.model.InstallMethod;
import dev.upgradeassist.contracts.model.Topology;
import dev.upgradeassist.review.rules.Observations;
import dev.upgradeassist.review.rules.ReviewRule;
import java.util.ArrayList;
import java.util.List;

/** Rules Z1-Z3 of domain §c: when a zero-downtime claim is valid. */
public final class ZeroDowntimeRules {

    private final UpgradePathCatalog catalog;

    public ZeroDowntimeRules(UpgradePathCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param steps the versions upgraded to, in order, ending with the target (the hops, or just the
     *              target when the hops are unknown)
     */
    public void check(boolean zeroDowntime, Version current, List<Version> steps, Topology topology,
                      InstallMethod installMethod, Observations observations) {
        if (!zeroDowntime) {
            return;
        }
        boolean valid = true;
        if (topology == Topology.SINGLE_NODE) {
            observations.add(ReviewRule.ZERO_DOWNTIME_SINGLE_NODE);
            valid = false;
        }
        List<Version> sequence = new ArrayList<>();
        sequence.add(current);
        sequence.addAll(steps);
        for (int i = 1; i < sequence.size(); i++) {
            MinorRelease from = sequence.get(i - 1).release();
            MinorRelease to = sequence.get(i).release();
            if (!to.equals(from) && !to.equals(catalog.next(from))) {
                observations.add(ReviewRule.ZERO_DOWNTIME_SKIPS_MINORS, sequence.get(i - 1), sequence.get(i));
                valid = false;
                break;
            }
        }
        if (installMethod != null && installMethod != InstallMethod.LINUX_PACKAGE) {
            observations.add(ReviewRule.ZERO_DOWNTIME_UNSUPPORTED_INSTALL_METHOD, installMethod);
            valid = false;
        }
        if (valid) {
            observations.add(ReviewRule.ZERO_DOWNTIME_REQUIREMENTS);
        }
    }
}
