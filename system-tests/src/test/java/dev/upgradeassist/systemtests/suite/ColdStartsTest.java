package dev.upgradeassist.systemtests.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.stack.Service;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ColdStartsTest {

    private static Map<Service, Long> every(long millis) {
        Map<Service, Long> starts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            starts.put(service, millis);
        }
        return starts;
    }

    @Test
    void each_service_gets_a_pass_line_judged_on_its_worst_start_so_far() {
        ColdStarts first = ColdStarts.none().plus(every(12_000));
        ColdStarts second = first.plus(every(4_000));

        PassLine line = second.passLines().get(0);
        assertThat(second.passLines()).hasSize(Service.values().length);
        assertThat(line.line()).isEqualTo("healthy within 10 s of its start: " + Service.values()[0].id()
                + " (cold start, alone; worst of 2)");
        assertThat(line.met()).isFalse();
        assertThat(line.reached()).isEqualTo("12.0 s, 4.0 s");
    }

    @Test
    void adding_a_stack_leaves_the_earlier_result_as_it_was() {
        ColdStarts first = ColdStarts.none().plus(every(3_000));
        first.plus(every(20_000));

        assertThat(first.passLines()).allMatch(PassLine::met);
        assertThat(first.passLines().get(0).line()).endsWith("worst of 1)");
    }

    @Test
    void before_any_stack_there_is_no_pass_line() {
        assertThat(ColdStarts.none().passLines()).isEmpty();
    }
}
