package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;

/**
 * The request was closed without an outcome: {@code NO_RESPONSE} (auto-close: it waited on the customer for the
 * pending-close delay; {@code actor} is {@code system}; the customer is emailed; an amendment reopens it) or
 * {@code ENGINEER_CLOSED} ({@code actor} is the engineer). A closed request takes no comment, approval, request for
 * changes or decline.
 */
public record RequestClosed(
        String eventId,
        Instant occurredAt,
        String requestId,
        String ticketId,
        int revision,
        Reason reason,
        String actor,
        Form form,
        Region region,
        String assignee,
        CustomerContact contact) implements DomainEvent {

    public enum Reason { NO_RESPONSE, ENGINEER_CLOSED }
}
