package dev.upgradeassist.systemtests.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.suite.TimeSpent;

import org.junit.jupiter.api.Test;

class TimeTablesTest {

    @Test
    void the_polling_sentence_says_what_the_gate_spared_and_what_the_safety_net_still_polled() {
        assertThat(TimeTables.gate(new TimeSpent.Gate(31_000, 45_000, 12, 160_000, 0)))
                .isEqualTo(" (gated by the topics: 31,000 status and 45,000 mail polls skipped; 12 polls made by the safety net "
                        + "with the gate still closed; the harness read 160,000 events)");
        assertThat(TimeTables.gate(new TimeSpent.Gate(1, 2, 3, 4, 5))).endsWith("the harness read 4 events, 5 read errors)");
    }

    @Test
    void without_a_gate_the_sentence_says_every_due_poll_called() {
        assertThat(TimeTables.gate(null)).isEqualTo(" (every due poll called: no gate by the topics)");
    }
}
