package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.model.CustomerContact;
import java.time.Instant;

/**
 * Builds a {@link BookingLinkIssued} for a test: every field starts as in the golden file {@code golden/BookingLinkIssued.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class BookingLinkIssuedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String linkId;
    private String approvalEventId;
    private String url;
    private Instant expiresAt;
    private String engineer;
    private int callMinutes;
    private CustomerContact contact;
    private String reissuedBy;

    BookingLinkIssuedBuilder(BookingLinkIssued from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.linkId = from.linkId();
        this.approvalEventId = from.approvalEventId();
        this.url = from.url();
        this.expiresAt = from.expiresAt();
        this.engineer = from.engineer();
        this.callMinutes = from.callMinutes();
        this.contact = from.contact();
        this.reissuedBy = from.reissuedBy();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static BookingLinkIssuedBuilder from(BookingLinkIssued event) {
        return new BookingLinkIssuedBuilder(event);
    }

    public BookingLinkIssuedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public BookingLinkIssuedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public BookingLinkIssuedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public BookingLinkIssuedBuilder linkId(String linkId) {
        this.linkId = linkId;
        return this;
    }

    public BookingLinkIssuedBuilder approvalEventId(String approvalEventId) {
        this.approvalEventId = approvalEventId;
        return this;
    }

    public BookingLinkIssuedBuilder url(String url) {
        this.url = url;
        return this;
    }

    public BookingLinkIssuedBuilder expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    public BookingLinkIssuedBuilder engineer(String engineer) {
        this.engineer = engineer;
        return this;
    }

    public BookingLinkIssuedBuilder callMinutes(int callMinutes) {
        this.callMinutes = callMinutes;
        return this;
    }

    public BookingLinkIssuedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public BookingLinkIssuedBuilder reissuedBy(String reissuedBy) {
        this.reissuedBy = reissuedBy;
        return this;
    }

    public BookingLinkIssued build() {
        return new BookingLinkIssued(eventId, occurredAt, requestId, linkId, approvalEventId, url, expiresAt, engineer, callMinutes, contact, reissuedBy);
    }
}
