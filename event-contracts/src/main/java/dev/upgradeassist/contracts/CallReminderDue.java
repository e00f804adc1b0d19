package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;

import java.time.Instant;

/**
 * A booked review call starts at {@code callStart} (within the call-reminder delay): one reminder to the customer
 * and one to the engineer ({@code engineerEmail}), as booked ({@code ReviewCallBooked}).
 */
public record CallReminderDue(
        String eventId,
        Instant occurredAt,
        String requestId,
        String ticketId,
        Instant callStart,
        Instant callEnd,
        String engineer,
        String engineerEmail,
        Form form,
        CustomerContact contact) implements DomainEvent {
}
