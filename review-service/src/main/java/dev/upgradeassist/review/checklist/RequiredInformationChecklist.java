package dev.upgradeassist.review.checklist;

import dev.upgradeassist.contracts.model.Architecture;
import dev.upgradeassist.contracts.model.Environment;
import dev.upgradeassist.contracts.model.Node;
import dev.upgradeassist.contracts.model.RollbackPlan;
import dev.upgradeassist.contracts.model.Topology;
import dev.upgradeassist.contracts.model.UpgradePlan;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.review.rules.Observations;
import dev.upgradeassist.review.rules.ReviewRule;
import dev.upgradeassist.review.upgradepath.EnvironmentFlags;
import dev.upgradeassist.review.upgradepath.StopCondition;
import dev.upgradeassist.review.upgradepath.UpgradePath;
import dev.upgradeassist.review.upgradepath.UpgradePathEngine;
import dev.upgradeassist.review.upgradepath.UpgradeStop;
import dev.upgradeassist.review.upgradepath.Version;
import dev.upgradeassist.review.upgradepath.ZeroDowntimeRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The required-information checklist of domain §a, rows 1-4 and 6-8 (row 0 is {@link ScopeCheck},
 * row 5 the timing rules). Each failed row adds deficiencies or findings to the observations.
 */
public final class RequiredInformationChecklist {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final List<String> RECOMMENDED_CHECKS = List.of("gitlab:check", "gitlab:doctor:secrets");

    private final UpgradePathEngine paths;
    private final ZeroDowntimeRules zeroDowntime;
    private final int minutesPerHop;

    /**
     * @param minutesPerHop the DESIGN upgrade-time estimate per hop (row 8)
     */
    public RequiredInformationChecklist(UpgradePathEngine paths, int minutesPerHop) {
        this.paths = paths;
        this.zeroDowntime = new ZeroDowntimeRules(paths.catalog());
        this.minutesPerHop = minutesPerHop;
    }

    /** Runs rows 1-4 and 6-8. */
    public ChecklistResult check(UpgradeSubmission s, Observations obs) {
        PlanResult plan = upgradePlan(s, obs);
        rollbackPlan(s, obs);
        architecture(s.architecture(), obs);
        pointOfContact(s.contactEmail(), obs);
        staging(s, obs);
        customScripts(s.upgradePlan(), obs);
        windowLength(s, plan, obs);
        return new ChecklistResult(plan.path(), plan.hopCount());
    }

    // --- row 1 -----------------------------------------------------------------------------------

    private PlanResult upgradePlan(UpgradeSubmission s, Observations obs) {
        Optional<Version> current = version(s.currentVersion(), ReviewRule.CURRENT_VERSION_MISSING,
                ReviewRule.CURRENT_VERSION_INVALID, obs);
        Optional<Version> target = version(s.targetVersion(), ReviewRule.TARGET_VERSION_MISSING,
                ReviewRule.TARGET_VERSION_INVALID, obs);
        if (s.edition() == null) {
            obs.add(ReviewRule.EDITION_MISSING);
        }
        UpgradePlan plan = s.upgradePlan();
        if (plan == null) {
            obs.add(ReviewRule.UPGRADE_PLAN_MISSING);
        }

        UpgradePath path = null;
        if (current.isPresent() && target.isPresent()) {
            if (!target.get().isAfter(current.get())) {
                obs.add(ReviewRule.TARGET_VERSION_NOT_NEWER, target.get(), current.get());
            } else {
                path = plannedPath(s, current.get(), target.get(), obs);
            }
        }
        if (plan == null) {
            return new PlanResult(Optional.ofNullable(path), path == null ? 0 : path.requiredStops().size() + 1);
        }

        List<String> rawHops = plan.hops() == null ? List.of()
                : plan.hops().stream().filter(h -> h != null && !h.isBlank()).toList();
        Optional<List<Version>> hops = Optional.empty();
        if (rawHops.isEmpty()) {
            obs.add(ReviewRule.UPGRADE_PLAN_HOPS_MISSING);
        } else if (path != null) {
            hops = paths.checkHops(path, rawHops, obs);
        }

        if (!Boolean.TRUE.equals(plan.waitsForBackgroundMigrations())) {
            obs.add(ReviewRule.UPGRADE_PLAN_BACKGROUND_MIGRATIONS_MISSING);
        }
        checks(s, plan, obs);

        if (plan.zeroDowntime() == null) {
            obs.add(ReviewRule.UPGRADE_PLAN_DOWNTIME_MODE_MISSING);
        } else if (path != null) {
            Architecture a = s.architecture();
            zeroDowntime.check(plan.zeroDowntime(), path.from(), hops.orElse(List.of(path.to())),
                    a == null ? null : a.topology(), a == null ? null : a.installMethod(), obs);
        }

        int hopCount = hops.map(List::size).orElse(path == null ? rawHops.size() : path.requiredStops().size() + 1);
        return new PlanResult(Optional.ofNullable(path), hopCount);
    }

    private UpgradePath plannedPath(UpgradeSubmission s, Version current, Version target, Observations obs) {
        Environment env = s.environment() == null ? new Environment(null, null, null, null, null) : s.environment();
        Boolean multipleRails = env.multipleRailsNodes();
        int railsNodes = railsNodes(s.architecture());
        boolean derived = false;
        if (!Boolean.TRUE.equals(multipleRails)) {
            if (railsNodes >= 2) {
                derived = true;
                multipleRails = Boolean.TRUE;
            } else if (multipleRails == null && s.architecture() != null
                    && (s.architecture().topology() == Topology.SINGLE_NODE || railsNodes == 1)) {
                multipleRails = Boolean.FALSE;
            }
        }
        Environment answered = new Environment(multipleRails, env.usersOver30k(), env.npmPackages(),
                env.largePipelineVariables(), env.largeCiPipelineMessages());
        EnvironmentFlags flags = new EnvironmentFlags(isTrue(answered.multipleRailsNodes()),
                isTrue(answered.usersOver30k()), isTrue(answered.npmPackages()),
                isTrue(answered.largePipelineVariables()), isTrue(answered.largeCiPipelineMessages()));

        for (UpgradeStop stop : paths.conditionalStopsCrossed(current, target)) {
            if (stop.requiredFor(flags)) {
                continue;
            }
            stop.conditions().stream()
                    .filter(c -> flag(answered, c) == null)
                    .sorted()
                    .forEach(c -> obs.add(ReviewRule.UPGRADE_PATH_CONDITION_UNANSWERED,
                            c.description(), c.field(), stop.display()));
        }

        UpgradePath path = paths.plan(current, target, flags);
        if (derived) {
            UpgradePath declared = paths.plan(current, target, flags.withMultipleRailsNodes(false));
            if (!declared.requiredStops().equals(path.requiredStops())) {
                obs.add(ReviewRule.MULTIPLE_RAILS_NODES_DERIVED, railsNodes);
            }
        }
        paths.reportPath(path, obs);
        return path;
    }

    private static Boolean flag(Environment env, StopCondition condition) {
        Function<Environment, Boolean> getter = switch (condition) {
            case MULTIPLE_RAILS_NODES -> Environment::multipleRailsNodes;
            case USERS_OVER_30K -> Environment::usersOver30k;
            case NPM_PACKAGES -> Environment::npmPackages;
            case LARGE_PIPELINE_VARIABLES -> Environment::largePipelineVariables;
            case LARGE_CI_PIPELINE_MESSAGES -> Environment::largeCiPipelineMessages;
        };
        return getter.apply(env);
    }

    private static int railsNodes(Architecture a) {
        if (a == null || a.nodes() == null) {
            return 0;
        }
        return (int) a.nodes().stream()
                .filter(Objects::nonNull)
                .filter(n -> n.roles() != null && n.roles().stream().filter(Objects::nonNull)
                        .anyMatch(r -> r.equalsIgnoreCase("RAILS") || r.equalsIgnoreCase("WEB")))
                .count();
    }

    private void checks(UpgradeSubmission s, UpgradePlan plan, Observations obs) {
        List<String> pre = nonBlank(plan.preUpgradeChecks());
        List<String> post = nonBlank(plan.postUpgradeChecks());
        if (pre.isEmpty()) {
            obs.add(ReviewRule.UPGRADE_PLAN_PRE_UPGRADE_CHECKS_MISSING);
        }
        if (post.isEmpty()) {
            obs.add(ReviewRule.UPGRADE_PLAN_POST_UPGRADE_CHECKS_MISSING);
        }
        List<String> all = new ArrayList<>(pre);
        all.addAll(post);
        String joined = String.join("\n", all).toLowerCase(Locale.ROOT);
        if (!geoSites(s.architecture()).isEmpty() && !joined.contains("geo:check")) {
            obs.add(ReviewRule.UPGRADE_PLAN_GEO_CHECK_MISSING);
        }
        if (!pre.isEmpty() && !post.isEmpty()) {
            List<String> missing = RECOMMENDED_CHECKS.stream().filter(c -> !joined.contains(c))
                    .map(c -> "gitlab-rake " + c).toList();
            if (!missing.isEmpty()) {
                obs.add(ReviewRule.UPGRADE_PLAN_RECOMMENDED_CHECKS, String.join(", ", missing));
            }
        }
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
    private void windowLength(UpgradeSubmission s, PlanResult plan, Observations obs) {
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

    // --- helpers -----------------------------------------------------------------------------------

    private static Optional<Version> version(String text, ReviewRule missing, ReviewRule invalid, Observations obs) {
        if (isBlank(text)) {
            obs.add(missing);
            return Optional.empty();
        }
        Optional<Version> version = Version.tryParse(text);
        if (version.isEmpty()) {
            obs.add(invalid, text);
        }
        return version;
    }

    private static List<String> geoSites(Architecture a) {
        return a == null ? List.of() : nonBlank(a.geoSites());
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> !isBlank(v)).toList();
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private record PlanResult(Optional<UpgradePath> path, int hopCount) {
    }

    /** What later rules need from the checklist: the computed path (when the versions allow one). */
    public record ChecklistResult(Optional<UpgradePath> path, int hopCount) {

        public List<String> requiredStops() {
            return path.map(UpgradePath::requiredStopVersions).orElse(List.of());
        }
    }
}
