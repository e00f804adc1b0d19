package dev.upgradeassist.systemtests.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void cpu_per_request_divides_the_milliseconds_by_the_requests() {
        assertThat(Figures.perRequest(12_500, 250)).isEqualTo(50.0);
    }

    @Test
    void a_phase_without_requests_shows_the_whole_amount_per_request_instead_of_dividing_by_zero() {
        assertThat(Figures.perRequest(300, 0)).isEqualTo(300.0);
    }

    @Test
    void a_share_of_samples_is_a_percentage_and_an_empty_profile_is_zero_percent() {
        assertThat(Figures.percentOf(25, 200)).isEqualTo(12.5);
        assertThat(Figures.percentOf(0, 0)).isZero();
    }

    @Test
    void the_ratio_to_the_bare_chain_is_how_many_times_the_pipeline_takes() {
        assertThat(Figures.times(450, 3)).isEqualTo(150.0);
    }

    @Test
    void a_throughput_fraction_is_the_baseline_divided_by_the_pipeline() {
        assertThat(Figures.fractionDenominator(20, 80_000)).isEqualTo(4_000.0);
    }

    @Test
    void rates_are_counts_over_seconds_between_two_clock_readings() {
        assertThat(Figures.seconds(1_000_000_000L, 3_500_000_000L)).isEqualTo(2.5);
        assertThat(Figures.perSecond(3_000, 60)).isEqualTo(50.0);
    }

    @Test
    void the_completed_rate_runs_from_the_first_submission_to_the_last_completion() {
        assertThat(Figures.completedPerSecond(600, 0, 20_000_000_000L)).isEqualTo(30.0);
        assertThat(Figures.secondsUntil(0, 20_000_000_000L)).isEqualTo(20.0);
    }

    @Test
    void without_a_last_completion_the_completed_rate_and_its_time_are_unknown() {
        assertThat(Figures.completedPerSecond(600, 5, 0)).isNaN();
        assertThat(Figures.secondsUntil(5, 0)).isNaN();
    }

    @Test
    void cores_busy_is_cpu_time_over_wall_time_and_the_machine_share_divides_by_the_cores() {
        double busy = Figures.coresBusy(90_000, 60_000);

        assertThat(busy).isEqualTo(1.5);
        assertThat(Figures.percentOfMachine(busy, 2)).isEqualTo(75.0);
    }

    @Test
    void a_p99_of_exactly_one_second_meets_the_first_email_line_and_anything_above_or_unknown_does_not() {
        assertThat(Figures.firstMailWithinLimit(1000)).isTrue();
        assertThat(Figures.firstMailWithinLimit(1000.5)).isFalse();
        assertThat(Figures.firstMailWithinLimit(Double.NaN)).isFalse();
    }

    @Test
    void a_burst_must_be_through_within_two_minutes_and_an_unfinished_one_is_not() {
        assertThat(Figures.burstWithinLimit(120)).isTrue();
        assertThat(Figures.burstWithinLimit(120.1)).isFalse();
        assertThat(Figures.burstWithinLimit(Double.NaN)).isFalse();
    }

    @Test
    void a_service_is_healthy_in_time_up_to_ten_seconds() {
        assertThat(Figures.healthyWithinLimit(10_000)).isTrue();
        assertThat(Figures.healthyWithinLimit(10_001)).isFalse();
    }

    @Test
    void the_fault_rate_asked_for_wins() {
        assertThat(Figures.faultRate(7.0, 30)).isEqualTo(7.0);
    }

    @Test
    void without_one_the_fault_rate_is_half_the_sustained_rate_between_one_and_ten() {
        assertThat(Figures.faultRate(null, 15)).isEqualTo(7.0);
        assertThat(Figures.faultRate(null, 50)).isEqualTo(10.0);
        assertThat(Figures.faultRate(null, 1)).isEqualTo(1.0);
    }

    @Test
    void without_capacity_steps_the_fault_rate_is_five() {
        assertThat(Figures.faultRate(null, Double.NaN)).isEqualTo(5.0);
    }

    @Test
    void recovery_counts_from_the_fault_never_below_zero_and_is_unknown_while_a_request_is_open() {
        assertThat(Figures.recoverySeconds(1_000_000_000L, 4_250_000_000L)).isCloseTo(3.25, within(1e-9));
        assertThat(Figures.recoverySeconds(5_000_000_000L, 4_000_000_000L)).isZero();
        assertThat(Figures.recoverySeconds(5_000_000_000L, 0)).isNaN();
    }
}
