package dev.upgradeassist.review.upgradepath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.review.fixtures.Reviews;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table-driven check of the engine against GitLab's published upgrade paths: the stops of
 * config/upgrade_path.yml, the conditional stops of the Upgrade Path tool's alerts, the 18.x and
 * 19.x "Required upgrade stops" sections and the 19.x notes ("18.11.9 or later before 19.0").
 * Expected stops were written from those documents, not from the engine. Flags: R multiple Rails
 * nodes, U over 30k users, N npm packages, V large pipeline variables, M large
 * ci_pipeline_messages; '-' none. A stop without a published patch is its line ("18.2"); a
 * projected one "20.2.x".
 */
class PublishedUpgradePathsTest {

    @ParameterizedTest(name = "{0} -> {1} [{2}] = {3}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            15.11.13 | 17.3.7   | -     | 16.3.9 16.7.10 16.11.10
            15.11.13 | 17.3.7   | N     | 16.1.8 16.3.9 16.7.10 16.11.10
            15.11.13 | 17.3.7   | U     | 16.0.10 16.3.9 16.7.10 16.11.10
            15.11.13 | 17.3.7   | V     | 16.0.10 16.2.11 16.3.9 16.7.10 16.11.10
            15.11.13 | 17.3.7   | M     | 16.3.9 16.7.10 16.11.10 17.1.8
            15.11.13 | 17.3.7   | RUNVM | 16.0.10 16.1.8 16.2.11 16.3.9 16.7.10 16.11.10 17.1.8
            15.11.5  | 16.3.9   | -     | 15.11.13
            15.11.12 | 16.0.0   | -     | 15.11.13
            15.11.13 | 16.0.0   | -     | none
            16.3.0   | 16.7.10  | -     | 16.3.9
            16.3.9   | 16.7.10  | -     | none
            16.7.1   | 17.0.0   | -     | 16.7.10 16.11.10
            16.11.10 | 17.3.7   | -     | none
            16.11.10 | 17.3.7   | M     | 17.1.8
            16.11.10 | 17.1.3   | M     | none
            17.1.8   | 17.5.5   | -     | 17.3.7
            17.3.7   | 17.8.7   | -     | 17.5.5
            17.5.0   | 17.8.0   | -     | 17.5.5
            17.8.7   | 18.0.0   | -     | 17.11.7
            17.11.7  | 18.2.6   | -     | none
            17.11.7  | 18.5.3   | -     | 18.2
            17.11.3  | 18.5.3   | -     | 17.11.7 18.2
            17.11.7  | 18.8.7   | -     | 18.2 18.5
            17.11.7  | 18.11.9  | -     | 18.2 18.5 18.8
            17.11.7  | 19.0.2   | -     | 18.2 18.5 18.8 18.11.9
            18.2.0   | 18.5.2   | -     | none
            18.2.6   | 18.8.7   | -     | 18.5
            18.5.2   | 18.11.9  | -     | 18.8
            18.4.3   | 18.6.0   | -     | 18.5
            18.5.0   | 18.8.0   | -     | none
            18.8.7   | 19.0.2   | -     | 18.11.9
            18.11.2  | 19.0.2   | -     | 18.11.9
            18.11.7  | 19.0.2   | -     | 18.11.9
            18.11.0  | 19.1.0   | RUNVM | 18.11.9
            18.11.9  | 19.0.2   | -     | none
            18.11.9  | 19.3.0   | -     | 19.2
            18.11.9  | 19.2.1   | -     | none
            19.0.2   | 19.6.0   | -     | 19.2 19.5
            19.2.1   | 19.11.0  | -     | 19.5 19.8
            19.5.0   | 20.0.0   | -     | 19.8 19.11
            19.11.0  | 20.3.0   | -     | 20.2.x
            18.11.9  | 20.0.0   | -     | 19.2 19.5 19.8 19.11
            18.11.9  | 20.6.0   | -     | 19.2 19.5 19.8 19.11 20.2.x 20.5.x
            17.11.7  | 19.9.0   | -     | 18.2 18.5 18.8 18.11.9 19.2 19.5 19.8
            14.10.5  | 15.11.13 | -     | 15.0.5 15.4.6
            14.10.5  | 15.11.13 | R     | 15.0.5 15.1.6 15.4.6
            15.0.5   | 15.4.6   | R     | 15.1.6
            15.1.6   | 15.11.13 | R     | 15.4.6
            15.0.0   | 15.2.0   | R     | 15.0.5 15.1.6
            15.0.0   | 15.2.0   | -     | 15.0.5
            15.4.6   | 16.3.9   | UNV   | 15.11.13 16.0.10 16.1.8 16.2.11
            16.0.10  | 16.3.9   | N     | 16.1.8
            16.0.10  | 16.3.9   | V     | 16.2.11
            16.0.3   | 16.3.9   | V     | 16.0.10 16.2.11
            16.0.3   | 16.3.9   | U     | 16.0.10
            16.1.8   | 16.3.9   | N     | none
            8.5.0    | 9.0.0    | -     | 8.11.11 8.12.13 8.17.8
            8.17.8   | 10.0.0   | -     | 9.5.10
            9.5.10   | 11.0.0   | -     | 10.0.7 10.8.7
            10.8.7   | 12.0.0   | -     | 11.0.6 11.11.8
            11.11.8  | 13.0.0   | -     | 12.0.12 12.1.17 12.10.14
            12.10.14 | 14.0.0   | -     | 13.0.14 13.1.11 13.8.8 13.12.15
            13.12.15 | 14.10.5  | -     | 14.0.12 14.3.6 14.9.5
            14.0.0   | 14.4.0   | -     | 14.0.12 14.3.6
            14.9.5   | 15.0.5   | -     | 14.10.5
            12.0.3   | 12.2.0   | -     | 12.0.12 12.1.17
            13.1.11  | 13.9.0   | -     | 13.8.8
            16.11.10 | 18.0.0   | -     | 17.3.7 17.5.5 17.8.7 17.11.7
            16.11.10 | 18.0.0   | M     | 17.1.8 17.3.7 17.5.5 17.8.7 17.11.7
            15.0.0   | 18.8.7   | -     | 15.0.5 15.4.6 15.11.13 16.3.9 16.7.10 16.11.10 17.3.7 17.5.5 17.8.7 17.11.7 18.2 18.5
            16.7.10  | 16.11.10 | -     | none
            16.7.3   | 16.7.10  | -     | none
            """)
    void the_engine_gives_the_published_stops(String from, String to, String flags, String expected) {
        EnvironmentFlags environment = new EnvironmentFlags(flags.contains("R"), flags.contains("U"),
                flags.contains("N"), flags.contains("V"), flags.contains("M"));

        UpgradePath path = Reviews.ENGINE.plan(Version.parse(from), Version.parse(to), environment);

        List<String> stops = expected == null ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(path.requiredStopVersions()).containsExactlyElementsOf(stops);
        // a stop shown without a patch is never presented as verified
        assertThat(path.requiredStops()).allSatisfy(stop ->
                assertThat(stop.verified()).isEqualTo(stop.display().matches("\\d+\\.\\d+\\.\\d+")));
    }
}
