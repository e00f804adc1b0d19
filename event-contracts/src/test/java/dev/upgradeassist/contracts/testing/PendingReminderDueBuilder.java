package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import java.time.Instant;

/**
 * Builds a {@link PendingReminderDue} for a test: every field starts as in the golden file {@code golden/PendingReminderDue.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class PendingReminderDueBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String ticketId;
    private Instant awaitingSince;
    private Instant closesAt;
    private Form form;
    private Region region;
    private String assignee;
    private CustomerContact contact;

    PendingReminderDueBuilder(PendingReminderDue from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.ticketId = from.ticketId();
        this.awaitingSince = from.awaitingSince();
        this.closesAt = from.closesAt();
        this.form = from.form();
        this.region = from.region();
        this.assignee = from.assignee();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static PendingReminderDueBuilder from(PendingReminderDue event) {
        return new PendingReminderDueBuilder(event);
    }

    public PendingReminderDueBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public PendingReminderDueBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public PendingReminderDueBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public PendingReminderDueBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public PendingReminderDueBuilder awaitingSince(Instant awaitingSince) {
        this.awaitingSince = awaitingSince;
        return this;
    }

    public PendingReminderDueBuilder closesAt(Instant closesAt) {
        this.closesAt = closesAt;
        return this;
    }

    public PendingReminderDueBuilder form(Form form) {
        this.form = form;
        return this;
    }

    public PendingReminderDueBuilder region(Region region) {
        this.region = region;
        return this;
    }

    public PendingReminderDueBuilder assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public PendingReminderDueBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public PendingReminderDue build() {
        return new PendingReminderDue(eventId, occurredAt, requestId, ticketId, awaitingSince, closesAt, form, region, assignee, contact);
    }
}
