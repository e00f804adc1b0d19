package dev.upgradeassist.review.checklist;

import static dev.upgradeassist.review.checklist.Answers.geoSites;
import static dev.upgradeassist.review.checklist.Answers.isBlank;
import static dev.upgradeassist.review.checklist.Answers.isTrue;
import static dev.upgradeassist.review.checklist.Answers.nonBlank;

import dev.upgradeassist.contracts.model.Architecture;
import dev.upgradeassist.contracts.model.Environment;
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

/**
 * Row 1 of the required-information checklist: the upgrade plan. The versions and edition, the path GitLab requires
 * (with the conditional stops the environment's answers decide), the planned hops against it, background migrations,
 * the pre- and post-upgrade checks, and the downtime mode.
 */
final class UpgradePlanRow {

    private static final List<String> RECOMMENDED_CHECKS = List.of("gitlab:check", "gitlab:doctor:secrets");

    private final UpgradePathEngine paths;
    private final ZeroDowntimeRules zeroDowntime;

    UpgradePlanRow(UpgradePathEngine paths) {
        this.paths = paths;
        this.zeroDowntime = new ZeroDowntimeRules(paths.catalog());
    }

    /** What row 1 found: the computed path (when the versions allow one) and the number of hops. */
    record PlanResult(Optional<UpgradePath> path, int hopCount) {
    }

    PlanResult check(UpgradeSubmission s, Observations obs) {
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
}
