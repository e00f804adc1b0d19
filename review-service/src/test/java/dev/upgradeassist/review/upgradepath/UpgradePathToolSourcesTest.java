package dev.upgradeassist.review.upgradepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Upgrade Path tool's version list and alerts (stored samples in its formats, test resources
 * upgrade-path-tool/) read and compared with the data.
 */
class UpgradePathToolSourcesTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = UpgradePathToolSourcesTest.class.getClassLoader()
                .getResourceAsStream("upgrade-path-tool/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String shipped() throws IOException {
        try (InputStream in = UpgradePathToolSourcesTest.class.getClassLoader()
                .getResourceAsStream(UpgradePathCatalog.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_version_list_gives_the_newest_published_patch_of_each_minor_in_either_format() throws IOException {
        Map<MinorRelease, Version> fromIndex = UpgradePathToolSources.readPatchVersions(resource("index-sample.json"));
        Map<MinorRelease, Version> fromAllJs = UpgradePathToolSources.readPatchVersions(resource("all-sample.js"));

        assertThat(fromIndex).containsExactlyInAnyOrderEntriesOf(Map.of(
                MinorRelease.parse("16.11"), Version.parse("16.11.10"), MinorRelease.parse("17.3"), Version.parse("17.3.7"),
                MinorRelease.parse("17.5"), Version.parse("17.5.2"), MinorRelease.parse("17.6"), Version.parse("17.6.0")));
        assertThat(fromAllJs).isEqualTo(fromIndex);
    }

    @Test
    void a_malformed_version_list_is_refused() {
        for (String bad : List.of("", "{\"versions\": []}", "[]", "[{\"version\":\"17.5\"}]",
                "[{\"version\":\"17.5.2-ee\"}]", "const versions = {\"targets\":[]}\nexport default versions;")) {
            assertThatThrownBy(() -> UpgradePathToolSources.readPatchVersions(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void the_alerts_are_read_with_their_phase_and_the_stop_they_require() throws IOException {
        List<UpgradePathToolSources.ToolAlert> alerts = UpgradePathToolSources.readAlerts(resource("alerts-sample.yml"));

        assertThat(alerts).hasSize(3);
        UpgradePathToolSources.ToolAlert npm = alerts.get(0);
        assertThat(npm.start()).isEqualTo(Version.parse("16.0.0"));
        assertThat(npm.end()).isEqualTo(Version.parse("16.4.0"));
        assertThat(npm.severity()).isEqualTo("warning");
        assertThat(npm.requiresVersion()).isEqualTo("16.1");
        assertThat(npm.checkWhen()).isEqualTo("preupgrade");
        assertThat(npm.message()).contains("npm packages");
        assertThat(alerts.get(1).title()).isEqualTo("Expiring Access Tokens");
        assertThat(alerts.get(1).requiresVersion()).isNull();
        assertThat(alerts.get(2).checkWhen()).isEqualTo("postupgrade");
    }

    @Test
    void malformed_alerts_are_refused() {
        for (String bad : List.of("", "- start: \"16.0.0\"\n  severity: warning\n  title: t\n",
                "- { start: \"16.0\", end: \"16.4.0\", severity: warning, title: t }",
                "- { start: \"16.4.0\", end: \"16.0.0\", severity: warning, title: t }",
                "- { start: \"16.0.0\", end: \"16.4.0\", severity: notice, title: t }",
                "- { start: \"16.0.0\", end: \"16.4.0\", severity: warning, title: t, check_when: during }",
                "- { start: \"16.0.0\", end: \"16.4.0\", severity: warning }", "start: x")) {
            assertThatThrownBy(() -> UpgradePathToolSources.readAlerts(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void the_shipped_data_agrees_with_the_tools_patches_and_alerts() throws IOException {
        List<String> notes = UpgradePathToolSources.compare(UpgradePathCatalog.loadDefault(),
                UpgradePathToolSources.readPatchVersions(resource("index-sample.json")),
                UpgradePathToolSources.readAlerts(resource("alerts-sample.yml")));

        // 17.3.7 and 16.11.10 are the newest published in the sample; the data's 17.5.5 is newer than its 17.5.2
        assertThat(notes).isEmpty();
    }

    @Test
    void a_stale_patch_an_unverified_stop_with_published_patches_and_a_missing_alert_are_reported() throws IOException {
        String data = shipped();
        String stale = data.replace("latestPatch: \"16.11.10\"", "latestPatch: \"16.11.9\"")
                .replace("- { stop: \"17.3\",  latestPatch: \"17.3.7\",   source: \"[S24]\" }",
                        "- { stop: \"17.3\",  verified: false, source: \"[S24]\" }");
        assertThat(stale).contains("16.11.9", "stop: \"17.3\",  verified: false");
        String testOnlyAlert = """
                - { start: "17.0.0", end: "17.2.0", severity: error, title: "Test only: not in the data",
                    requires_version: null, check_when: preupgrade, message: "x" }
                """;

        List<String> notes = UpgradePathToolSources.compare(
                UpgradePathCatalog.parse(stale.getBytes(StandardCharsets.UTF_8)),
                UpgradePathToolSources.readPatchVersions(resource("index-sample.json")),
                UpgradePathToolSources.readAlerts(testOnlyAlert.getBytes(StandardCharsets.UTF_8)));

        assertThat(notes).containsExactly(
                "patch 16.11: the data says 16.11.9, the newest published patch is 16.11.10 (check GitLab's upgrade"
                        + " notes before changing latestPatch)",
                "patch 17.3: verified: false in the data; the newest published patch is 17.3.7 (set latestPatch only"
                        + " when GitLab's notes confirm it)",
                "alert missing: \"Test only: not in the data\" (17.0.0–17.2.0, error, preupgrade): add it by hand"
                        + " with its source");
    }
}
