package dev.upgradeassist.review.checklist;

import static dev.upgradeassist.review.checklist.Answers.geoSites;
import static dev.upgradeassist.review.checklist.Answers.isBlank;
import static dev.upgradeassist.review.checklist.Answers.isTrue;
import static dev.upgradeassist.review.checklist.Answers.nonBlank;
import static dev.upgradeassist.review.checklist.Answers.nullToEmpty;

import dev.upgradeassist.contracts.model.Architecture;
import dev.upgradeassist.contracts.model.Node;
import dev.upgradeassist.contracts.model.RollbackPlan;
import dev.upgradeassist.contracts.model.Topology;
import dev.upgradeassist.contracts.model.UpgradePlan;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.review.rules.Observations;
import dev.upgradeassist.review.rules.ReviewRule;
import dev.upgradeassist.review.upgradepath.UpgradePath;
import dev.upgradeassist.review.upgradepath.UpgradePathEngine;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The required-information checklist of domain §a, rows 1-4 and 6-8 (row 0 is {@link ScopeCheck},
 * row 5 the timing rules). Each failed row adds deficiencies or findings to the observations.
 */
public final class RequiredInformationChecklist {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final UpgradePlanRow upgradePlan;
    private final int minutesPerHop;

    /**
     * @param minutesPerHop the DESIGN upgrade-time estimate per hop (row 8)
     */
    public RequiredInformationChecklist(UpgradePathEngine paths, int minutesPerHop) {
        this.upgradePlan = new UpgradePlanRow(paths);
        this.minutesPerHop = minutesPerHop;
    }

    /** Runs rows 1-4 and 6-8. */
    public ChecklistResult check(UpgradeSubmission s, Observations obs) {
        UpgradePlanRow.PlanResult plan = upgradePlan.check(s, obs);
        rollbackPlan(s, obs);
        architecture(s.architecture(), obs);
        pointOfContact(s.contactEmail(), obs);
        staging(s, obs);
        customScripts(s.upgradePlan(), obs);
        windowLength(s, plan, obs);
        return new ChecklistResult(plan.path(), plan.hopCount());
    }

    // --- row 2 -----------------------------------------------------------------------------------

    private void rollbackPlan(UpgradeSubmission s, Observations obs) {
        RollbackPlan r = s.rollbackPlan();
        if (r == null) {
            obs.add(ReviewRule.ROLLBACK_PLAN_MISSING);
            return;
        }
        if (!isTrue(r.backsUpData())) {
            obs.add(ReviewRule.ROLLBACK_PLAN_DATA_BACKUP_MISSING);
        }
        if (!isTrue(r.backsUpSecretsAndConfig())) {
            obs.add(ReviewRule.ROLLBACK_PLAN_SECRETS_BACKUP_MISSING);
        }
        if (isBlank(r.restoreSteps())) {
            obs.add(ReviewRule.ROLLBACK_PLAN_RESTORE_STEPS_MISSING);
        }
        if (!isTrue(r.downgradesToBackupVersion())) {
            obs.add(ReviewRule.ROLLBACK_PLAN_DOWNGRADE_MISSING);
        }
        if (!isTrue(r.tested())) {
            obs.add(ReviewRule.ROLLBACK_PLAN_NOT_TESTED);
        }
        if (r.estimatedMinutes() == null || r.estimatedMinutes() <= 0) {
            obs.add(ReviewRule.ROLLBACK_PLAN_ESTIMATE_MISSING);
        }
        List<String> sites = geoSites(s.architecture());
        if (!sites.isEmpty()) {
            String text = (nullToEmpty(r.restoreSteps()) + "\n" + nullToEmpty(r.document())).toLowerCase(Locale.ROOT);
            List<String> uncovered = sites.stream().filter(site -> !text.contains(site.toLowerCase(Locale.ROOT)))
                    .toList();
            if (!uncovered.isEmpty()) {
                obs.add(ReviewRule.ROLLBACK_PLAN_GEO_SITES_NOT_COVERED, String.join(", ", uncovered));
            }
        }
    }

    // --- row 3 -----------------------------------------------------------------------------------

    private void architecture(Architecture a, Observations obs) {
        if (a == null) {
            obs.add(ReviewRule.ARCHITECTURE_MISSING);
            return;
        }
        if (a.installMethod() == null) {
            obs.add(ReviewRule.ARCHITECTURE_INSTALL_METHOD_MISSING);
        }
        if (isBlank(a.operatingSystem())) {
            obs.add(ReviewRule.ARCHITECTURE_OS_MISSING);
        }
        if (a.topology() == null) {
            obs.add(ReviewRule.ARCHITECTURE_TOPOLOGY_MISSING);
        }
        List<Node> nodes = a.nodes() == null ? List.of() : a.nodes().stream().filter(Objects::nonNull).toList();
        if (a.topology() == Topology.MULTI_NODE && nodes.size() < 2) {
            obs.add(ReviewRule.ARCHITECTURE_NODES_MISSING, nodes.size());
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (isBlank(n.name()) || nonBlank(n.roles()).isEmpty()) {
                obs.add(ReviewRule.ARCHITECTURE_NODE_ROLES_MISSING, isBlank(n.name()) ? "#" + (i + 1) : n.name());
            }
        }
        if (a.externalServices() == null) {
            obs.add(ReviewRule.ARCHITECTURE_EXTERNAL_SERVICES_MISSING);
        } else if (a.externalServices().stream().filter(Objects::nonNull).anyMatch(x -> x.equalsIgnoreCase("GITALY"))) {
            obs.add(ReviewRule.EXTERNAL_GITALY_ORDER);
        }
        if (a.geoSites() == null) {
            obs.add(ReviewRule.ARCHITECTURE_GEO_MISSING);
        } else if (!geoSites(a).isEmpty()) {
            obs.add(ReviewRule.GEO_SECONDARY_ORDER, String.join(", ", geoSites(a)));
        }
    }

    // --- row 4, 6, 7, 8 ----------------------------------------------------------------------------

    private static void pointOfContact(String email, Observations obs) {
        if (isBlank(email)) {
            obs.add(ReviewRule.POINT_OF_CONTACT_MISSING);
        } else if (!EMAIL.matcher(email.strip()).matches()) {
            obs.add(ReviewRule.POINT_OF_CONTACT_INVALID, email);
        }
    }

    private static void staging(UpgradeSubmission s, Observations obs) {
        if (!isTrue(s.testedInStaging())) {
            obs.add(ReviewRule.STAGING_TEST_NOT_CONFIRMED);
        }
    }

    private static void customScripts(UpgradePlan plan, Observations obs) {
        if (plan != null && isTrue(plan.usesCustomScripts())) {
            obs.add(ReviewRule.CUSTOM_SCRIPTS_NOT_REVIEWABLE);
        }
    }

    /** Row 8 (DESIGN): window >= hops x minutesPerHop + rollback estimate. */
    private void windowLength(UpgradeSubmission s, UpgradePlanRow.PlanResult plan, Observations obs) {
        Integer window = s.maintenanceWindow() == null ? null : s.maintenanceWindow().durationMinutes();
        Integer rollback = s.rollbackPlan() == null ? null : s.rollbackPlan().estimatedMinutes();
        if (window == null || window <= 0 || rollback == null || rollback <= 0 || plan.hopCount() <= 0) {
            return;
        }
        int upgrade = plan.hopCount() * minutesPerHop;
        int needed = upgrade + rollback;
        if (window < needed) {
            obs.add(ReviewRule.MAINTENANCE_WINDOW_TOO_SHORT, window, upgrade, plan.hopCount(), minutesPerHop,
                    rollback, needed);
        }
    }

    /** What later rules need from the checklist: the computed path (when the versions allow one). */
    public record ChecklistResult(Optional<UpgradePath> path, int hopCount) {

        public List<String> requiredStops() {
            return path.map(UpgradePath::requiredStopVersions).orElse(List.of());
        }
    }
}
