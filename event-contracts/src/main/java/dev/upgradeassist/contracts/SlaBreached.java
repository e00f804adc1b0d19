package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;

/**
 * A response-time target passed with no response from Support: {@code FIRST_RESPONSE} (counted from the request's
 * receipt) or {@code NEXT_RESPONSE} (from the customer's latest comment or amendment), in business time
 * ({@code calendar}: {@code 24x5}, {@code 24x7}, or {@code US_GOVERNMENT} hours for US_FEDERAL requests). Raised
 * once per clock; the assignee, or when {@code assignee} is null the region's Upgrade-focus engineers, are emailed.
 */
public record SlaBreached(
        String eventId,
        Instant occurredAt,
        String requestId,
        String ticketId,
        Kind kind,
        Instant clockStartedAt,
        Instant dueAt,
        String calendar,
        Form form,
        Region region,
        String assignee,
        CustomerContact contact) implements DomainEvent {

    public enum Kind { FIRST_RESPONSE, NEXT_RESPONSE }
}
