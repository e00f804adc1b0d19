package dev.upgradeassist.review.decision;

import static dev.upgradeassist.review.fixtures.Reviews.codes;
import static dev.upgradeassist.review.fixtures.Reviews.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.contracts.model.InstallMethod;
import dev.upgradeassist.contracts.model.Topology;
import dev.upgradeassist.review.fixtures.SubmissionBuilder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Domain §c Z1-Z3: when a zero-downtime claim holds. */
class ZeroDowntimeTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                zeroDowntime("one minor, multi-node Linux package", s -> path(s, "17.1.8", "17.2.5"),
                        "ZERO_DOWNTIME_REQUIREMENTS"),
                zeroDowntime("minor by minor over several hops", s -> path(s, "17.0.8", "17.1.8", "17.2.5", "17.3.7"),
                        "ZERO_DOWNTIME_REQUIREMENTS"),
                zeroDowntime("x.11 to the next major's .0", s -> path(s, "16.11.10", "17.0.8"),
                        "ZERO_DOWNTIME_REQUIREMENTS"),
                zeroDowntime("a patch upgrade", s -> path(s, "17.3.2", "17.3.7"), "ZERO_DOWNTIME_REQUIREMENTS"),
                zeroDowntime("Z1 single node", s -> {
                    path(s, "17.1.8", "17.2.5");
                    s.topology = Topology.SINGLE_NODE;
                    s.nodes = List.of();
                }, "ZERO_DOWNTIME_SINGLE_NODE"),
                zeroDowntime("Z2 skipping a minor in one hop", s -> path(s, "17.1.8", "17.3.7"),
                        "ZERO_DOWNTIME_SKIPS_MINORS"),
                zeroDowntime("Z2 the documented multi-stop path", s -> { }, "ZERO_DOWNTIME_SKIPS_MINORS"),
                zeroDowntime("Z2 skipping x.0 of the next major", s -> path(s, "16.11.10", "17.1.8"),
                        "ZERO_DOWNTIME_SKIPS_MINORS"),
                zeroDowntime("Z3 Helm", s -> {
                    path(s, "17.1.8", "17.2.5");
                    s.installMethod = InstallMethod.HELM;
                }, "ZERO_DOWNTIME_UNSUPPORTED_INSTALL_METHOD"),
                zeroDowntime("Z3 Docker", s -> {
                    path(s, "17.1.8", "17.2.5");
                    s.installMethod = InstallMethod.DOCKER;
                }, "ZERO_DOWNTIME_UNSUPPORTED_INSTALL_METHOD"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void a_zero_downtime_claim_is_checked(String name, Consumer<SubmissionBuilder> change, String expected) {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.zeroDowntime = true;
        change.accept(submission);

        ReviewDecision decision = review(submission);

        assertThat(codes(decision)).contains(expected);
        if (expected.equals("ZERO_DOWNTIME_REQUIREMENTS")) {
            assertThat(decision).as(codes(decision).toString()).isInstanceOf(ReviewDecision.Approved.class);
        } else {
            assertThat(decision).isInstanceOf(ReviewDecision.InformationMissing.class);
            assertThat(codes(decision)).doesNotContain("ZERO_DOWNTIME_REQUIREMENTS");
        }
    }

    @ParameterizedTest(name = "downtime upgrade of a single node passes")
    @MethodSource("downtime")
    void an_upgrade_with_downtime_needs_no_zero_downtime_rules(Consumer<SubmissionBuilder> change) {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        change.accept(submission);

        ReviewDecision decision = review(submission);

        assertThat(decision).isInstanceOf(ReviewDecision.Approved.class);
        assertThat(codes(decision)).noneMatch(c -> c.startsWith("ZERO_DOWNTIME"));
    }

    static Stream<Arguments> downtime() {
        return Stream.of(Arguments.of((Consumer<SubmissionBuilder>) s -> {
            s.topology = Topology.SINGLE_NODE;
            s.nodes = List.of();
        }));
    }

    private static void path(SubmissionBuilder s, String current, String... hops) {
        s.currentVersion = current;
        s.targetVersion = hops[hops.length - 1];
        s.hops = List.of(hops);
    }

    private static Arguments zeroDowntime(String name, Consumer<SubmissionBuilder> change, String expected) {
        return Arguments.of(name, change, expected);
    }
}
