package dev.upgradeassist.systemtests.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.report.Latency;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CapacityResultTest {

    private static CapacityResult.Step step(double rate, long p99Millis, int unfinished) {
        Latency firstMail = Latency.ofMillis(List.of(p99Millis));
        return new CapacityResult.Step(rate, 60, firstMail, firstMail, unfinished, 1.0, 0.5, 1.0, 2);
    }

    @Test
    void the_sustained_rate_is_the_last_step_every_request_of_which_finished() {
        CapacityResult result = new CapacityResult(60, List.of(step(2, 400, 0), step(4, 1_500, 0), step(6, 9_000, 12)), Optional.empty());

        assertThat(result.sustainedRate()).isEqualTo(4.0);
    }

    @Test
    void the_p99_rate_is_the_last_kept_up_step_whose_p99_first_email_was_within_a_second() {
        CapacityResult result = new CapacityResult(60, List.of(step(2, 400, 0), step(4, 1_500, 0), step(6, 900, 3)), Optional.empty());

        assertThat(result.p99Rate()).isEqualTo(2.0);
    }

    @Test
    void when_no_step_kept_up_both_rates_are_unknown() {
        CapacityResult result = new CapacityResult(60, List.of(step(2, 400, 1)), Optional.empty());

        assertThat(result.sustainedRate()).isNaN();
        assertThat(result.p99Rate()).isNaN();
    }
}
