package dev.upgradeassist.contracts.model;

import java.util.List;

/** What the customer submitted, field for field as the portal posted it (after syntax checks). */
public record UpgradeSubmission(
        Form form,
        String organizationId,
        Person requester,
        String contactEmail,
        Region region,
        String currentVersion,
        String targetVersion,
        Edition edition,
        Architecture architecture,
        Environment environment,
        UpgradePlan upgradePlan,
        RollbackPlan rollbackPlan,
        MaintenanceWindow maintenanceWindow,
        Boolean testedInStaging,
        List<OutOfScopeChange> outOfScopeChanges,
        Boolean wantsReviewCall,
        String additionalInfo) {
}
