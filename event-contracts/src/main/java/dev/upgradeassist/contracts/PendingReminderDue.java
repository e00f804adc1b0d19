package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;

/**
 * The request has waited on the customer ({@code AWAITING_INFO}) since {@code awaitingSince} with no customer action
 * for the pending-reminder delay: one reminder to the customer. {@code closesAt} is when it will be closed with
 * {@code NO_RESPONSE}, or null when an engineer turned auto-close off for this request.
 */
public record PendingReminderDue(
        String eventId,
        Instant occurredAt,
        String requestId,
        String ticketId,
        Instant awaitingSince,
        Instant closesAt,
        Form form,
        Region region,
        String assignee,
        CustomerContact contact) implements DomainEvent {
}
