package dev.upgradeassist.review.upgradepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GitLab's config/upgrade_path.yml (stored copy) imported into the product's data. */
class UpgradePathImporterTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = UpgradePathImporterTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static final List<String> NOT_IN_GITLABS_FILE = List.of(
            "15.1", "16.0", "16.1", "16.2", // conditional stops from the tool's alerts
            "19.2", "19.5", "19.8", "19.11"); // the 19.x notes (the stored file ends at 18.11)

    @Test
    void importing_the_stored_upgrade_path_yml_reproduces_the_data_stop_list() throws IOException {
        byte[] upstream = resource("upgrade-path/gitlab-upgrade_path.yml");
        String data = new String(resource(UpgradePathCatalog.DEFAULT_RESOURCE), StandardCharsets.UTF_8);

        UpgradePathImporter.Result result = UpgradePathImporter.importInto(upstream, data);

        UpgradePathCatalog shipped = UpgradePathCatalog.parse(data.getBytes(StandardCharsets.UTF_8));
        assertThat(result.upstream()).hasSize(34).containsExactlyElementsOf(shipped.stops().stream()
                .map(UpgradeStop::release).filter(r -> !NOT_IN_GITLABS_FILE.contains(r.toString())).toList());
        assertThat(result.added()).isEmpty();
        assertThat(result.keptNotUpstream()).extracting(MinorRelease::toString)
                .containsExactlyElementsOf(NOT_IN_GITLABS_FILE);
        assertThat(result.data()).isEqualTo(data);
    }

    @Test
    void stops_missing_from_the_data_are_added_in_order_as_unverified_with_their_source() throws IOException {
        byte[] upstream = resource("upgrade-path/gitlab-upgrade_path.yml");
        String data = new String(resource(UpgradePathCatalog.DEFAULT_RESOURCE), StandardCharsets.UTF_8);
        String stale = data.lines().filter(l -> !l.contains("stop: \"14.0\"") && !l.contains("stop: \"18.8\""))
                .reduce("", (a, b) -> a + b + "\n");

        UpgradePathImporter.Result result = UpgradePathImporter.importInto(upstream, stale);

        assertThat(result.added()).extracting(MinorRelease::toString).containsExactly("14.0", "18.8");
        UpgradePathCatalog imported = UpgradePathCatalog.parse(result.data().getBytes(StandardCharsets.UTF_8));
        UpgradePathCatalog shipped = UpgradePathCatalog.parse(data.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.stops()).extracting(UpgradeStop::release)
                .containsExactlyElementsOf(shipped.stops().stream().map(UpgradeStop::release).toList());
        UpgradeStop readded = imported.stop(new MinorRelease(14, 0)).orElseThrow();
        assertThat(readded.verified()).isFalse();
        assertThat(readded.latestPatch()).isNull();
        assertThat(readded.source()).contains("upgrade_path.yml");
        assertThat(readded.note()).contains("Migrations can take a long time");
    }

    @Test
    void a_malformed_upgrade_path_yml_is_refused() throws IOException {
        String data = new String(resource(UpgradePathCatalog.DEFAULT_RESOURCE), StandardCharsets.UTF_8);

        for (String bad : List.of("- { major: 16 }", "{ major: 16, minor: 3 }", "- { major: 16, minor: 7 }\n"
                + "- { major: 16, minor: 3 }", "- major: [", "- { major: \"x\", minor: 1 }")) {
            assertThatThrownBy(() -> UpgradePathImporter.importInto(bad.getBytes(StandardCharsets.UTF_8), data))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void an_upstream_stop_that_breaks_the_data_rules_is_refused() {
        String data = """
                finalMinors: { "17": 11 }
                defaultFinalMinor: 11
                cadence: { since: "17.5", minors: [2, 5, 8, 11] }
                stops:
                  - { stop: "17.5", latestPatch: "17.5.5", source: x }
                """;

        assertThatThrownBy(() -> UpgradePathImporter.importInto(
                "- { major: 17, minor: 6 }".getBytes(StandardCharsets.UTF_8), data))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cadence");
    }
}
