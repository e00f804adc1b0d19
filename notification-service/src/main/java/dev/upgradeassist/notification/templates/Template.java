package dev.upgradeassist.notification.templates;

import java.util.Locale;

/**
 * Every email the service sends: one moment of the request's life and one audience. Each has a
 * plain text and an HTML template, compiled with jte ({@code src/main/jte/text|html/<file>.jte}), and a subject that
 * carries the ticket id and nothing else from customer data.
 */
public enum Template {
    REQUEST_RECEIVED("request-received", Audience.CUSTOMER, "[%s] We received your upgrade assistance request"),
    REQUEST_UPDATED("request-updated", Audience.CUSTOMER, "[%s] We received your updated upgrade request"),
    INFO_MISSING("info-missing", Audience.CUSTOMER, "[%s] Information missing from your upgrade request"),
    PLAN_APPROVED("plan-approved", Audience.CUSTOMER, "[%s] Your upgrade plan was reviewed and approved"),
    REQUEST_DECLINED("request-declined", Audience.CUSTOMER, "[%s] Your upgrade assistance request was declined"),
    BOOKING_LINK("booking-link", Audience.CUSTOMER, "[%s] Book your 30-minute upgrade review call"),
    CALL_BOOKED("call-booked", Audience.CUSTOMER, "[%s] Your upgrade review call is booked"),
    CALL_BOOKED_ENGINEER("call-booked-engineer", Audience.ENGINEER, "[%s] Upgrade review call booked with you"),
    NEW_ENGINEER("new-engineer", Audience.CUSTOMER, "[%s] A new support engineer is handling your upgrade"),
    HANDOFF_ENGINEERS("handoff-engineers", Audience.ENGINEER, "[%s] Upgrade request handed off"),
    ON_HOLD("on-hold", Audience.CUSTOMER, "[%s] Your upgrade is scheduled"),
    ROLLBACK_ADVISED("rollback-advised", Audience.CUSTOMER, "[%s] Problems during your upgrade: our rollback advice"),
    ROLLBACK_ADVISED_ENGINEER("rollback-advised-engineer", Audience.ENGINEER, "[%s] Customer reported upgrade problems"),
    COMPLETED("completed", Audience.CUSTOMER, "[%s] Your upgrade is complete"),
    COMPLETED_ENGINEER("completed-engineer", Audience.ENGINEER, "[%s] Upgrade request completed"),
    CHANGES_REQUESTED("changes-requested", Audience.CUSTOMER, "[%s] Changes requested to your upgrade plan"),
    ENGINEER_REPLY("engineer-reply", Audience.CUSTOMER, "[%s] A reply from GitLab Support on your upgrade request"),
    CUSTOMER_REPLY("customer-reply", Audience.ENGINEER, "[%s] The customer replied on an upgrade request"),
    SLA_BREACHED("sla-breached", Audience.ENGINEER, "[%s] Response target missed on an upgrade request"),
    PENDING_REMINDER("pending-reminder", Audience.CUSTOMER, "[%s] Reminder: your upgrade request is waiting for your answer"),
    ON_HOLD_RECHECK("on-hold-recheck", Audience.CUSTOMER, "[%s] Reminder: please tell us how your upgrade went"),
    ON_HOLD_RECHECK_ENGINEER("on-hold-recheck-engineer", Audience.ENGINEER, "[%s] No upgrade outcome yet: please follow up"),
    CALL_REMINDER("call-reminder", Audience.CUSTOMER, "[%s] Reminder: your upgrade review call"),
    CALL_REMINDER_ENGINEER("call-reminder-engineer", Audience.ENGINEER, "[%s] Reminder: upgrade review call with you"),
    CLOSED_NO_RESPONSE("closed-no-response", Audience.CUSTOMER, "[%s] Your upgrade request was closed: no response"),
    CLOSED_BY_ENGINEER("closed-by-engineer", Audience.CUSTOMER, "[%s] Your upgrade request was closed"),
    CALL_RESCHEDULED("call-rescheduled", Audience.CUSTOMER, "[%s] Your upgrade review call was moved"),
    CALL_RESCHEDULED_ENGINEER("call-rescheduled-engineer", Audience.ENGINEER, "[%s] Upgrade review call with you moved"),
    CALL_CANCELLED("call-cancelled", Audience.CUSTOMER, "[%s] Your upgrade review call was cancelled"),
    CALL_CANCELLED_ENGINEER("call-cancelled-engineer", Audience.ENGINEER, "[%s] Upgrade review call with you cancelled"),
    PLAN_RECHECK_ENGINEER("plan-recheck-engineer", Audience.ENGINEER, "[%s] Upgrade-path data changed: an approved plan needs changes");

    public enum Audience { CUSTOMER, ENGINEER }

    private final String file;
    private final Audience audience;
    private final String subjectPattern;

    Template(String file, Audience audience, String subjectPattern) {
        this.file = file;
        this.audience = audience;
        this.subjectPattern = subjectPattern;
    }

    /** The base name of the template files. */
    public String file() {
        return file;
    }

    public Audience audience() {
        return audience;
    }

    String subjectPattern() {
        return subjectPattern;
    }

    /** The value of the {@code template} tag and of the API's {@code template} field, e.g. {@code request_received}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
