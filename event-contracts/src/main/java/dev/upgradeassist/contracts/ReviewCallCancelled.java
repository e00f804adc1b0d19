package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/**
 * The booked call was cancelled: by the customer (manage link), or because the request was declined or an engineer
 * requested changes. Both get a {@code METHOD:CANCEL} invitation with the same {@code UID} and a higher
 * {@code sequence}; the slot is free again. After a customer's cancel the ticket is on hold.
 */
public record ReviewCallCancelled(
        String eventId,
        Instant occurredAt,
        String requestId,
        String callId,
        int sequence,
        String engineer,
        String engineerEmail,
        Instant start,
        Instant end,
        Reason reason,
        String actor,
        CustomerContact contact) implements DomainEvent {

    public enum Reason { CUSTOMER_CANCELLED, REQUEST_DECLINED, CHANGES_REQUESTED }
}
