package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;

import java.time.Instant;
import java.util.List;

/** Review cannot proceed with scheduling: each deficiency carries its corrective hint. */
public record InfoMissing(
        String eventId,
        Instant occurredAt,
        String requestId,
        int revision,
        List<Deficiency> deficiencies,
        List<Finding> findings,
        List<String> requiredStops,
        CustomerContact contact) implements DomainEvent {
}
