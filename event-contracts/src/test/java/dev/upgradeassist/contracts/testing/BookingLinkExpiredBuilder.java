package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.BookingLinkExpired;
import java.time.Instant;

/**
 * Builds a {@link BookingLinkExpired} for a test: every field starts as in the golden file {@code golden/BookingLinkExpired.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class BookingLinkExpiredBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String linkId;
    private BookingLinkExpired.Reason reason;

    BookingLinkExpiredBuilder(BookingLinkExpired from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.linkId = from.linkId();
        this.reason = from.reason();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static BookingLinkExpiredBuilder from(BookingLinkExpired event) {
        return new BookingLinkExpiredBuilder(event);
    }

    public BookingLinkExpiredBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public BookingLinkExpiredBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public BookingLinkExpiredBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public BookingLinkExpiredBuilder linkId(String linkId) {
        this.linkId = linkId;
        return this;
    }

    public BookingLinkExpiredBuilder reason(BookingLinkExpired.Reason reason) {
        this.reason = reason;
        return this;
    }

    public BookingLinkExpired build() {
        return new BookingLinkExpired(eventId, occurredAt, requestId, linkId, reason);
    }
}
