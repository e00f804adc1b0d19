package dev.upgradeassist.review.decision;

import static dev.upgradeassist.review.fixtures.Reviews.codes;
import static dev.upgradeassist.review.fixtures.Reviews.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.InstallMethod;
import dev.upgradeassist.contracts.model.Node;
import dev.upgradeassist.contracts.model.Topology;
import dev.upgradeassist.review.fixtures.SubmissionBuilder;
import dev.upgradeassist.review.rules.ReviewRule;
import dev.upgradeassist.review.rules.RuleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Domain §a rows 1-8, each item absent (or wrong) and present. One row per case: the change to a
 * complete submission, and the rule that must fire. A deficiency turns the decision into
 * InfoMissing with the rule's field and hint; a finding leaves it approved.
 */
class ChecklistRowsTest {

    static Stream<Arguments> absentOrWrong() {
        return Stream.of(
                // row 1: upgrade plan
                row("no upgrade plan", s -> s.upgradePlanPresent = false, ReviewRule.UPGRADE_PLAN_MISSING),
                row("no current version", s -> s.currentVersion = null, ReviewRule.CURRENT_VERSION_MISSING),
                row("current version without patch", s -> s.currentVersion = "15.11",
                        ReviewRule.CURRENT_VERSION_INVALID),
                row("no target version", s -> s.targetVersion = " ", ReviewRule.TARGET_VERSION_MISSING),
                row("target version is a word", s -> s.targetVersion = "latest", ReviewRule.TARGET_VERSION_INVALID),
                row("target not newer than current", s -> s.targetVersion = "15.11.13",
                        ReviewRule.TARGET_VERSION_NOT_NEWER),
                row("target older than current", s -> s.targetVersion = "15.4.6", ReviewRule.TARGET_VERSION_NOT_NEWER),
                row("no edition", s -> s.edition = null, ReviewRule.EDITION_MISSING),
                row("empty hop list", s -> s.hops = List.of(), ReviewRule.UPGRADE_PLAN_HOPS_MISSING),
                row("no hop list", s -> s.hops = null, ReviewRule.UPGRADE_PLAN_HOPS_MISSING),
                row("a hop without patch", s -> s.hops = List.of("16.3", "16.7.10", "16.11.10", "17.3.7"),
                        ReviewRule.UPGRADE_PLAN_HOP_INVALID),
                row("hops out of order", s -> s.hops = List.of("16.7.10", "16.3.9", "16.11.10", "17.3.7"),
                        ReviewRule.UPGRADE_PLAN_HOPS_OUT_OF_ORDER),
                row("a hop repeated", s -> s.hops = List.of("16.3.9", "16.3.9", "16.7.10", "16.11.10", "17.3.7"),
                        ReviewRule.UPGRADE_PLAN_HOPS_OUT_OF_ORDER),
                row("a required stop skipped", s -> s.hops = List.of("16.3.9", "16.11.10", "17.3.7"),
                        ReviewRule.UPGRADE_PLAN_REQUIRED_STOP_MISSING),
                row("last hop is not the target", s -> s.hops = List.of("16.3.9", "16.7.10", "16.11.10"),
                        ReviewRule.UPGRADE_PLAN_FINAL_HOP_NOT_TARGET),
                row("a hop beyond the target", s -> s.hops = List.of("16.3.9", "16.7.10", "16.11.10", "17.3.7",
                        "17.5.5"), ReviewRule.UPGRADE_PLAN_FINAL_HOP_NOT_TARGET),
                row("background migrations not awaited", s -> s.waitsForBackgroundMigrations = false,
                        ReviewRule.UPGRADE_PLAN_BACKGROUND_MIGRATIONS_MISSING),
                row("background migrations not mentioned", s -> s.waitsForBackgroundMigrations = null,
                        ReviewRule.UPGRADE_PLAN_BACKGROUND_MIGRATIONS_MISSING),
                row("no pre-upgrade checks", s -> s.preUpgradeChecks = List.of(),
                        ReviewRule.UPGRADE_PLAN_PRE_UPGRADE_CHECKS_MISSING),
                row("no post-upgrade checks", s -> s.postUpgradeChecks = null,
                        ReviewRule.UPGRADE_PLAN_POST_UPGRADE_CHECKS_MISSING),
                row("Geo without gitlab:geo:check", s -> s.geoSites = List.of("geo-eu"),
                        ReviewRule.UPGRADE_PLAN_GEO_CHECK_MISSING),
                row("downtime or zero downtime not said", s -> s.zeroDowntime = null,
                        ReviewRule.UPGRADE_PLAN_DOWNTIME_MODE_MISSING),
                row("NPM question unanswered on a path through 16.1", s -> s.npmPackages = null,
                        ReviewRule.UPGRADE_PATH_CONDITION_UNANSWERED),
                row("no environment answers at all", s -> s.environmentPresent = false,
                        ReviewRule.UPGRADE_PATH_CONDITION_UNANSWERED),
                // row 2: rollback plan
                row("no rollback plan", s -> s.rollbackPlanPresent = false, ReviewRule.ROLLBACK_PLAN_MISSING),
                row("data not backed up", s -> s.backsUpData = false, ReviewRule.ROLLBACK_PLAN_DATA_BACKUP_MISSING),
                row("secrets and config not backed up", s -> s.backsUpSecretsAndConfig = null,
                        ReviewRule.ROLLBACK_PLAN_SECRETS_BACKUP_MISSING),
                row("no restore steps", s -> s.restoreSteps = "  ", ReviewRule.ROLLBACK_PLAN_RESTORE_STEPS_MISSING),
                row("no downgrade to the backup version", s -> s.downgradesToBackupVersion = false,
                        ReviewRule.ROLLBACK_PLAN_DOWNGRADE_MISSING),
                row("rollback not tested", s -> s.rollbackTested = false, ReviewRule.ROLLBACK_PLAN_NOT_TESTED),
                row("no rollback estimate", s -> s.rollbackMinutes = null, ReviewRule.ROLLBACK_PLAN_ESTIMATE_MISSING),
                // row 3: architecture
                row("no architecture", s -> s.architecturePresent = false, ReviewRule.ARCHITECTURE_MISSING),
                row("no install method", s -> s.installMethod = null, ReviewRule.ARCHITECTURE_INSTALL_METHOD_MISSING),
                row("no operating system", s -> s.operatingSystem = "", ReviewRule.ARCHITECTURE_OS_MISSING),
                row("no topology", s -> s.topology = null, ReviewRule.ARCHITECTURE_TOPOLOGY_MISSING),
                row("multi-node with one node listed", s -> s.nodes = List.of(new Node("app-1", List.of("RAILS"))),
                        ReviewRule.ARCHITECTURE_NODES_MISSING),
                row("a node without roles", s -> s.nodes = List.of(new Node("app-1", List.of("RAILS")),
                        new Node("db-1", List.of())), ReviewRule.ARCHITECTURE_NODE_ROLES_MISSING),
                row("external services not answered", s -> s.externalServices = null,
                        ReviewRule.ARCHITECTURE_EXTERNAL_SERVICES_MISSING),
                row("Geo not answered", s -> s.geoSites = null, ReviewRule.ARCHITECTURE_GEO_MISSING),
                // row 4: point of contact
                row("no point of contact", s -> s.contactEmail = null, ReviewRule.POINT_OF_CONTACT_MISSING),
                row("point of contact is not an email", s -> s.contactEmail = "call Dana",
                        ReviewRule.POINT_OF_CONTACT_INVALID),
                // row 5: time of the upgrade
                row("no maintenance window", s -> s.windowPresent = false, ReviewRule.MAINTENANCE_WINDOW_MISSING),
                row("no date", s -> s.windowStart = null, ReviewRule.MAINTENANCE_WINDOW_DATE_MISSING),
                row("a date but no time", s -> s.windowStart = "2026-12-15", ReviewRule.MAINTENANCE_WINDOW_TIME_MISSING),
                row("a start that is not a date", s -> s.windowStart = "next Tuesday evening",
                        ReviewRule.MAINTENANCE_WINDOW_START_INVALID),
                row("no time zone", s -> s.timeZone = null, ReviewRule.MAINTENANCE_WINDOW_TIMEZONE_MISSING),
                row("an unknown time zone", s -> s.timeZone = "Mars/Olympus_Mons",
                        ReviewRule.MAINTENANCE_WINDOW_TIMEZONE_INVALID),
                row("no duration", s -> s.durationMinutes = null, ReviewRule.MAINTENANCE_WINDOW_DURATION_MISSING),
                row("a zero duration", s -> s.durationMinutes = 0, ReviewRule.MAINTENANCE_WINDOW_DURATION_MISSING),
                row("a start in the past", s -> s.windowStart = "2026-11-30T22:00:00",
                        ReviewRule.MAINTENANCE_WINDOW_IN_PAST),
                row("a start right now", s -> {
                    s.windowStart = "2026-12-01T10:00:00";
                    s.timeZone = "UTC";
                }, ReviewRule.MAINTENANCE_WINDOW_IN_PAST),
                // row 8: window length (DESIGN: 30 minutes per hop)
                row("window shorter than upgrade plus rollback", s -> s.durationMinutes = 209,
                        ReviewRule.MAINTENANCE_WINDOW_TOO_SHORT),
                // rows 6, 7 and other findings: reported, approval stands
                row("staging test not confirmed", s -> s.testedInStaging = false, ReviewRule.STAGING_TEST_NOT_CONFIRMED),
                row("staging test not answered", s -> s.testedInStaging = null, ReviewRule.STAGING_TEST_NOT_CONFIRMED),
                row("custom scripts used", s -> s.usesCustomScripts = true, ReviewRule.CUSTOM_SCRIPTS_NOT_REVIEWABLE),
                row("a stop below its latest patch", s -> s.hops = List.of("16.3.2", "16.7.10", "16.11.10", "17.3.7"),
                        ReviewRule.UPGRADE_PLAN_HOP_NOT_LATEST_PATCH),
                row("no gitlab:doctor:secrets", s -> s.preUpgradeChecks = List.of("gitlab-rake gitlab:check"),
                        ReviewRule.UPGRADE_PLAN_RECOMMENDED_CHECKS),
                row("external Gitaly", s -> s.externalServices = List.of("GITALY"), ReviewRule.EXTERNAL_GITALY_ORDER),
                row("Geo site missing from the rollback plan", SubmissionBuilder -> {
                    SubmissionBuilder.geoSites = List.of("geo-eu");
                    SubmissionBuilder.postUpgradeChecks = List.of("gitlab-rake gitlab:check",
                            "gitlab-rake gitlab:geo:check", "sign in");
                }, ReviewRule.ROLLBACK_PLAN_GEO_SITES_NOT_COVERED));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("absentOrWrong")
    void an_absent_or_wrong_item_is_reported_with_its_code(String item, Consumer<SubmissionBuilder> change,
                                                            ReviewRule expected) {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        change.accept(submission);

        ReviewDecision decision = review(submission);

        assertThat(codes(decision)).contains(expected.code());
        if (expected.kind() == RuleKind.DEFICIENCY) {
            assertThat(decision).isInstanceOf(ReviewDecision.InformationMissing.class);
            Deficiency deficiency = ((ReviewDecision.InformationMissing) decision).deficiencies().stream()
                    .filter(d -> d.code().equals(expected.code())).findFirst().orElseThrow();
            assertThat(deficiency.field()).isEqualTo(expected.field());
            assertThat(deficiency.message()).isNotBlank();
            assertThat(deficiency.hint()).isNotBlank().doesNotContain("%s");
        } else {
            assertThat(decision).isInstanceOf(ReviewDecision.Approved.class);
            Finding finding = ((ReviewDecision.Approved) decision).findings().stream()
                    .filter(f -> f.code().equals(expected.code())).findFirst().orElseThrow();
            assertThat(finding.severity()).isEqualTo(expected.kind().severity());
        }
    }

    static Stream<Arguments> presentVariants() {
        return Stream.of(
                row("the complete submission", s -> { }, null),
                row("Geo with its check and a per-site rollback", s -> {
                    s.geoSites = List.of("geo-eu");
                    s.postUpgradeChecks = List.of("gitlab-rake gitlab:check", "gitlab-rake gitlab:geo:check");
                    s.restoreSteps = "Restore the primary, then geo-eu from its own backup.";
                }, null),
                row("a single node without a node list", s -> {
                    s.topology = Topology.SINGLE_NODE;
                    s.nodes = List.of();
                }, null),
                row("Docker installation", s -> s.installMethod = InstallMethod.DOCKER, null),
                row("start with its own offset and no zone", s -> {
                    s.windowStart = "2026-12-15T22:00:00-05:00";
                    s.timeZone = null;
                }, null),
                row("a UTC-offset zone", s -> s.timeZone = "+01:00", null),
                row("a window that exactly fits upgrade plus rollback", s -> s.durationMinutes = 210, null),
                row("an unanswered flag whose stop is not on the path", s -> {
                    s.currentVersion = "17.3.7";
                    s.targetVersion = "17.5.5";
                    s.hops = List.of("17.5.5");
                    s.npmPackages = null;
                    s.usersOver30k = null;
                }, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presentVariants")
    void a_complete_item_passes_without_deficiencies(String variant, Consumer<SubmissionBuilder> change,
                                                     ReviewRule unused) {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        change.accept(submission);

        ReviewDecision decision = review(submission);

        assertThat(decision).as(codes(decision).toString()).isInstanceOf(ReviewDecision.Approved.class);
    }

    @Test
    void info_missing_lists_every_failed_item_at_once_with_the_required_stops() {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.rollbackPlanPresent = false;
        submission.timeZone = null;
        submission.hops = List.of("16.3.9", "16.11.10", "17.3.7");

        ReviewDecision.InformationMissing decision = (ReviewDecision.InformationMissing) review(submission);

        assertThat(decision.deficiencies()).extracting(Deficiency::code).containsExactly(
                "UPGRADE_PLAN_REQUIRED_STOP_MISSING", "ROLLBACK_PLAN_MISSING", "MAINTENANCE_WINDOW_TIMEZONE_MISSING");
        assertThat(decision.requiredStops()).containsExactly("16.3.9", "16.7.10", "16.11.10");
        assertThat(decision.deficiencies().get(0).hint()).contains("the required stop 16.7.10");
    }

    @Test
    void the_window_length_rule_counts_thirty_minutes_per_hop_plus_the_rollback() {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.durationMinutes = 200;

        ReviewDecision.InformationMissing decision = (ReviewDecision.InformationMissing) review(submission);

        assertThat(decision.deficiencies()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("200-minute window", "120 minutes: 4 hops x 30", "rollback (90 minutes)");
            assertThat(d.hint()).contains("at least 210 minutes");
        });
    }

    @Test
    void multiple_rails_nodes_in_the_architecture_switch_the_15_1_stop_on() {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.currentVersion = "15.0.5";
        submission.hops = new ArrayList<>(List.of("15.4.6", "15.11.13", "16.3.9", "16.7.10", "16.11.10", "17.3.7"));
        submission.multipleRailsNodes = false;
        submission.nodes = List.of(new Node("rails-1", List.of("RAILS")), new Node("rails-2", List.of("RAILS")));
        submission.durationMinutes = 480;

        ReviewDecision.InformationMissing decision = (ReviewDecision.InformationMissing) review(submission);

        assertThat(decision.requiredStops()).startsWith("15.1.6", "15.4.6");
        assertThat(codes(decision)).contains("UPGRADE_PLAN_REQUIRED_STOP_MISSING", "MULTIPLE_RAILS_NODES_DERIVED");
    }

    private static Arguments row(String item, Consumer<SubmissionBuilder> change, ReviewRule expected) {
        return Arguments.of(item, change, expected);
    }
}
