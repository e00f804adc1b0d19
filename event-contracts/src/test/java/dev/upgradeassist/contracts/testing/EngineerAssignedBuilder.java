package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.EngineerAssigned;
import java.time.Instant;
import java.util.List;

/**
 * Builds a {@link EngineerAssigned} for a test: every field starts as in the golden file {@code golden/EngineerAssigned.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class EngineerAssignedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String ticketId;
    private String engineer;
    private List<String> ccs;
    private String actor;

    EngineerAssignedBuilder(EngineerAssigned from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.ticketId = from.ticketId();
        this.engineer = from.engineer();
        this.ccs = from.ccs();
        this.actor = from.actor();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static EngineerAssignedBuilder from(EngineerAssigned event) {
        return new EngineerAssignedBuilder(event);
    }

    public EngineerAssignedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public EngineerAssignedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public EngineerAssignedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public EngineerAssignedBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public EngineerAssignedBuilder engineer(String engineer) {
        this.engineer = engineer;
        return this;
    }

    public EngineerAssignedBuilder ccs(List<String> ccs) {
        this.ccs = ccs;
        return this;
    }

    public EngineerAssignedBuilder actor(String actor) {
        this.actor = actor;
        return this;
    }

    public EngineerAssigned build() {
        return new EngineerAssigned(eventId, occurredAt, requestId, ticketId, engineer, ccs, actor);
    }
}
