package dev.upgradeassist.systemtests.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.util.List;

import org.junit.jupiter.api.Test;

class FaultPhaseResultTest {

    private static FaultResult fault(String name, long restartMillis, NewDuplicates duplicates, boolean serviceRestart) {
        return new FaultResult(name, "", restartMillis, 2.0, 40, Latency.ofMillis(List.of(300L)), new Verdict(), "",
                duplicates, serviceRestart);
    }

    private static final NewDuplicates NONE = new NewDuplicates(0, 0, 0, 0);

    @Test
    void a_fault_passes_with_nothing_lost_and_no_new_duplicate() {
        assertThat(fault("kill -9 review-service #1", 4_000, NONE, true).passed()).isTrue();
        assertThat(fault("kill -9 review-service #1", 4_000, new NewDuplicates(0, 0, 0, 1), true).passed()).isFalse();
    }

    @Test
    void a_duplicate_from_the_crash_window_still_fails_the_fault() {
        assertThat(fault("kill -9 notification-service #2", 4_000, new NewDuplicates(1, 1, 0, 0), true).passed()).isFalse();
    }

    @Test
    void a_killed_service_also_gets_a_restart_line_named_without_the_kill() {
        List<PassLine> lines = fault("kill -9 review-service #1", 12_300, NONE, true).passLines();

        assertThat(lines).extracting(PassLine::line).containsExactly(
                "fault: kill -9 review-service #1 — 0 lost, 0 duplicate emails, 0 duplicate links",
                "healthy within 10 s of its start: review-service #1 (restart under load)");
        assertThat(lines.get(1).met()).isFalse();
        assertThat(lines.get(1).reached()).isEqualTo("12.3 s");
    }

    @Test
    void the_phase_lists_the_outage_lines_first_then_each_fault_then_the_whole_phase() {
        FaultPhaseResult phase = new FaultPhaseResult(5, 900, 600, List.of(fault("kill -9 broker, restart after 15 s", 2_000, NONE, false)),
                List.of(new PassLine("broker outage of 15 s under load: no record dead-lettered (they waited)", true, "0 dead-lettered")),
                new Verdict(), 3);

        List<PassLine> lines = phase.passLines();

        assertThat(lines).extracting(PassLine::line).containsExactly(
                "broker outage of 15 s under load: no record dead-lettered (they waited)",
                "fault: kill -9 broker, restart after 15 s — 0 lost, 0 duplicate emails, 0 duplicate links",
                "all faults, whole fault phase (final check over every request, after GreenMail's restart)");
        assertThat(lines.get(2).met()).as("3 requests unfinished").isFalse();
        assertThat(lines.get(2).reached()).endsWith("; 3 unfinished");
    }
}
