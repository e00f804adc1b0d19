package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.model.CustomerContact;
import java.time.Instant;

/**
 * Builds a {@link TicketOnHold} for a test: every field starts as in the golden file {@code golden/TicketOnHold.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class TicketOnHoldBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private Instant upgradeStart;
    private int windowDurationMinutes;
    private String assignee;
    private CustomerContact contact;

    TicketOnHoldBuilder(TicketOnHold from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.upgradeStart = from.upgradeStart();
        this.windowDurationMinutes = from.windowDurationMinutes();
        this.assignee = from.assignee();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static TicketOnHoldBuilder from(TicketOnHold event) {
        return new TicketOnHoldBuilder(event);
    }

    public TicketOnHoldBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public TicketOnHoldBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public TicketOnHoldBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public TicketOnHoldBuilder upgradeStart(Instant upgradeStart) {
        this.upgradeStart = upgradeStart;
        return this;
    }

    public TicketOnHoldBuilder windowDurationMinutes(int windowDurationMinutes) {
        this.windowDurationMinutes = windowDurationMinutes;
        return this;
    }

    public TicketOnHoldBuilder assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public TicketOnHoldBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public TicketOnHold build() {
        return new TicketOnHold(eventId, occurredAt, requestId, upgradeStart, windowDurationMinutes, assignee, contact);
    }
}
