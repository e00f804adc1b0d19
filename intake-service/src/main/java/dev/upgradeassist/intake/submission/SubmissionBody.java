package dev.upgradeassist.intake.submission;

import dev.upgradeassist.contracts.model.Architecture;
import dev.upgradeassist.contracts.model.Edition;
import dev.upgradeassist.contracts.model.Environment;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.InstallMethod;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Node;
import dev.upgradeassist.contracts.model.OutOfScopeChange;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.RollbackPlan;
import dev.upgradeassist.contracts.model.Topology;
import dev.upgradeassist.contracts.model.UpgradePlan;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.infrastructure.EmailAddress;
import dev.upgradeassist.intake.infrastructure.HeaderSafe;
import dev.upgradeassist.intake.infrastructure.VersionNumber;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.function.Function;

/**
 * The portal's upgrade-assistance form ({@code POST} and {@code PUT /api/v1/upgrade-requests}).
 * Only {@code form}, {@code organizationId} and {@code requester} are required; everything else
 * may be missing (review reports it). What is given must be readable: versions are
 * {@code major.minor.patch}, emails are plain addresses, single-line fields carry no CR/LF.
 */
record SubmissionBody(
        @NotNull Form form,
        @NotBlank @HeaderSafe(max = 64) String organizationId,
        @NotNull @Valid RequesterBody requester,
        @EmailAddress String contactEmail,
        Region region,
        @VersionNumber String currentVersion,
        @VersionNumber String targetVersion,
        Edition edition,
        @Valid ArchitectureBody architecture,
        Environment environment,
        @Valid UpgradePlanBody upgradePlan,
        RollbackPlan rollbackPlan,
        @Valid MaintenanceWindowBody maintenanceWindow,
        Boolean testedInStaging,
        List<@NotNull OutOfScopeChange> outOfScopeChanges,
        Boolean wantsReviewCall,
        String additionalInfo) {

    record RequesterBody(@NotBlank @HeaderSafe String name, @NotBlank @EmailAddress String email) {
    }

    record ArchitectureBody(
            InstallMethod installMethod,
            @HeaderSafe String operatingSystem,
            Topology topology,
            List<@NotNull @Valid NodeBody> nodes,
            List<@NotNull @HeaderSafe String> externalServices,
            List<@NotNull @HeaderSafe String> geoSites,
            String notes) {

        Architecture toArchitecture() {
            return new Architecture(installMethod, operatingSystem, topology,
                    copy(nodes, node -> new Node(node.name(), copy(node.roles(), Function.identity()))),
                    copy(externalServices, Function.identity()), copy(geoSites, Function.identity()), notes);
        }
    }

    record NodeBody(@HeaderSafe String name, List<@NotNull @HeaderSafe String> roles) {
    }

    record UpgradePlanBody(
            List<@NotNull @VersionNumber String> hops,
            Boolean zeroDowntime,
            Boolean waitsForBackgroundMigrations,
            List<@NotNull String> preUpgradeChecks,
            List<@NotNull String> postUpgradeChecks,
            Boolean usesCustomScripts,
            String document) {

        UpgradePlan toUpgradePlan() {
            return new UpgradePlan(copy(hops, Function.identity()), zeroDowntime, waitsForBackgroundMigrations,
                    copy(preUpgradeChecks, Function.identity()), copy(postUpgradeChecks, Function.identity()),
                    usesCustomScripts, document);
        }
    }

    record MaintenanceWindowBody(@HeaderSafe(max = 64) String start, @HeaderSafe(max = 64) String timeZone,
                                 Integer durationMinutes) {
    }

    /** The submission as it travels on RequestReceived / RequestAmended. */
    UpgradeSubmission toSubmission() {
        return new UpgradeSubmission(form, organizationId,
                new Person(requester.name(), requester.email()), contactEmail, region, currentVersion, targetVersion,
                edition, architecture == null ? null : architecture.toArchitecture(), environment,
                upgradePlan == null ? null : upgradePlan.toUpgradePlan(), rollbackPlan,
                maintenanceWindow == null ? null : new MaintenanceWindow(maintenanceWindow.start(),
                        maintenanceWindow.timeZone(), maintenanceWindow.durationMinutes()),
                testedInStaging, copy(outOfScopeChanges, Function.identity()), wantsReviewCall, additionalInfo);
    }

    static <A, B> List<B> copy(List<A> list, Function<A, B> mapper) {
        return list == null ? null : list.stream().map(mapper).toList();
    }
}
