package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.model.CustomerContact;
import java.time.Instant;

/**
 * Builds a {@link EngineerHandedOff} for a test: every field starts as in the golden file {@code golden/EngineerHandedOff.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class EngineerHandedOffBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String fromEngineer;
    private String fromEngineerEmail;
    private String toEngineer;
    private String toEngineerEmail;
    private String notes;
    private Instant callStart;
    private CustomerContact contact;
    private String actor;

    EngineerHandedOffBuilder(EngineerHandedOff from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.fromEngineer = from.fromEngineer();
        this.fromEngineerEmail = from.fromEngineerEmail();
        this.toEngineer = from.toEngineer();
        this.toEngineerEmail = from.toEngineerEmail();
        this.notes = from.notes();
        this.callStart = from.callStart();
        this.contact = from.contact();
        this.actor = from.actor();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static EngineerHandedOffBuilder from(EngineerHandedOff event) {
        return new EngineerHandedOffBuilder(event);
    }

    public EngineerHandedOffBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public EngineerHandedOffBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public EngineerHandedOffBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public EngineerHandedOffBuilder fromEngineer(String fromEngineer) {
        this.fromEngineer = fromEngineer;
        return this;
    }

    public EngineerHandedOffBuilder fromEngineerEmail(String fromEngineerEmail) {
        this.fromEngineerEmail = fromEngineerEmail;
        return this;
    }

    public EngineerHandedOffBuilder toEngineer(String toEngineer) {
        this.toEngineer = toEngineer;
        return this;
    }

    public EngineerHandedOffBuilder toEngineerEmail(String toEngineerEmail) {
        this.toEngineerEmail = toEngineerEmail;
        return this;
    }

    public EngineerHandedOffBuilder notes(String notes) {
        this.notes = notes;
        return this;
    }

    public EngineerHandedOffBuilder callStart(Instant callStart) {
        this.callStart = callStart;
        return this;
    }

    public EngineerHandedOffBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public EngineerHandedOffBuilder actor(String actor) {
        this.actor = actor;
        return this;
    }

    public EngineerHandedOff build() {
        return new EngineerHandedOff(eventId, occurredAt, requestId, fromEngineer, fromEngineerEmail, toEngineer, toEngineerEmail, notes, callStart, contact, actor);
    }
}
