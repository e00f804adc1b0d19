package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import java.time.Instant;

/**
 * Builds a {@link SlaBreached} for a test: every field starts as in the golden file {@code golden/SlaBreached.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class SlaBreachedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String ticketId;
    private SlaBreached.Kind kind;
    private Instant clockStartedAt;
    private Instant dueAt;
    private String calendar;
    private Form form;
    private Region region;
    private String assignee;
    private CustomerContact contact;

    SlaBreachedBuilder(SlaBreached from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.ticketId = from.ticketId();
        this.kind = from.kind();
        this.clockStartedAt = from.clockStartedAt();
        this.dueAt = from.dueAt();
        this.calendar = from.calendar();
        this.form = from.form();
        this.region = from.region();
        this.assignee = from.assignee();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static SlaBreachedBuilder from(SlaBreached event) {
        return new SlaBreachedBuilder(event);
    }

    public SlaBreachedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public SlaBreachedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public SlaBreachedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public SlaBreachedBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public SlaBreachedBuilder kind(SlaBreached.Kind kind) {
        this.kind = kind;
        return this;
    }

    public SlaBreachedBuilder clockStartedAt(Instant clockStartedAt) {
        this.clockStartedAt = clockStartedAt;
        return this;
    }

    public SlaBreachedBuilder dueAt(Instant dueAt) {
        this.dueAt = dueAt;
        return this;
    }

    public SlaBreachedBuilder calendar(String calendar) {
        this.calendar = calendar;
        return this;
    }

    public SlaBreachedBuilder form(Form form) {
        this.form = form;
        return this;
    }

    public SlaBreachedBuilder region(Region region) {
        this.region = region;
        return this;
    }

    public SlaBreachedBuilder assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public SlaBreachedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public SlaBreached build() {
        return new SlaBreached(eventId, occurredAt, requestId, ticketId, kind, clockStartedAt, dueAt, calendar, form, region, assignee, contact);
    }
}
