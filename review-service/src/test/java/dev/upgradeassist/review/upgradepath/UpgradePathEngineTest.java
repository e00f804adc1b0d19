package dev.upgradeassist.review.upgradepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.review.fixtures.Reviews;
import dev.upgradeassist.review.rules.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Domain §c: required stops, conditional stops, hop checks, known-bad patches and alerts. */
class UpgradePathEngineTest {

    private static final UpgradePathEngine ENGINE = Reviews.ENGINE;

    private static final EnvironmentFlags MULTI_RAILS = new EnvironmentFlags(true, false, false, false, false);
    private static final EnvironmentFlags USERS_30K = new EnvironmentFlags(false, true, false, false, false);
    private static final EnvironmentFlags NPM = new EnvironmentFlags(false, false, true, false, false);
    private static final EnvironmentFlags PIPELINE_VARS = new EnvironmentFlags(false, false, false, true, false);
    private static final EnvironmentFlags PIPELINE_MESSAGES = new EnvironmentFlags(false, false, false, false, true);

    static Stream<Arguments> conditionalStops() {
        return Stream.of(
                Arguments.of("multiple Rails nodes", MULTI_RAILS, "15.1.6", true),
                Arguments.of("single Rails node", EnvironmentFlags.NONE, "15.1.6", false),
                Arguments.of("30k users", USERS_30K, "16.0.10", true),
                Arguments.of("fewer users", EnvironmentFlags.NONE, "16.0.10", false),
                Arguments.of("large pipeline variables need 16.0", PIPELINE_VARS, "16.0.10", true),
                Arguments.of("large pipeline variables need 16.2", PIPELINE_VARS, "16.2.11", true),
                Arguments.of("small pipeline variables", EnvironmentFlags.NONE, "16.2.11", false),
                Arguments.of("NPM packages", NPM, "16.1.8", true),
                Arguments.of("no NPM packages", EnvironmentFlags.NONE, "16.1.8", false),
                Arguments.of("30k users do not need 16.1", USERS_30K, "16.1.8", false),
                Arguments.of("large ci_pipeline_messages", PIPELINE_MESSAGES, "17.1.8", true),
                Arguments.of("small ci_pipeline_messages", EnvironmentFlags.NONE, "17.1.8", false));
    }

    @ParameterizedTest(name = "{0}: {2} required = {3}")
    @MethodSource("conditionalStops")
    void a_conditional_stop_is_required_only_when_its_condition_holds(String name, EnvironmentFlags flags,
                                                                       String stop, boolean required) {
        UpgradePath path = ENGINE.plan(Version.parse("15.0.0"), Version.parse("17.3.7"), flags);

        if (required) {
            assertThat(path.requiredStopVersions()).contains(stop);
        } else {
            assertThat(path.requiredStopVersions()).doesNotContain(stop);
        }
    }

    @Test
    void the_documented_example_path_lists_the_latest_patch_of_each_unconditional_stop() {
        UpgradePath path = ENGINE.plan(Version.parse("15.11.13"), Version.parse("17.3.7"), EnvironmentFlags.NONE);

        assertThat(path.requiredStopVersions()).containsExactly("16.3.9", "16.7.10", "16.11.10");
    }

    @Test
    void every_condition_on_gives_every_stop_in_order() {
        EnvironmentFlags all = new EnvironmentFlags(true, true, true, true, true);

        UpgradePath path = ENGINE.plan(Version.parse("14.10.5"), Version.parse("17.3.7"), all);

        assertThat(path.requiredStopVersions()).containsExactly("15.0.5", "15.1.6", "15.4.6", "15.11.13", "16.0.10",
                "16.1.8", "16.2.11", "16.3.9", "16.7.10", "16.11.10", "17.1.8");
    }

    @Test
    void a_current_version_below_the_latest_patch_of_a_stop_goes_to_that_patch_first() {
        UpgradePath path = ENGINE.plan(Version.parse("15.11.5"), Version.parse("16.3.9"), EnvironmentFlags.NONE);

        assertThat(path.requiredStopVersions()).containsExactly("15.11.13");
    }

    @Test
    void a_target_on_a_stop_line_is_the_last_hop_not_a_stop() {
        UpgradePath path = ENGINE.plan(Version.parse("16.3.9"), Version.parse("16.7.2"), EnvironmentFlags.NONE);

        assertThat(path.requiredStopVersions()).isEmpty();
    }

    @Test
    void a_path_from_before_the_first_stop_starts_at_8_11() {
        UpgradePath path = ENGINE.plan(Version.parse("8.5.0"), Version.parse("9.0.0"), EnvironmentFlags.NONE);

        assertThat(path.requiredStopVersions()).containsExactly("8.11.11", "8.12.13", "8.17.8");
    }

    @Test
    void the_19x_stops_are_confirmed_stops_with_unknown_patches_not_projections() {
        UpgradePath path = ENGINE.plan(Version.parse("18.11.2"), Version.parse("19.9.0"), EnvironmentFlags.NONE);
        Observations obs = new Observations();
        ENGINE.reportPath(path, obs);

        assertThat(path.requiredStopVersions()).containsExactly("18.11.9", "19.2", "19.5", "19.8");
        assertThat(path.requiredStops()).filteredOn(s -> s.release().major() == 19)
                .allSatisfy(s -> {
                    assertThat(s.verified()).isFalse();
                    assertThat(s.projected()).isFalse();
                    assertThat(s.latestPatch()).isNull();
                });
        assertThat(obs.findings()).extracting(Finding::code).doesNotContain("UPGRADE_PATH_STOPS_PROJECTED");
    }

    @Test
    void stops_beyond_the_list_are_projected_from_the_cadence() {
        UpgradePath path = ENGINE.plan(Version.parse("19.11.0"), Version.parse("20.9.0"), EnvironmentFlags.NONE);
        Observations obs = new Observations();
        ENGINE.reportPath(path, obs);

        assertThat(path.requiredStopVersions()).containsExactly("20.2.x", "20.5.x", "20.8.x");
        assertThat(obs.findings()).extracting(Finding::code).contains("UPGRADE_PATH_STOPS_PROJECTED");
    }

    @Test
    void an_unverified_stop_never_drives_a_not_latest_patch_warning() {
        Observations obs = check("17.11.7", "18.5.3", List.of("18.2.0", "18.5.3"));

        assertThat(obs.deficiencies()).isEmpty();
        assertThat(obs.findings()).extracting(Finding::code).doesNotContain("UPGRADE_PLAN_HOP_NOT_LATEST_PATCH");
    }

    @Test
    void a_missing_unverified_stop_is_named_by_its_line() {
        Observations obs = check("17.11.7", "18.5.3", List.of("18.5.3"));

        assertThat(obs.deficiencies()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("UPGRADE_PLAN_REQUIRED_STOP_MISSING");
            assertThat(d.message()).contains("stop 18.2 (the latest 18.2 patch)");
        });
    }

    @Test
    void a_hop_below_the_18_11_patch_the_19x_notes_require_is_a_warning() {
        Observations obs = check("18.8.0", "19.0.3", List.of("18.11.6", "19.0.3"));

        assertThat(obs.findings()).filteredOn(f -> f.code().equals("UPGRADE_PLAN_HOP_NOT_LATEST_PATCH"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("18.11.9 instead of 18.11.6"));
    }

    @Test
    void a_target_that_is_not_newer_is_rejected() {
        assertThatThrownBy(() -> ENGINE.plan(Version.parse("17.3.7"), Version.parse("17.3.7"), EnvironmentFlags.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- a path from 15.0 to 18.8 that skips each unconditional stop in turn -----------------------

    private static final List<String> FULL_PATH_15_0_TO_18_8 = List.of("15.0.5", "15.4.6", "15.11.13", "16.3.9",
            "16.7.10", "16.11.10", "17.3.7", "17.5.5", "17.8.7", "17.11.7", "18.2", "18.5", "18.8.7");

    /** The hops a customer writes: any patch of an unverified stop's line. */
    private static final List<String> HOPS_15_0_TO_18_8 = List.of("15.0.5", "15.4.6", "15.11.13", "16.3.9",
            "16.7.10", "16.11.10", "17.3.7", "17.5.5", "17.8.7", "17.11.7", "18.2.6", "18.5.2", "18.8.7");

    static Stream<String> unconditionalStopsFrom15To18_8() {
        return FULL_PATH_15_0_TO_18_8.subList(0, FULL_PATH_15_0_TO_18_8.size() - 1).stream();
    }

    @Test
    void the_full_path_from_15_0_to_18_8_passes() {
        UpgradePath path = ENGINE.plan(Version.parse("15.0.0"), Version.parse("18.8.7"), EnvironmentFlags.NONE);
        Observations obs = new Observations();

        ENGINE.checkHops(path, HOPS_15_0_TO_18_8, obs);

        assertThat(path.requiredStopVersions()).containsExactlyElementsOf(unconditionalStopsFrom15To18_8().toList());
        assertThat(obs.deficiencies()).isEmpty();
    }

    @ParameterizedTest(name = "skipping {0}")
    @MethodSource("unconditionalStopsFrom15To18_8")
    void a_path_that_skips_an_unconditional_stop_is_a_deficiency(String skipped) {
        UpgradePath path = ENGINE.plan(Version.parse("15.0.0"), Version.parse("18.8.7"), EnvironmentFlags.NONE);
        List<String> hops = new ArrayList<>(HOPS_15_0_TO_18_8);
        hops.removeIf(hop -> hop.startsWith(skipped.matches("\\d+\\.\\d+") ? skipped + "." : skipped));
        Observations obs = new Observations();

        ENGINE.checkHops(path, hops, obs);

        assertThat(obs.deficiencies()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("UPGRADE_PLAN_REQUIRED_STOP_MISSING");
            assertThat(d.message()).contains(skipped);
        });
    }

    // --- patches ------------------------------------------------------------------------------------

    @Test
    void a_stop_below_its_latest_patch_is_a_warning_naming_the_latest_patch() {
        Observations obs = check("16.11.10", "17.3.2", List.of("17.3.2"));

        assertThat(obs.deficiencies()).isEmpty();
        assertThat(obs.findings()).filteredOn(f -> f.code().equals("UPGRADE_PLAN_HOP_NOT_LATEST_PATCH"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                    assertThat(f.message()).contains("17.3.7 instead of 17.3.2");
                });
    }

    @Test
    void a_patch_newer_than_the_catalog_knows_is_accepted() {
        Observations obs = check("18.5.5", "18.8.9", List.of("18.8.9"));

        assertThat(obs.deficiencies()).isEmpty();
        assertThat(obs.findings()).extracting(Finding::code).doesNotContain("UPGRADE_PLAN_HOP_NOT_LATEST_PATCH");
    }

    @Test
    void a_known_bad_patch_is_a_deficiency_naming_the_fix() {
        Observations obs = check("18.8.7", "18.11.1", List.of("18.11.1"));

        assertThat(obs.deficiencies()).extracting(Deficiency::code).contains("UPGRADE_PLAN_KNOWN_BAD_PATCH");
        assertThat(obs.deficiencies().get(0).hint()).contains("18.11.1", "18.11.2");
    }

    @Test
    void the_fixed_patch_is_not_known_bad() {
        Observations obs = check("18.8.7", "18.11.2", List.of("18.11.2"));

        assertThat(obs.deficiencies()).isEmpty();
    }

    @Test
    void a_known_bad_intermediate_hop_is_a_deficiency() {
        Observations obs = check("18.8.7", "18.10.4", List.of("18.9.1", "18.10.4"));

        assertThat(obs.deficiencies()).extracting(Deficiency::code).containsExactly("UPGRADE_PLAN_KNOWN_BAD_PATCH");
    }

    // --- alerts ---------------------------------------------------------------------------------------

    static Stream<Arguments> alerts() {
        return Stream.of(
                Arguments.of("15.11.13", "17.3.7", "GLIBC_POSTGRESQL_INDEXES", true),
                Arguments.of("15.11.13", "17.3.7", "ACCESS_TOKEN_EXPIRY", true),
                Arguments.of("15.11.13", "17.3.7", "ENCRYPTION_SECRETS_17_8", false),
                Arguments.of("15.0.5", "15.4.6", "MULTIPLE_RAILS_NODES_15_1", true),
                Arguments.of("17.11.7", "18.2.6", "ENCRYPTION_SECRETS_17_8", true),
                // the end of an alert is inclusive (the Upgrade Path tool: end >= current)
                Arguments.of("17.11.0", "18.2.6", "GLIBC_POSTGRESQL_INDEXES", true),
                Arguments.of("17.11.1", "18.2.6", "GLIBC_POSTGRESQL_INDEXES", false),
                Arguments.of("15.4.6", "15.11.13", "MULTIPLE_RAILS_NODES_15_1", true),
                Arguments.of("15.4.7", "15.11.13", "MULTIPLE_RAILS_NODES_15_1", false),
                Arguments.of("16.11.10", "17.3.7", "OPENSSL_3_17_7", true));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2} = {3}")
    @MethodSource("alerts")
    void alerts_are_reported_when_their_range_overlaps_the_path(String from, String to, String alert,
                                                                 boolean reported) {
        UpgradePath path = ENGINE.plan(Version.parse(from), Version.parse(to), EnvironmentFlags.NONE);
        Observations obs = new Observations();
        ENGINE.reportPath(path, obs);

        List<String> codes = obs.findings().stream().map(Finding::code).toList();
        if (reported) {
            assertThat(codes).contains("ALERT_" + alert);
        } else {
            assertThat(codes).doesNotContain("ALERT_" + alert);
        }
    }

    @Test
    void an_error_alert_is_a_warning_and_a_warning_alert_an_advisory() {
        UpgradePath path = ENGINE.plan(Version.parse("15.11.13"), Version.parse("17.3.7"), EnvironmentFlags.NONE);
        Observations obs = new Observations();
        ENGINE.reportPath(path, obs);

        assertThat(obs.findings()).filteredOn(f -> f.code().equals("ALERT_GLIBC_POSTGRESQL_INDEXES"))
                .extracting(Finding::severity).containsExactly(Finding.Severity.WARNING);
        assertThat(obs.findings()).filteredOn(f -> f.code().equals("ALERT_OPENSSL_3_17_7"))
                .extracting(Finding::severity).containsExactly(Finding.Severity.ADVISORY);
    }

    @Test
    void the_catalog_steps_one_minor_at_a_time_across_major_boundaries() {
        UpgradePathCatalog catalog = ENGINE.catalog();

        assertThat(catalog.next(new MinorRelease(16, 3))).isEqualTo(new MinorRelease(16, 4));
        assertThat(catalog.next(new MinorRelease(16, 11))).isEqualTo(new MinorRelease(17, 0));
        assertThat(catalog.next(new MinorRelease(8, 17))).isEqualTo(new MinorRelease(9, 0));
        assertThat(catalog.next(new MinorRelease(13, 12))).isEqualTo(new MinorRelease(14, 0));
        assertThat(IntStream.rangeClosed(0, 10).mapToObj(m -> catalog.next(new MinorRelease(19, m))))
                .last().isEqualTo(new MinorRelease(19, 11));
    }

    private static Observations check(String from, String to, List<String> hops) {
        UpgradePath path = ENGINE.plan(Version.parse(from), Version.parse(to), EnvironmentFlags.NONE);
        Observations obs = new Observations();
        ENGINE.checkHops(path, hops, obs);
        return obs;
    }
}
