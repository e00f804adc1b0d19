package dev.upgradeassist.systemtests.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.suite.ThreadCpu;
import dev.upgradeassist.systemtests.suite.TimeSpent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TimeTablesTest {

    @Test
    void the_polling_sentence_says_what_the_gate_spared_and_what_the_safety_net_still_polled() {
        assertThat(TimeTables.gate(new TimeSpent.Gate(31_000, 45_000, 12, 20_000, 13_500, 13_400, 160_000, 0, 1_200)))
                .isEqualTo(" (gated by the topics: 31,000 status and 45,000 mail polls skipped; 12 polls made by the safety net "
                        + "with the gate still closed, 20,000 due ones not made because the harness's topic reader was "
                        + "caught up; 13,500 first emails taken from the topic without a mail poll; 13,400 final statuses "
                        + "taken from the topic without a status poll; the harness read 160,000 events and caught up with "
                        + "the topics' end 1,200 times)");
        assertThat(TimeTables.gate(new TimeSpent.Gate(1, 2, 3, 8, 6, 7, 4, 5, 9)))
                .endsWith("the harness read 4 events and caught up with the topics' end 9 times, 5 read errors)");
    }

    @Test
    void without_a_gate_the_sentence_says_every_due_poll_called() {
        assertThat(TimeTables.gate(null)).isEqualTo(" (every due poll called: no gate by the topics)");
    }

    @Test
    void the_thread_table_gives_each_group_per_request_with_its_kernel_part_and_leaves_out_the_small_ones() {
        Map<String, List<ThreadCpu.Group>> byProcess = new LinkedHashMap<>();
        byProcess.put("intake-service", List.of(new ThreadCpu.Group("http-nio-N-exec-N", 8_000, 1_000),
                new ThreadCpu.Group("intake-service-review-events-N-C-N", 5_000, 0),
                new ThreadCpu.Group("Sweeper thread", 10, 0)));

        String table = TimeTables.threadGroups(new ThreadCpu.Use(byProcess), 1_000);

        assertThat(table).contains("| intake-service | `http-nio-N-exec-N` | 9.00 | 1.00 | 64 % |")
                .contains("| intake-service | `intake-service-review-events-N-C-N` | 5.00 | 0.00 | 36 % |")
                .doesNotContain("Sweeper");
        assertThat(TimeTables.threadGroups(ThreadCpu.Use.none(), 1_000)).isEmpty();
    }

    @Test
    void the_load_phase_says_how_many_offset_records_the_consumer_groups_committed_when_they_were_counted() {
        Map<dev.upgradeassist.systemtests.stack.Service, String> noMetrics = new java.util.EnumMap<>(
                dev.upgradeassist.systemtests.stack.Service.class);
        for (var service : dev.upgradeassist.systemtests.stack.Service.values()) {
            noMetrics.put(service, "");
        }
        var use = new dev.upgradeassist.systemtests.suite.ResourceUse(Map.of(), Map.of(), noMetrics, noMetrics, 15_000);
        TimeSpent counted = new TimeSpent(use, null, 0, 0, null, null, null, Map.of(), Map.of(), 60,
                java.nio.file.Path.of("profiles"), 8_250);
        TimeSpent uncounted = new TimeSpent(use, null, 0, 0, null, null, null, Map.of(), Map.of(), 60,
                java.nio.file.Path.of("profiles"));

        assertThat(TimeTables.loadPhase(counted)).contains("Offset commits: 8,250 records written to "
                + "`__consumer_offsets` in this phase (0.55 per request; one per partition in each commit of a consumer group).");
        assertThat(TimeTables.loadPhase(uncounted)).doesNotContain("Offset commits");
    }
}
