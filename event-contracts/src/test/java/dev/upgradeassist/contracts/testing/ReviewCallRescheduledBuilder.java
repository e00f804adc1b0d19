package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.model.CustomerContact;
import java.time.Instant;

/**
 * Builds a {@link ReviewCallRescheduled} for a test: every field starts as in the golden file {@code golden/ReviewCallRescheduled.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class ReviewCallRescheduledBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private String callId;
    private int sequence;
    private String engineer;
    private String engineerEmail;
    private Instant previousStart;
    private Instant start;
    private Instant end;
    private String manageUrl;
    private String meetingUrl;
    private String actor;
    private CustomerContact contact;

    ReviewCallRescheduledBuilder(ReviewCallRescheduled from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.callId = from.callId();
        this.sequence = from.sequence();
        this.engineer = from.engineer();
        this.engineerEmail = from.engineerEmail();
        this.previousStart = from.previousStart();
        this.start = from.start();
        this.end = from.end();
        this.manageUrl = from.manageUrl();
        this.meetingUrl = from.meetingUrl();
        this.actor = from.actor();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static ReviewCallRescheduledBuilder from(ReviewCallRescheduled event) {
        return new ReviewCallRescheduledBuilder(event);
    }

    public ReviewCallRescheduledBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public ReviewCallRescheduledBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public ReviewCallRescheduledBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public ReviewCallRescheduledBuilder callId(String callId) {
        this.callId = callId;
        return this;
    }

    public ReviewCallRescheduledBuilder sequence(int sequence) {
        this.sequence = sequence;
        return this;
    }

    public ReviewCallRescheduledBuilder engineer(String engineer) {
        this.engineer = engineer;
        return this;
    }

    public ReviewCallRescheduledBuilder engineerEmail(String engineerEmail) {
        this.engineerEmail = engineerEmail;
        return this;
    }

    public ReviewCallRescheduledBuilder previousStart(Instant previousStart) {
        this.previousStart = previousStart;
        return this;
    }

    public ReviewCallRescheduledBuilder start(Instant start) {
        this.start = start;
        return this;
    }

    public ReviewCallRescheduledBuilder end(Instant end) {
        this.end = end;
        return this;
    }

    public ReviewCallRescheduledBuilder manageUrl(String manageUrl) {
        this.manageUrl = manageUrl;
        return this;
    }

    public ReviewCallRescheduledBuilder meetingUrl(String meetingUrl) {
        this.meetingUrl = meetingUrl;
        return this;
    }

    public ReviewCallRescheduledBuilder actor(String actor) {
        this.actor = actor;
        return this;
    }

    public ReviewCallRescheduledBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public ReviewCallRescheduled build() {
        return new ReviewCallRescheduled(eventId, occurredAt, requestId, callId, sequence, engineer, engineerEmail, previousStart, start, end, manageUrl, meetingUrl, actor, contact);
    }
}
