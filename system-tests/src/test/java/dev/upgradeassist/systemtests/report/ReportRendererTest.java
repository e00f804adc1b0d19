package dev.upgradeassist.systemtests.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.baseline.BareChain;
import dev.upgradeassist.systemtests.baseline.KafkaPerf;
import dev.upgradeassist.systemtests.load.Scenario;
import dev.upgradeassist.systemtests.stack.HarnessStack;
import dev.upgradeassist.systemtests.suite.BaselineResult;
import dev.upgradeassist.systemtests.suite.BurstResult;
import dev.upgradeassist.systemtests.suite.DuplicateEvidence;
import dev.upgradeassist.systemtests.suite.LoadResult;
import dev.upgradeassist.systemtests.suite.Part;
import dev.upgradeassist.systemtests.suite.PartResult;
import dev.upgradeassist.systemtests.suite.PassLine;
import dev.upgradeassist.systemtests.suite.ProcessStarts;
import dev.upgradeassist.systemtests.suite.ResourceUse;
import dev.upgradeassist.systemtests.suite.RunInfo;
import dev.upgradeassist.systemtests.suite.TimeSpent;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

    private static final RunInfo RUN = new RunInfo(LocalDateTime.of(2026, 12, 2, 9, 30), "abc1234", false, "?", 2, "8 GB RAM",
            "1.00 / 0.50", "OpenJDK 64-Bit Server VM 17", List.of("-Xmx256m"), "memory", List.of("--no-burst", "--rate=5"));

    private static Part part(PartResult result) {
        return new Part(result, "0.70 / 0.60");
    }

    private static PartResult passing(PassLine... lines) {
        return new PartResult() {
            @Override
            public List<PassLine> passLines() {
                return List.of(lines);
            }
        };
    }

    private static Histogram micros(long... values) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    private static Latency millis(long... values) {
        return Latency.ofMillis(java.util.Arrays.stream(values).boxed().toList());
    }

    private static BaselineResult baselines() {
        KafkaPerf.ProducerResult producer = new KafkaPerf.ProducerResult("producer-perf", 1_000_000, 80_000, 39, 5, 90, 3, 8, 20, 40);
        KafkaPerf.ConsumerResult consumer = new KafkaPerf.ConsumerResult("consumer-perf", 1_000_000, 50, 100_000, 10_000);
        return new BaselineResult(producer, producer, consumer, 50,
                new BareChain.Result(3_000, 60, 50, micros(10_000, 10_000, 20_000)),
                new BareChain.Result(2_000, 0.5, 4_000, micros(100_000)),
                new BareChain.Result(50_000, 10, 5_000, micros(200_000)));
    }

    private static LoadResult load(Latency firstMail) {
        Map<Scenario, Latency> byScenario = new EnumMap<>(Scenario.class);
        for (Scenario scenario : Scenario.values()) {
            byScenario.put(scenario, firstMail);
        }
        return new LoadResult(50, 300, 20, new LoadResult.Offered(15_000, 15_000, 0, 300),
                new LoadResult.Latencies(firstMail, firstMail, firstMail, millis(900), millis(950), byScenario, millis(5)),
                new LoadResult.Completion(15_000, 301, 49.8, 10, 0, 1.0), Map.of("review-service", 12L), 1_500, Map.of(), Map.of(),
                new Verdict(), new DuplicateEvidence(List.of()),
                new TimeSpent(new ResourceUse(Map.of(), Map.of(), Map.of(), Map.of(), 15_000), null, 0, 0, null, null, null, Map.of(), Map.of(), 60,
                        Path.of("profiles")));
    }

    private static BurstResult burst(double seconds) {
        return new BurstResult(2_000, 10, seconds, 8_000, millis(1_000), millis(2_000), Map.of(), 100, 0, new Verdict(),
                new DuplicateEvidence(List.of()));
    }

    @Test
    void pass_lines_keep_the_order_the_parts_produced_them_and_a_repeated_line_keeps_its_place_with_the_last_result() {
        String text = ReportRenderer.passLines(List.of(
                part(passing(new PassLine("a", true, "1"), new PassLine("b", true, "2"))),
                part(passing(new PassLine("a", false, "3")))));

        assertThat(text).isEqualTo("## Pass lines\n\n| pass line | result | reached |\n|---|---|---|\n"
                + "| a | **MISSED** | 3 |\n| b | met | 2 |\n\n");
    }

    @Test
    void without_pass_lines_there_is_no_pass_line_table() {
        assertThat(ReportRenderer.passLines(List.of())).isEmpty();
    }

    @Test
    void the_ratios_need_both_the_baselines_and_the_load_phase() {
        assertThat(ReportRenderer.ratios(Optional.of(baselines()), Optional.empty(), Optional.empty())).isEmpty();
        assertThat(ReportRenderer.ratios(Optional.empty(), Optional.of(load(millis(500))), Optional.empty())).isEmpty();
    }

    @Test
    void the_pipeline_latency_is_shown_as_a_multiple_of_the_bare_chain_at_the_same_rate() {
        String ratios = ReportRenderer.ratios(Optional.of(baselines()), Optional.of(load(millis(500, 500, 1_000))), Optional.empty());

        assertThat(ratios).contains("| p50 latency: submit → first email vs bare 3-hop chain end to end, same rate | 500 ms | 10.0 ms | 50× |");
        assertThat(ratios).contains("| p99 latency: submit → final status vs bare chain | 900 ms | 20.0 ms | 45× |");
        assertThat(ratios).doesNotContain("burst of");
    }

    @Test
    void a_burst_that_finished_adds_its_time_and_throughput_against_the_baselines() {
        String ratios = ReportRenderer.ratios(Optional.of(baselines()), Optional.of(load(millis(500))), Optional.of(burst(40)));

        assertThat(ratios).contains("| burst of 2,000: time until fully processed vs bare chain | 40.0 s | 0.50 s | 80× |");
        assertThat(ratios).contains("| throughput: requests/s (burst) vs bare chain records/s (50,000) | 50.0 | 5,000 | 1/100 |");
        assertThat(ratios).contains("| throughput: events/s written to the topics (burst) vs ProducerPerformance rec/s | 200 | 80,000 | 1/400 |");
        assertThat(ratios).contains("| throughput: events/s (burst) vs ConsumerPerformance msg/s | 200 | 100,000 | 1/500 |");
    }

    @Test
    void a_burst_that_did_not_finish_adds_no_ratio() {
        String ratios = ReportRenderer.ratios(Optional.of(baselines()), Optional.of(load(millis(500))), Optional.of(burst(Double.NaN)));

        assertThat(ratios).doesNotContain("burst of");
    }

    @Test
    void the_report_has_the_run_the_early_stop_each_section_with_its_load_average_and_the_method_last() {
        ProcessStarts starts = new ProcessStarts(List.of(new HarnessStack.Start("kafka", "cold", 4_000, 300 * 1024),
                new HarnessStack.Start("kafka", "cold", 6_000, 320 * 1024)), Path.of("system-tests/target/full-x"));

        String report = ReportRenderer.render(RUN, List.of(part(starts)), new IllegalStateException("the run was interrupted"));

        assertThat(report).startsWith("# Full system test, 2026-12-02 09:30\n\n- commit `abc1234`\n- machine: 2 cores, 8 GB RAM, "
                + "load average at the start 1.00 / 0.50\n");
        assertThat(report).contains("Reproduce:\n\n```bash\nscripts/system-test.sh --no-burst --rate=5\n```\n\n"
                + "**The run stopped early: java.lang.IllegalStateException: the run was interrupted**\n\n## Process starts");
        assertThat(report).contains("| kafka | cold | 2 | 4.0 / 6.0 / 6.0 s | 320 MB |");
        assertThat(report).contains("_Machine load average (1 min / 5 min) when this part ended: 0.70 / 0.60.");
        assertThat(report).doesNotContain("## Pass lines", "## Pipeline ÷ baselines");
        assertThat(report).endsWith("(header `kafka_dlt-original-consumer-group`).\n");
    }
}
