package dev.upgradeassist.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.upgradeassist.web.console.StopsComparison.Mark;
import dev.upgradeassist.web.console.StopsComparison.Row;

class StopsComparisonTest {

    @Test
    void a_plan_with_every_stop_and_the_target_matches() {
        List<Row> rows = StopsComparison.compare(List.of("16.3.9", "16.7.10"), List.of("16.3.9", "16.7.10", "17.3.7"), "17.3.7");

        assertThat(rows).containsExactly(
                new Row("16.3.9", "16.3.9", Mark.PLANNED),
                new Row("16.7.10", "16.7.10", Mark.PLANNED),
                new Row(null, "17.3.7", Mark.TARGET));
        assertThat(StopsComparison.differs(rows)).isFalse();
    }

    @Test
    void stops_and_hops_are_compared_by_major_minor_and_the_differences_marked_in_version_order() {
        List<Row> rows = StopsComparison.compare(List.of("16.3.9", "16.7.10", "16.11.10", "17.1.8"),
                List.of("16.3.9", "16.7.8", "17.1", "17.2.0", "17.3.7"), "17.3.7");

        assertThat(rows).containsExactly(
                new Row("16.3.9", "16.3.9", Mark.PLANNED),
                new Row("16.7.10", "16.7.8", Mark.PLANNED), // another patch of the same minor covers the stop
                new Row("16.11.10", null, Mark.MISSING),
                new Row("17.1.8", "17.1", Mark.PLANNED),
                new Row(null, "17.2.0", Mark.EXTRA),
                new Row(null, "17.3.7", Mark.TARGET));
        assertThat(rows).extracting(Row::label).containsExactly("planned", "planned", "missing", "planned", "extra", "target");
        assertThat(StopsComparison.differs(rows)).isTrue();
    }

    @Test
    void a_stop_given_as_major_minor_and_versions_that_are_not_in_order_still_align() {
        List<Row> rows = StopsComparison.compare(List.of("18.2", "17.3.6"), List.of("18.2.1", "v17.3.6"), "18.5.0");

        assertThat(rows).containsExactly(
                new Row("17.3.6", "v17.3.6", Mark.PLANNED),
                new Row("18.2", "18.2.1", Mark.PLANNED));
    }

    @Test
    void no_hops_means_every_stop_is_missing_and_no_stops_means_every_hop_but_the_target_is_extra() {
        assertThat(StopsComparison.compare(List.of("16.3.9"), null, "17.0.0"))
                .containsExactly(new Row("16.3.9", null, Mark.MISSING));
        assertThat(StopsComparison.compare(List.of(), List.of("16.3.9", "16.3.10", "17.0.0"), "17.0.0"))
                .containsExactly(new Row(null, "16.3.9", Mark.EXTRA), new Row(null, "16.3.10", Mark.EXTRA),
                        new Row(null, "17.0.0", Mark.TARGET));
    }

    @Test
    void a_hop_repeated_within_a_stop_is_extra_and_unreadable_or_blank_values_do_not_break_it() {
        List<Row> rows = StopsComparison.compare(Arrays.asList("16.3.9", null, " "),
                Arrays.asList("16.3.5", "16.3.9", "latest", null, "", "17.0.0"), null);

        assertThat(rows).containsExactly(
                new Row("16.3.9", "16.3.5", Mark.PLANNED),
                new Row(null, "16.3.9", Mark.EXTRA),
                new Row(null, "17.0.0", Mark.EXTRA), // no target given: nothing is the target
                new Row(null, "latest", Mark.EXTRA));
    }

    @Test
    void major_minor_reads_the_first_version_in_the_text() {
        assertThat(StopsComparison.majorMinor("16.3.9")).isEqualTo("16.3");
        assertThat(StopsComparison.majorMinor("v016.03")).isEqualTo("16.3");
        assertThat(StopsComparison.majorMinor("17.3.7-ee")).isEqualTo("17.3");
        assertThat(StopsComparison.majorMinor("seventeen")).isNull();
        assertThat(StopsComparison.majorMinor(null)).isNull();
    }
}
