package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.UpgradeSubmission;

import java.time.Instant;

/** The customer replaced their submission; review runs again on this revision. */
public record RequestAmended(
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
