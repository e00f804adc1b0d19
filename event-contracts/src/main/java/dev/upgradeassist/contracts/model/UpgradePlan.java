package dev.upgradeassist.contracts.model;

import java.util.List;

public record UpgradePlan(
        List<String> hops,
        Boolean zeroDowntime,
        Boolean waitsForBackgroundMigrations,
        List<String> preUpgradeChecks,
        List<String> postUpgradeChecks,
        Boolean usesCustomScripts,
        String document) {
}
