package dev.upgradeassist.review.upgradepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The stop list is data: the shipped file must load, and broken data must fail loudly. */
class UpgradePathCatalogTest {

    @Test
    void the_shipped_catalog_lists_the_38_stops_of_the_domain_table_and_the_four_19x_stops() {
        UpgradePathCatalog catalog = UpgradePathCatalog.loadDefault();

        assertThat(catalog.stops()).hasSize(42);
        assertThat(catalog.stops()).filteredOn(s -> !s.verified()).extracting(UpgradeStop::display)
                .containsExactly("18.2", "18.5", "18.8", "19.2", "19.5", "19.8", "19.11");
        assertThat(catalog.stops()).allSatisfy(s -> assertThat(s.source()).isNotBlank());
        assertThat(catalog.stops().get(0).display()).isEqualTo("8.11.11");
        assertThat(catalog.stops()).filteredOn(UpgradeStop::conditional).extracting(UpgradeStop::display)
                .containsExactly("15.1.6", "16.0.10", "16.1.8", "16.2.11", "17.1.8");
        assertThat(catalog.alerts()).isNotEmpty();
        assertThat(catalog.knownBadPatches()).isNotEmpty();
    }

    @Test
    void stops_from_17_5_follow_the_x2_x5_x8_x11_cadence() {
        UpgradePathCatalog catalog = UpgradePathCatalog.loadDefault();

        assertThat(catalog.stops()).filteredOn(s -> !s.release().isBefore(new MinorRelease(17, 5)))
                .extracting(s -> s.release().minor()).allMatch(m -> m == 2 || m == 5 || m == 8 || m == 11);
    }

    static Stream<Arguments> brokenCatalogs() {
        return Stream.of(
                Arguments.of("stops out of order", catalog("""
                        - { stop: "16.7", latestPatch: "16.7.10", source: x }
                        - { stop: "16.3", latestPatch: "16.3.9", source: x }""", "")),
                Arguments.of("a stop off the cadence", catalog("""
                        - { stop: "17.6", latestPatch: "17.6.1", source: x }""", "")),
                Arguments.of("a latest patch of another line", catalog("""
                        - { stop: "16.3", latestPatch: "16.4.1", source: x }""", "")),
                Arguments.of("a known-bad latest patch", catalog("""
                        - { stop: "16.3", latestPatch: "16.3.9", source: x }""", """
                        knownBadPatches:
                          - { from: "16.3.8", to: "16.3.9", fixedIn: "16.3.10", title: t, source: x }""")),
                Arguments.of("a version that is not one", catalog("""
                        - { stop: "16.3", latestPatch: "latest", source: x }""", "")),
                Arguments.of("a guessed patch marked unverified", catalog("""
                        - { stop: "16.3", latestPatch: "16.3.9", verified: false, source: x }""", "")),
                Arguments.of("verified that is not a boolean", catalog("""
                        - { stop: "16.3", latestPatch: "16.3.9", verified: "maybe", source: x }""", "")),
                Arguments.of("a stop without a source", catalog("""
                        - { stop: "16.3", latestPatch: "16.3.9" }""", "")),
                Arguments.of("not YAML at all", "stops: [ {"),
                Arguments.of("an unknown condition", catalog("""
                        - { stop: "16.3", latestPatch: "16.3.9", source: x, when: [LOTS_OF_CATS] }""", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCatalogs")
    void a_broken_catalog_is_refused(String problem, String yaml) {
        assertThatThrownBy(() -> UpgradePathCatalog.load(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static String catalog(String stops, String extra) {
        return """
                finalMinors: { "16": 11, "17": 11 }
                defaultFinalMinor: 11
                cadence: { since: "17.5", minors: [2, 5, 8, 11] }
                stops:
                """ + stops.indent(2) + extra + "\n";
    }
}
