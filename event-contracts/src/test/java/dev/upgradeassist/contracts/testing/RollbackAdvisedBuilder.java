package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.model.CustomerContact;
import java.time.Instant;

/**
 * Builds a {@link RollbackAdvised} for a test: every field starts as in the golden file {@code golden/RollbackAdvised.v1.json}, with a
 * fresh event id; set only what the test is about. Generated from the record by {@code scripts/generate-event-builders.py}.
 */
public final class RollbackAdvisedBuilder {

    private String eventId;
    private Instant occurredAt;
    private String requestId;
    private long minutesLeftInWindow;
    private int rollbackEstimateMinutes;
    private boolean rollBackNow;
    private String advice;
    private String assignee;
    private String assigneeEmail;
    private CustomerContact contact;

    RollbackAdvisedBuilder(RollbackAdvised from) {
        this.eventId = from.eventId();
        this.occurredAt = from.occurredAt();
        this.requestId = from.requestId();
        this.minutesLeftInWindow = from.minutesLeftInWindow();
        this.rollbackEstimateMinutes = from.rollbackEstimateMinutes();
        this.rollBackNow = from.rollBackNow();
        this.advice = from.advice();
        this.assignee = from.assignee();
        this.assigneeEmail = from.assigneeEmail();
        this.contact = from.contact();
    }

    /** A builder that starts from {@code event}, keeping its event id. */
    public static RollbackAdvisedBuilder from(RollbackAdvised event) {
        return new RollbackAdvisedBuilder(event);
    }

    public RollbackAdvisedBuilder eventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public RollbackAdvisedBuilder occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public RollbackAdvisedBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public RollbackAdvisedBuilder minutesLeftInWindow(long minutesLeftInWindow) {
        this.minutesLeftInWindow = minutesLeftInWindow;
        return this;
    }

    public RollbackAdvisedBuilder rollbackEstimateMinutes(int rollbackEstimateMinutes) {
        this.rollbackEstimateMinutes = rollbackEstimateMinutes;
        return this;
    }

    public RollbackAdvisedBuilder rollBackNow(boolean rollBackNow) {
        this.rollBackNow = rollBackNow;
        return this;
    }

    public RollbackAdvisedBuilder advice(String advice) {
        this.advice = advice;
        return this;
    }

    public RollbackAdvisedBuilder assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public RollbackAdvisedBuilder assigneeEmail(String assigneeEmail) {
        this.assigneeEmail = assigneeEmail;
        return this;
    }

    public RollbackAdvisedBuilder contact(CustomerContact contact) {
        this.contact = contact;
        return this;
    }

    public RollbackAdvised build() {
        return new RollbackAdvised(eventId, occurredAt, requestId, minutesLeftInWindow, rollbackEstimateMinutes, rollBackNow, advice, assignee, assigneeEmail, contact);
    }
}
