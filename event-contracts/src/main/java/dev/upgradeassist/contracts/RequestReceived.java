package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.UpgradeSubmission;

import java.time.Instant;

/**
 * A customer submitted a new upgrade-assistance request. {@code revision} starts at 1 and grows
 * with every amendment, so that consumers can tell a stale decision from a current one.
 */
public record RequestReceived(
        String eventId,
        Instant occurredAt,
        String requestId,
        String ticketId,
        int revision,
        String priority,
        UpgradeSubmission submission,
        Organization organization,
        CustomerContact contact) implements DomainEvent {
}
