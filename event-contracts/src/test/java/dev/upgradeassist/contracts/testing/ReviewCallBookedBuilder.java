package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.model.CustomerContact;
import java.time.Instant;

/**
 * Builds a {@link ReviewCallBooked} for a test: every field starts as in the golden file {@code golden/ReviewCallBooked.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class ReviewCallBookedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String linkId;
    private String engineer;
    private String engineerEmail;
    private Instant start;
    private Instant end;
    private CustomerContact contact;
    private String callId;
    private int sequence;
    private String manageUrl;
    private String meetingUrl;

    ReviewCallBookedBuilder(ReviewCallBooked from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.linkId = from.linkId();
        this.engineer = from.engineer();
        this.engineerEmail = from.engineerEmail();
        this.start = from.start();
        this.end = from.end();
        this.contact = from.contact();
        this.callId = from.callId();
        this.sequence = from.sequence();
        this.manageUrl = from.manageUrl();
        this.meetingUrl = from.meetingUrl();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static ReviewCallBookedBuilder from(ReviewCallBooked event) {
        return new ReviewCallBookedBuilder(event);
    }

    public ReviewCallBookedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public ReviewCallBookedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public ReviewCallBookedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public ReviewCallBookedBuilder linkId(String linkId) {
        this.linkId = linkId;
        return this;
    }

    public ReviewCallBookedBuilder engineer(String engineer) {
        this.engineer = engineer;
        return this;
    }

    public ReviewCallBookedBuilder engineerEmail(String engineerEmail) {
        this.engineerEmail = engineerEmail;
        return this;
    }

    public ReviewCallBookedBuilder start(Instant start) {
        this.start = start;
        return this;
    }

    public ReviewCallBookedBuilder end(Instant end) {
        this.end = end;
        return this;
    }

    public ReviewCallBookedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public ReviewCallBookedBuilder callId(String callId) {
        this.callId = callId;
        return this;
    }

    public ReviewCallBookedBuilder sequence(int sequence) {
        this.sequence = sequence;
        return this;
    }

    public ReviewCallBookedBuilder manageUrl(String manageUrl) {
        this.manageUrl = manageUrl;
        return this;
    }

    public ReviewCallBookedBuilder meetingUrl(String meetingUrl) {
        this.meetingUrl = meetingUrl;
        return this;
    }

    public ReviewCallBooked build() {
        return new ReviewCallBooked(eventId, occurredAt, requestId, linkId, engineer, engineerEmail, start, end, contact, callId, sequence, manageUrl, meetingUrl);
    }
}
