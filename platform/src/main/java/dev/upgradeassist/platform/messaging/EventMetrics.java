package dev.upgradeassist.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The event-handling meters every service shares (names fixed by the metrics contract). */
public class EventMetrics {

    private final MeterRegistry registry;
    private final String service;

    public EventMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
        Counter.builder("upgrade_assist.events.duplicates").tag("service", service)
                .description("Events delivered again and ignored").register(registry);
    }

    public void duplicate() {
        Counter.builder("upgrade_assist.events.duplicates").tag("service", service).register(registry).increment();
    }

    public void deadLettered(String topic) {
        Counter.builder("upgrade_assist.events.dead_lettered").tag("service", service).tag("topic", topic)
                .description("Records sent to a dead-letter topic").register(registry).increment();
    }

    /**
     * A record of a type this service does not handle. The tag names a type of the contract, or {@code other}: a
     * record's {@code ce_type} is the sender's text, and one series per text would be unbounded.
     */
    public void skipped(String typeId) {
        String type = typeId != null && dev.upgradeassist.contracts.EventTypes.byTypeId(typeId).isPresent()
                ? typeId : "other";
        Counter.builder("upgrade_assist.events.skipped").tag("service", service).tag("type", type)
                .description("Records of a type this service does not handle").register(registry).increment();
    }
}
