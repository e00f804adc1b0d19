package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import java.time.Instant;

/**
 * Builds a {@link CallReminderDue} for a test: every field starts as in the golden file {@code golden/CallReminderDue.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class CallReminderDueBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String ticketId;
    private Instant callStart;
    private Instant callEnd;
    private String engineer;
    private String engineerEmail;
    private Form form;
    private CustomerContact contact;

    CallReminderDueBuilder(CallReminderDue from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.ticketId = from.ticketId();
        this.callStart = from.callStart();
        this.callEnd = from.callEnd();
        this.engineer = from.engineer();
        this.engineerEmail = from.engineerEmail();
        this.form = from.form();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static CallReminderDueBuilder from(CallReminderDue event) {
        return new CallReminderDueBuilder(event);
    }

    public CallReminderDueBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public CallReminderDueBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public CallReminderDueBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public CallReminderDueBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public CallReminderDueBuilder callStart(Instant callStart) {
        this.callStart = callStart;
        return this;
    }

    public CallReminderDueBuilder callEnd(Instant callEnd) {
        this.callEnd = callEnd;
        return this;
    }

    public CallReminderDueBuilder engineer(String engineer) {
        this.engineer = engineer;
        return this;
    }

    public CallReminderDueBuilder engineerEmail(String engineerEmail) {
        this.engineerEmail = engineerEmail;
        return this;
    }

    public CallReminderDueBuilder form(Form form) {
        this.form = form;
        return this;
    }

    public CallReminderDueBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public CallReminderDue build() {
        return new CallReminderDue(eventId, occurredAt, requestId, ticketId, callStart, callEnd, engineer, engineerEmail, form, contact);
    }
}
