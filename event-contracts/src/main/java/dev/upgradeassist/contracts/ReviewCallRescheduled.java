package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/**
 * The customer moved the booked call to another open slot (through the manage link). The previous slot is free
 * again. Both get an updated invitation: the same {@code UID} ({@code <callId>@upgrade-assist}), {@code sequence}
 * higher than every earlier one of the call.
 */
public record ReviewCallRescheduled(
        String eventId,
        Instant occurredAt,
        String requestId,
        String callId,
        int sequence,
        String engineer,
        String engineerEmail,
        Instant previousStart,
        Instant start,
        Instant end,
        String manageUrl,
        String meetingUrl,
        String actor,
        CustomerContact contact) implements DomainEvent {
}
