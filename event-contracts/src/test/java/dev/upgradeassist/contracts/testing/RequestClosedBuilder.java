package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import java.time.Instant;

/**
 * Builds a {@link RequestClosed} for a test: every field starts as in the golden file {@code golden/RequestClosed.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class RequestClosedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String ticketId;
    private int revision;
    private RequestClosed.Reason reason;
    private String actor;
    private Form form;
    private Region region;
    private String assignee;
    private CustomerContact contact;

    RequestClosedBuilder(RequestClosed from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.ticketId = from.ticketId();
        this.revision = from.revision();
        this.reason = from.reason();
        this.actor = from.actor();
        this.form = from.form();
        this.region = from.region();
        this.assignee = from.assignee();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static RequestClosedBuilder from(RequestClosed event) {
        return new RequestClosedBuilder(event);
    }

    public RequestClosedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public RequestClosedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public RequestClosedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public RequestClosedBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public RequestClosedBuilder revision(int revision) {
        this.revision = revision;
        return this;
    }

    public RequestClosedBuilder reason(RequestClosed.Reason reason) {
        this.reason = reason;
        return this;
    }

    public RequestClosedBuilder actor(String actor) {
        this.actor = actor;
        return this;
    }

    public RequestClosedBuilder form(Form form) {
        this.form = form;
        return this;
    }

    public RequestClosedBuilder region(Region region) {
        this.region = region;
        return this;
    }

    public RequestClosedBuilder assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public RequestClosedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public RequestClosed build() {
        return new RequestClosed(eventId, occurredAt, requestId, ticketId, revision, reason, actor, form, region, assignee, contact);
    }
}
