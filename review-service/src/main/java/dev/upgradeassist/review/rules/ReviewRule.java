package dev.upgradeassist.review.rules;

import static dev.upgradeassist.review.rules.RuleBasis.DESIGN;
import static dev.upgradeassist.review.rules.RuleBasis.GAP;
import static dev.upgradeassist.review.rules.RuleBasis.SOURCED;
import static dev.upgradeassist.review.rules.RuleKind.ADVISORY;
import static dev.upgradeassist.review.rules.RuleKind.DECLINE;
import static dev.upgradeassist.review.rules.RuleKind.DEFICIENCY;
import static dev.upgradeassist.review.rules.RuleKind.INFO;
import static dev.upgradeassist.review.rules.RuleKind.WARNING;

/**
 * Every rule review applies, with its stable code (the enum name), the submission field it is
 * about, its section in the domain document and the texts sent to the customer. Messages and
 * hints are {@link String#format} templates filled with the details of one failure.
 * {@code docs/review-rules.md} documents each of them (a test keeps the two in step).
 */
public enum ReviewRule {

    // --- decisions before the checklist: entitlement and scope (§0, §a row 0, §d) -------------
    NOT_ENTITLED(DECLINE, "organization.prioritySupport", "§0, §d D7", SOURCED,
            "Organization %s does not have Priority Support; Upgrade Assistance is part of Priority Support.",
            "Upgrade Assistance is available to self-managed customers with Priority Support (Premium or Ultimate)."
                    + " Your support entitlement still covers emergencies and standard support."),
    OUT_OF_SCOPE_CHANGE(DECLINE, "outOfScopeChanges", "§0, §a row 0, §d D1", SOURCED,
            "The request includes %s, which is not an upgrade.",
            Hints.SCOPE_DECLINE),
    EDITION_CHANGE_DETECTED(DECLINE, "targetVersion", "§0, §a row 0, §d D1", DESIGN,
            "The versions name different editions (%s): moving between distributions (CE to EE) is not an upgrade.",
            Hints.SCOPE_DECLINE),
    US_FEDERAL_NOTICE_PERIOD(DECLINE, "maintenanceWindow.start", "§a row 5, §d D5, §e", DESIGN,
            "US Government requests need all information at least 7 days before the upgrade; the upgrade starts %s.",
            "Please either (1) move the maintenance window to at least 7 days after all information is complete and"
                    + " send the corrected request, or (2) go ahead as planned, relying on emergency support if"
                    + " problems occur."),
    SCOPE_CHANGE_SUSPECTED(DEFICIENCY, "upgradePlan.document", "§0, §a row 0, §d D1", DESIGN,
            "The text in %3$s mentions %1$s, which would be out of scope.",
            "Upgrade Assistance covers moving to a newer GitLab release on the same installation. %2$s is out of"
                    + " scope. Please remove it from this request (or open a separate request for it) and send an"
                    + " upgrade-only plan."),

    // --- row 1: upgrade plan ----------------------------------------------------------------
    UPGRADE_PATH_CONDITION_UNANSWERED(DEFICIENCY, "environment", "§c R4", DESIGN,
            "The plan does not say whether the instance has %s (environment.%s), which decides whether %s is a"
                    + " required stop.",
            Hints.plan("the answer to whether the instance has %1$s (the required stop %3$s depends on it)")),
    UPGRADE_PLAN_MISSING(DEFICIENCY, "upgradePlan", "§a row 1", SOURCED,
            "No upgrade plan was provided.",
            Hints.plan("an upgrade plan")),
    CURRENT_VERSION_MISSING(DEFICIENCY, "currentVersion", "§a row 1(a)", SOURCED,
            "The current GitLab version is missing.",
            Hints.plan("the current version (major.minor.patch)")),
    CURRENT_VERSION_INVALID(DEFICIENCY, "currentVersion", "§a row 1(a)", SOURCED,
            "The current version '%s' is not a major.minor.patch version.",
            Hints.plan("the current version as major.minor.patch")),
    TARGET_VERSION_MISSING(DEFICIENCY, "targetVersion", "§a row 1(a)", SOURCED,
            "The target GitLab version is missing.",
            Hints.plan("the target version (major.minor.patch)")),
    TARGET_VERSION_INVALID(DEFICIENCY, "targetVersion", "§a row 1(a)", SOURCED,
            "The target version '%s' is not a major.minor.patch version.",
            Hints.plan("the target version as major.minor.patch")),
    TARGET_VERSION_NOT_NEWER(DEFICIENCY, "targetVersion", "§0, §a row 1(a)", SOURCED,
            "The target version %s is not newer than the current version %s.",
            Hints.plan("a target version newer than the current version")),
    EDITION_MISSING(DEFICIENCY, "edition", "§a row 1(a)", SOURCED,
            "The GitLab edition (CE or EE) is missing.",
            Hints.plan("the edition (CE or EE)")),
    UPGRADE_PLAN_HOPS_MISSING(DEFICIENCY, "upgradePlan.hops", "§a row 1(b), §c R1", SOURCED,
            "The upgrade plan does not list its hops.",
            Hints.plan("the list of hops")),
    UPGRADE_PLAN_HOP_INVALID(DEFICIENCY, "upgradePlan.hops", "§a row 1(b)", SOURCED,
            "The hop '%s' is not a major.minor.patch version.",
            Hints.plan("the exact version of every hop")),
    UPGRADE_PLAN_HOPS_OUT_OF_ORDER(DEFICIENCY, "upgradePlan.hops", "§c R1", SOURCED,
            "The hops must go up one after the other from the current version %s: %s does not follow %s.",
            Hints.plan("the hops in ascending order")),
    UPGRADE_PLAN_REQUIRED_STOP_MISSING(DEFICIENCY, "upgradePlan.hops", "§c R1, R4, R5", SOURCED,
            "The upgrade path skips the required stop %s.",
            Hints.plan("the required stop %s")),
    UPGRADE_PLAN_FINAL_HOP_NOT_TARGET(DEFICIENCY, "upgradePlan.hops", "§c algorithm step 3", DESIGN,
            "The last hop %s is not the target version %s.",
            Hints.plan("the target version as the last hop")),
    UPGRADE_PLAN_KNOWN_BAD_PATCH(DEFICIENCY, "upgradePlan.hops", "§c (patch-specific notes)", SOURCED,
            "Do not upgrade to %s: %s. Use %s or later.",
            "Please replace %1$s with %3$s or a later patch of that release (see the version upgrade notes)."),
    UPGRADE_PLAN_HOP_NOT_LATEST_PATCH(WARNING, "upgradePlan.hops", "§c R2", SOURCED,
            "Use the latest patch of each release: %s instead of %s. The latest patch can carry upgrade fixes.",
            null),
    UPGRADE_PLAN_BACKGROUND_MIGRATIONS_MISSING(DEFICIENCY, "upgradePlan.waitsForBackgroundMigrations",
            "§a row 1(c), §c R1", SOURCED,
            "The plan does not wait for background migrations to finish between hops.",
            Hints.plan("a step that waits for background migrations to finish between hops")),
    UPGRADE_PLAN_PRE_UPGRADE_CHECKS_MISSING(DEFICIENCY, "upgradePlan.preUpgradeChecks", "§a row 1(d)", SOURCED,
            "The plan has no pre-upgrade checks.",
            Hints.plan("pre-upgrade checks (for example gitlab-rake gitlab:check and gitlab:doctor:secrets)")),
    UPGRADE_PLAN_POST_UPGRADE_CHECKS_MISSING(DEFICIENCY, "upgradePlan.postUpgradeChecks", "§a row 1(d)", SOURCED,
            "The plan has no post-upgrade checks.",
            Hints.plan("post-upgrade checks (gitlab-rake gitlab:check, sign in, clone and push, runners)")),
    UPGRADE_PLAN_GEO_CHECK_MISSING(DEFICIENCY, "upgradePlan.postUpgradeChecks", "§a row 1(d), §c F1", SOURCED,
            "Geo is used but the checks do not include gitlab-rake gitlab:geo:check.",
            Hints.plan("gitlab-rake gitlab:geo:check for every Geo site")),
    UPGRADE_PLAN_RECOMMENDED_CHECKS(ADVISORY, "upgradePlan.postUpgradeChecks", "§a row 1(d)", SOURCED,
            "Consider adding these checks to the plan: %s.",
            null),
    UPGRADE_PLAN_DOWNTIME_MODE_MISSING(DEFICIENCY, "upgradePlan.zeroDowntime", "§a row 1(f)", SOURCED,
            "The plan does not say whether the upgrade takes downtime or is zero-downtime.",
            Hints.plan("whether you upgrade with downtime or with zero downtime")),
    ZERO_DOWNTIME_SINGLE_NODE(DEFICIENCY, "upgradePlan.zeroDowntime", "§c Z1", SOURCED,
            "A single-node instance must upgrade with downtime; zero downtime needs a multi-node installation.",
            "Single-node instances must be upgraded with downtime. Please plan a maintenance window with downtime"
                    + " (docs.gitlab.com/update/downtime_options)."),
    ZERO_DOWNTIME_SKIPS_MINORS(DEFICIENCY, "upgradePlan.hops", "§c Z2", SOURCED,
            "Zero-downtime upgrades go one minor release at a time; %s to %s crosses more than one.",
            "Zero-downtime upgrades must go one minor release at a time (for example 16.1 to 16.2, not to 16.3)."
                    + " Either list every minor release as a hop, or plan the upgrade with downtime."),
    ZERO_DOWNTIME_UNSUPPORTED_INSTALL_METHOD(DEFICIENCY, "architecture.installMethod", "§c Z3", SOURCED,
            "Zero-downtime upgrades are documented for Linux-package multi-node installations, not %s.",
            "Please plan this upgrade with downtime, or follow the zero-downtime documentation for your installation"
                    + " method (docs.gitlab.com/update/zero_downtime)."),
    ZERO_DOWNTIME_REQUIREMENTS(ADVISORY, "upgradePlan.zeroDowntime", "§c Z3", SOURCED,
            "Zero downtime needs an external load balancer with /-/readiness checks, an internal load balancer for"
                    + " PgBouncer and Praefect, and HA Consul, PostgreSQL and Redis. Upgrade in the order Consul,"
                    + " PostgreSQL, PgBouncer, Redis, Gitaly, Praefect, Rails, Sidekiq. A PostgreSQL major upgrade"
                    + " is not covered.",
            null),
    UPGRADE_PATH_STOPS_PROJECTED(WARNING, "upgradePlan.hops", "§c R3", GAP,
            "The stops %s are projected from the x.2/x.5/x.8/x.11 cadence and not yet confirmed; use the latest"
                    + " patch of each and check the Upgrade Path tool.",
            null),
    UPGRADE_ALERT(WARNING, "upgradePlan.hops", "§c alerts", SOURCED,
            "%s: %s",
            null),
    MULTIPLE_RAILS_NODES_DERIVED(INFO, "environment.multipleRailsNodes", "§c R4", DESIGN,
            "The architecture lists %d Rails nodes, so the multiple-Rails-nodes stop (15.1) applies.",
            null),
    EXTERNAL_GITALY_ORDER(ADVISORY, "architecture.externalServices", "§c F1", SOURCED,
            "Upgrade external Gitaly before the application (Rails and Sidekiq) nodes.",
            null),
    GEO_SECONDARY_ORDER(ADVISORY, "architecture.geoSites", "§c F1", SOURCED,
            "Upgrade the Geo secondary sites (%s) only after the primary finishes each stop, and keep an upgrade"
                    + " and rollback plan for each site.",
            null),

    // --- row 2: rollback plan --------------------------------------------------------------
    ROLLBACK_PLAN_MISSING(DEFICIENCY, "rollbackPlan", "§a row 2", SOURCED,
            "No rollback plan was provided.",
            Hints.ROLLBACK),
    ROLLBACK_PLAN_DATA_BACKUP_MISSING(DEFICIENCY, "rollbackPlan.backsUpData", "§a row 2(a)", SOURCED,
            "The rollback plan does not back up all data (database, repositories, uploads, artifacts, LFS,"
                    + " registry, pages).",
            Hints.ROLLBACK),
    ROLLBACK_PLAN_SECRETS_BACKUP_MISSING(DEFICIENCY, "rollbackPlan.backsUpSecretsAndConfig", "§a row 2(a)", SOURCED,
            "The rollback plan does not back up secrets and configuration (/etc/gitlab/gitlab-secrets.json,"
                    + " gitlab.rb).",
            Hints.ROLLBACK),
    ROLLBACK_PLAN_RESTORE_STEPS_MISSING(DEFICIENCY, "rollbackPlan.restoreSteps", "§a row 2(b)", SOURCED,
            "The rollback plan does not describe the restore steps.",
            Hints.ROLLBACK),
    ROLLBACK_PLAN_DOWNGRADE_MISSING(DEFICIENCY, "rollbackPlan.downgradesToBackupVersion", "§a row 2(b)", SOURCED,
            "The rollback plan does not downgrade to the exact version and edition of the backup before restoring.",
            Hints.ROLLBACK),
    ROLLBACK_PLAN_NOT_TESTED(DEFICIENCY, "rollbackPlan.tested", "§a row 2(c)", SOURCED,
            "The rollback plan has not been tested.",
            "Please test the backup and the restore, ideally in a test environment that mirrors production, and"
                    + " confirm it in the rollback plan."),
    ROLLBACK_PLAN_ESTIMATE_MISSING(DEFICIENCY, "rollbackPlan.estimatedMinutes", "§a row 2(e), row 8", DESIGN,
            "The rollback plan does not say how long a rollback takes.",
            "Please estimate how many minutes a rollback takes, so that we can check it fits the maintenance"
                    + " window."),
    ROLLBACK_PLAN_GEO_SITES_NOT_COVERED(WARNING, "rollbackPlan.restoreSteps", "§a row 2(d)", DESIGN,
            "The rollback plan does not mention the Geo site(s) %s; it needs a plan for each site.",
            null),

    // --- row 3: architecture -----------------------------------------------------------------
    ARCHITECTURE_MISSING(DEFICIENCY, "architecture", "§a row 3", SOURCED,
            "No architecture description was provided.",
            Hints.ARCHITECTURE),
    ARCHITECTURE_INSTALL_METHOD_MISSING(DEFICIENCY, "architecture.installMethod", "§a row 3", SOURCED,
            "The installation method is missing.",
            Hints.ARCHITECTURE),
    ARCHITECTURE_OS_MISSING(DEFICIENCY, "architecture.operatingSystem", "§a row 3", SOURCED,
            "The operating system and its version are missing.",
            Hints.ARCHITECTURE),
    ARCHITECTURE_TOPOLOGY_MISSING(DEFICIENCY, "architecture.topology", "§a row 3", SOURCED,
            "The plan does not say whether the instance is single-node or multi-node.",
            Hints.ARCHITECTURE),
    ARCHITECTURE_NODES_MISSING(DEFICIENCY, "architecture.nodes", "§a row 3", SOURCED,
            "A multi-node instance needs the list of its nodes (%d listed).",
            Hints.ARCHITECTURE),
    ARCHITECTURE_NODE_ROLES_MISSING(DEFICIENCY, "architecture.nodes", "§a row 3", SOURCED,
            "The node '%s' has no name or no roles.",
            Hints.ARCHITECTURE),
    ARCHITECTURE_EXTERNAL_SERVICES_MISSING(DEFICIENCY, "architecture.externalServices", "§a row 3", SOURCED,
            "The plan does not say which external components (Gitaly, PostgreSQL, Redis, object storage) are used;"
                    + " send an empty list if there are none.",
            Hints.ARCHITECTURE),
    ARCHITECTURE_GEO_MISSING(DEFICIENCY, "architecture.geoSites", "§a row 3", SOURCED,
            "The plan does not say whether Geo is used; send an empty list if it is not.",
            Hints.ARCHITECTURE),

    // --- row 4: point of contact -------------------------------------------------------------
    POINT_OF_CONTACT_MISSING(DEFICIENCY, "contactEmail", "§a row 4", SOURCED,
            "No point of contact was given.",
            "Please give a point of contact, preferably an email address."),
    POINT_OF_CONTACT_INVALID(DEFICIENCY, "contactEmail", "§a row 4", SOURCED,
            "The point of contact '%s' is not a valid email address.",
            "Please give a point of contact, preferably an email address."),

    // --- row 5: time of the upgrade ----------------------------------------------------------
    MAINTENANCE_WINDOW_MISSING(DEFICIENCY, "maintenanceWindow", "§a row 5", SOURCED,
            "The time of the upgrade is missing.",
            Hints.TIME),
    MAINTENANCE_WINDOW_DATE_MISSING(DEFICIENCY, "maintenanceWindow.start", "§a row 5", SOURCED,
            "The date and start time of the upgrade are missing.",
            Hints.TIME),
    MAINTENANCE_WINDOW_TIME_MISSING(DEFICIENCY, "maintenanceWindow.start", "§a row 5", SOURCED,
            "The upgrade has a date (%s) but no start time.",
            Hints.TIME),
    MAINTENANCE_WINDOW_START_INVALID(DEFICIENCY, "maintenanceWindow.start", "§a row 5", SOURCED,
            "The start '%s' is not a date and time such as 2026-12-12T22:00.",
            Hints.TIME),
    MAINTENANCE_WINDOW_TIMEZONE_MISSING(DEFICIENCY, "maintenanceWindow.timeZone", "§a row 5", SOURCED,
            "The time zone of the upgrade is missing.",
            Hints.TIME),
    MAINTENANCE_WINDOW_TIMEZONE_INVALID(DEFICIENCY, "maintenanceWindow.timeZone", "§a row 5", SOURCED,
            "'%s' is not an IANA time zone (such as America/New_York) or a UTC offset (such as +02:00).",
            Hints.TIME),
    MAINTENANCE_WINDOW_DURATION_MISSING(DEFICIENCY, "maintenanceWindow.durationMinutes", "§a row 5", SOURCED,
            "The length of the maintenance window is missing.",
            Hints.TIME),
    MAINTENANCE_WINDOW_IN_PAST(DEFICIENCY, "maintenanceWindow.start", "§a row 5", SOURCED,
            "The upgrade start %s is not in the future.",
            "Please give a planned upgrade date and start time in the future, with its timezone."),
    US_FEDERAL_INFORMATION_DEADLINE(INFO, "maintenanceWindow.start", "§a row 5, §d D5", DESIGN,
            "US Government requests need all information at least 7 days ahead: by %s for this window.",
            null),
    REVIEW_CALL_NOT_POSSIBLE(WARNING, "wantsReviewCall", "§e lead time", DESIGN,
            "The upgrade starts in less than 2 days (%s), so no review call can be offered. Reschedule the upgrade"
                    + " at least 2 to 3 days out if you want the 30-minute review call.",
            null),
    REVIEW_CALL_SHORT_NOTICE(WARNING, "wantsReviewCall", "§e lead time", DESIGN,
            "The upgrade starts in less than 3 days (%s): please book the review call as soon as the link arrives.",
            null),
    OUTSIDE_SUPPORT_HOURS(WARNING, "maintenanceWindow.start", "§a row 5, §d D6, §f SLA", DESIGN,
            "The maintenance window (%s) falls outside support hours (%s). A Support manager will look for a"
                    + " volunteer engineer or work with you to reschedule; emergencies are handled 24x7.",
            null),

    // --- rows 6-8 ----------------------------------------------------------------------------
    STAGING_TEST_NOT_CONFIRMED(WARNING, "testedInStaging", "§a row 6", DESIGN,
            "This upgrade has not been confirmed as tested in staging. We recommend testing the upgrade, and the"
                    + " restore, in a test environment that mirrors production.",
            null),
    CUSTOM_SCRIPTS_NOT_REVIEWABLE(ADVISORY, "upgradePlan.usesCustomScripts", "§0, §a row 7", DESIGN,
            "We cannot review custom scripts. Our advice during issues will likely be to run your rollback plan."
                    + " Documented steps are the source of truth.",
            null),
    MAINTENANCE_WINDOW_TOO_SHORT(DEFICIENCY, "maintenanceWindow.durationMinutes", "§a row 8, §d D8", DESIGN,
            "The %d-minute window is shorter than the estimated upgrade (%d minutes: %d hops x %d) plus the"
                    + " rollback (%d minutes).",
            "Please make sure your maintenance window leaves enough time to run the rollback plan if needed:"
                    + " at least %6$d minutes for this plan.");

    private final RuleKind kind;
    private final String field;
    private final String section;
    private final RuleBasis basis;
    private final String message;
    private final String hint;

    ReviewRule(RuleKind kind, String field, String section, RuleBasis basis, String message, String hint) {
        this.kind = kind;
        this.field = field;
        this.section = section;
        this.basis = basis;
        this.message = message;
        this.hint = hint;
    }

    public String code() {
        return name();
    }

    public RuleKind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public String section() {
        return section;
    }

    public RuleBasis basis() {
        return basis;
    }

    public String message(Object... args) {
        return String.format(message, args);
    }

    public String hint(Object... args) {
        return hint == null ? null : String.format(hint, args);
    }

    /** Shared hint texts (domain §a, "Corrective hint"). */
    static final class Hints {
        static final String ROLLBACK = "A rollback plan needs both a way to back up and a way to restore. Please add:"
                + " backup of data and secrets/config; the downgrade-then-restore steps; and confirmation that the"
                + " backup version matches the version you would roll back to.";
        static final String ARCHITECTURE = "Please describe your architecture: installation method, OS, each node"
                + " and its role, external services (Gitaly, PostgreSQL, Redis), and any Geo secondary sites.";
        /** For a final decline, which cannot be amended: a new request is needed. */
        static final String SCOPE_DECLINE = "Upgrade Assistance covers moving to a newer GitLab release on the same"
                + " installation. Please open a new request with an upgrade-only plan, and a separate request"
                + " (outside Upgrade Assistance) for: %s.";
        static final String TIME = "Please give the planned upgrade date, start time and timezone, and how long the"
                + " maintenance window is.";

        static String plan(String missing) {
            return "Your upgrade plan is missing " + missing + ". Please follow 'Before you"
                    + " upgrade' (docs.gitlab.com/update/plan_your_upgrade/). List every hop with its exact version"
                    + " (use the Upgrade Path tool) and confirm that background migrations complete between hops.";
        }

        private Hints() {
        }
    }
}
