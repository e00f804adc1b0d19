package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import java.time.Instant;

/**
 * Builds a {@link CommentAdded} for a test: every field starts as in the golden file {@code golden/CommentAdded.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class CommentAddedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String commentId;
    private String author;
    private CommentAdded.AuthorRole authorRole;
    private CommentAdded.Visibility visibility;
    private String body;
    private String ticketId;
    private Form form;
    private Region region;
    private String assignee;
    private CustomerContact contact;

    CommentAddedBuilder(CommentAdded from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.commentId = from.commentId();
        this.author = from.author();
        this.authorRole = from.authorRole();
        this.visibility = from.visibility();
        this.body = from.body();
        this.ticketId = from.ticketId();
        this.form = from.form();
        this.region = from.region();
        this.assignee = from.assignee();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static CommentAddedBuilder from(CommentAdded event) {
        return new CommentAddedBuilder(event);
    }

    public CommentAddedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public CommentAddedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public CommentAddedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public CommentAddedBuilder commentId(String commentId) {
        this.commentId = commentId;
        return this;
    }

    public CommentAddedBuilder author(String author) {
        this.author = author;
        return this;
    }

    public CommentAddedBuilder authorRole(CommentAdded.AuthorRole authorRole) {
        this.authorRole = authorRole;
        return this;
    }

    public CommentAddedBuilder visibility(CommentAdded.Visibility visibility) {
        this.visibility = visibility;
        return this;
    }

    public CommentAddedBuilder body(String body) {
        this.body = body;
        return this;
    }

    public CommentAddedBuilder ticketId(String ticketId) {
        this.ticketId = ticketId;
        return this;
    }

    public CommentAddedBuilder form(Form form) {
        this.form = form;
        return this;
    }

    public CommentAddedBuilder region(Region region) {
        this.region = region;
        return this;
    }

    public CommentAddedBuilder assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public CommentAddedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public CommentAdded build() {
        return new CommentAdded(eventId, occurredAt, requestId, commentId, author, authorRole, visibility, body, ticketId, form, region, assignee, contact);
    }
}
