package dev.upgradeassist.systemtests.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String BEFORE = """
            # TYPE mongodb_driver_commands_seconds summary
            mongodb_driver_commands_seconds_count{collection="ledger",command="insert",application="n"} 10
            mongodb_driver_commands_seconds_count{collection="ledger",command="find",application="n"} 4
            mongodb_driver_commands_seconds_sum{collection="ledger",command="insert"} 0.5
            spring_kafka_listener_seconds_sum NaN
            """;

    private static final String AFTER = """
            mongodb_driver_commands_seconds_count{collection="ledger",command="insert",application="n"} 30
            mongodb_driver_commands_seconds_count{collection="ledger",command="find",application="n"} 4
            mongodb_driver_commands_seconds_count{command="ping"} 2
            mongodb_driver_commands_seconds_sum{collection="ledger",command="insert"} 1.25
            spring_kafka_listener_seconds_sum 3.0
            """;

    @Test
    void samples_are_summed_by_the_labels_asked_for_and_a_missing_label_is_a_question_mark() {
        assertThat(PrometheusText.sumBy(AFTER, "mongodb_driver_commands_seconds_count", "collection", "command"))
                .containsOnly(entry("ledger:insert", 30.0), entry("ledger:find", 4.0), entry("?:ping", 2.0));
    }

    @Test
    void without_labels_every_sample_of_the_series_goes_into_one_sum_under_the_empty_key() {
        assertThat(PrometheusText.sumBy(AFTER, "mongodb_driver_commands_seconds_count")).containsOnly(entry("", 36.0));
    }

    @Test
    void only_the_exact_series_name_counts_not_one_it_is_a_prefix_of() {
        assertThat(PrometheusText.sumBy(AFTER, "mongodb_driver_commands_seconds")).isEmpty();
    }

    @Test
    void the_delta_between_two_scrapes_treats_nan_and_absent_series_as_zero() {
        assertThat(PrometheusText.delta(BEFORE, AFTER, "mongodb_driver_commands_seconds_sum")).isEqualTo(0.75);
        assertThat(PrometheusText.delta(BEFORE, AFTER, "spring_kafka_listener_seconds_sum")).isEqualTo(3.0);
        assertThat(PrometheusText.delta(BEFORE, AFTER, "no_such_series")).isZero();
    }
}
