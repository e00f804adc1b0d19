package dev.upgradeassist.platform.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcknowledgedEventsTest {

    @Test
    void remembers_the_newest_ids_up_to_its_capacity() {
        AcknowledgedEvents events = new AcknowledgedEvents(3);
        events.add("a");
        events.add("b");
        events.add("c");
        events.add("d");

        assertThat(events.contains("a")).isFalse();
        assertThat(events.contains("b")).isTrue();
        assertThat(events.contains("d")).isTrue();
        assertThat(events.size()).isEqualTo(3);
    }

    @Test
    void an_id_added_again_keeps_its_place_and_takes_no_second_slot() {
        AcknowledgedEvents events = new AcknowledgedEvents(2);
        events.add("a");
        events.add("a");
        events.add("b");

        assertThat(events.size()).isEqualTo(2);
        assertThat(events.contains("a")).isTrue();
    }

    @Test
    void a_capacity_below_one_is_refused() {
        assertThatThrownBy(() -> new AcknowledgedEvents(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
