package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import java.time.Instant;

/**
 * Builds a {@link OnHoldRecheckDue} for a test: every field starts as in the golden file {@code golden/OnHoldRecheckDue.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class OnHoldRecheckDueBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String ticketId;
    private Instant windowEnd;
    private Form form;
    private Region region;
    private String assignee;
    private CustomerContact contact;

    OnHoldRecheckDueBuilder(OnHoldRecheckDue from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.ticketId = from.ticketId();
        this.windowEnd = from.windowEnd();
        this.form = from.form();
        this.region = from.region();
        this.assignee = from.assignee();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static OnHoldRecheckDueBuilder from(OnHoldRecheckDue event) {
        return new OnHoldRecheckDueBuilder(event);
    }

    public OnHoldRecheckDueBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public OnHoldRecheckDueBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public OnHoldRecheckDueBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public OnHoldRecheckDueBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public OnHoldRecheckDueBuilder windowEnd(Instant windowEnd) {
        this.windowEnd = windowEnd;
        return this;
    }

    public OnHoldRecheckDueBuilder form(Form form) {
        this.form = form;
        return this;
    }

    public OnHoldRecheckDueBuilder region(Region region) {
        this.region = region;
        return this;
    }

    public OnHoldRecheckDueBuilder assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public OnHoldRecheckDueBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public OnHoldRecheckDue build() {
        return new OnHoldRecheckDue(eventId, occurredAt, requestId, ticketId, windowEnd, form, region, assignee, contact);
    }
}
