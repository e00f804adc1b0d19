package dev.upgradeassist.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @Test
    void what_is_written_reads_back_in_order_with_a_later_entry_replacing_an_earlier_one(@TempDir Path dir) {
        Path file = StateFile.location(dir);
        StateFile state = StateFile.empty()
                .with(new StateFile.Entry("kafka", 101, 1_700_000_000_000L))
                .with(new StateFile.Entry("mongo", 102, 1_700_000_000_100L))
                .with(new StateFile.Entry("kafka", 103, 1_700_000_000_200L));
        state.write(file);

        assertThat(file).isEqualTo(dir.resolve("run/state"));
        assertThat(StateFile.read(file).entries()).containsExactly(
                new StateFile.Entry("kafka", 103, 1_700_000_000_200L), new StateFile.Entry("mongo", 102, 1_700_000_000_100L));
    }

    @Test
    void a_missing_file_is_an_empty_state_and_foreign_lines_are_skipped(@TempDir Path dir) {
        assertThat(StateFile.read(dir.resolve("none")).entries()).isEmpty();
        assertThat(StateFile.parse("# comment\n\nmail 7 8\ngarbage\nmongo x 9\nkafka 1 2 3\n").entries())
                .containsExactly(new StateFile.Entry("mail", 7, 8));
    }

    @Test
    void names_with_blanks_are_refused() {
        assertThatThrownBy(() -> new StateFile.Entry("a b", 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
