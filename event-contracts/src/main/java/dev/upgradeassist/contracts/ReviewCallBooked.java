package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;

import java.time.Instant;

/**
 * The customer booked the review call through their link. {@code callId} is the call's stable identity (the
 * calendar invitation's {@code UID} is {@code <callId>@upgrade-assist}); {@code sequence} is the invitation's
 * {@code SEQUENCE} (0 at booking); {@code manageUrl} is the customer's link to reschedule or cancel
 * ({@code <scheduling base URL>/calls/<token>}; only the customer's email carries it); {@code meetingUrl} the
 * engineer's meeting room from the roster. Events from before these fields were added have them null/0.
 */
public record ReviewCallBooked(
        String eventId,
        Instant occurredAt,
        String requestId,
        String linkId,
        String engineer,
        String engineerEmail,
        Instant start,
        Instant end,
        CustomerContact contact,
        String callId,
        int sequence,
        String manageUrl,
        String meetingUrl) implements DomainEvent {

    /** A booking without the call's identity (the shape before invitations). */
    public ReviewCallBooked(String eventId, Instant occurredAt, String requestId, String linkId, String engineer,
                            String engineerEmail, Instant start, Instant end, CustomerContact contact) {
        this(eventId, occurredAt, requestId, linkId, engineer, engineerEmail, start, end, contact, null, 0, null, null);
    }
}
