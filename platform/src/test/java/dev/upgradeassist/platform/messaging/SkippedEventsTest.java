package dev.upgradeassist.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.contracts.BookingLinkExpired;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A record a listener does not handle is counted under its contract type id, or {@code other}; never a class name. */
class SkippedEventsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventListenerSupport listener = new EventListenerSupport() { };

    SkippedEventsTest() {
        listener.setEventMetrics(new EventMetrics(registry, "a-service"));
    }

    @Test
    void a_known_event_without_a_handler_is_counted_under_its_type_id() {
        listener.skip(new BookingLinkExpired("e-1", Instant.now(), "r-1", "l-1", BookingLinkExpired.Reason.REVOKED));

        assertThat(skipped("BookingLinkExpired.v1")).isEqualTo(1.0);
        assertThat(registry.find("upgrade_assist.events.skipped").tag("type", "BookingLinkExpired").counter()).isNull();
    }

    @Test
    void anything_else_is_counted_as_other() {
        listener.skip("a payload of no contract type");

        assertThat(skipped("other")).isEqualTo(1.0);
    }

    private double skipped(String type) {
        var counter = registry.find("upgrade_assist.events.skipped").tag("service", "a-service").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }
}
