package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.EventTypes;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.notification.templates.Addresses;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.MailRequest;
import dev.upgradeassist.notification.ledger.NotificationRecorder;
import dev.upgradeassist.notification.templates.Invitation;
import dev.upgradeassist.notification.templates.ShownTime;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.platform.messaging.EventMetrics;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.upgradeassist.notification.moments.MomentText.*;

/**
 * The moments of intake's clocks (its timers): a response-time target missed, reminders (pending, on-hold re-check,
 * the call), and the request closed. Each is emailed once per clock, keyed by what the clock is of rather than the event.
 */
final class ClockMoments {

    private final MomentMail mail;
    private final EngineerDirectory directory;

    ClockMoments(MomentMail mail, EngineerDirectory directory) {
        this.mail = mail;
        this.directory = directory;
    }


    /**
     * A response-time target was missed: one email to Support (the assignee, else the region's Upgrade-focus
     * engineers; nobody: FAILED with the reason), never to the customer. Once per clock: keyed by (request, kind, due
     * time), so a re-publication of the same breach under a new event id sends nothing again.
     */
    void slaBreached(SlaBreached event) {
        if (event.kind() == null || event.dueAt() == null) {
            throw new PoisonEventException("SlaBreached " + event.eventId() + " without kind or dueAt");
        }
        CustomerContact contact = event.contact();
        EngineerDirectory.SupportRecipients support = directory.support(event.assignee(), event.region());
        Map<String, Object> model = supportModel(event.requestId(), contact, event.assignee(), event.region(), support);
        model.put("targetName", event.kind() == SlaBreached.Kind.FIRST_RESPONSE ? "first response" : "next response");
        model.put("targetText", event.kind() == SlaBreached.Kind.FIRST_RESPONSE
                ? "first response (counted from the receipt of the request)"
                : "next response (counted from the customer's latest comment or update)");
        model.put("clockStartedAt", ShownTime.of(event.clockStartedAt(), support.timeZone()));
        model.put("dueAt", ShownTime.of(event.dueAt(), support.timeZone()));
        model.put("calendarText", calendarText(event.calendar()));
        String onceKey = "sla-breached:" + event.requestId() + ":" + event.kind().name() + ":" + event.dueAt();
        mail.handled(mail.record(new MailRequest(event.requestId(), ticketId(event.ticketId(), contact), event.eventId(),
                typeId(event), Template.SLA_BREACHED, support.to(), List.of(), model, event.form(), onceKey,
                support.noRecipientReason()), null));
    }

    /**
     * The request still waits on the customer: one reminder to them, with the date it will be closed unless they
     * update it (none when auto-close is off for it). Once per waiting period: keyed by (request, awaitingSince).
     */
    void pendingReminderDue(PendingReminderDue event) {
        CustomerContact contact = contact(event, event.contact());
        if (event.awaitingSince() == null) {
            throw new PoisonEventException("PendingReminderDue " + event.eventId() + " without awaitingSince");
        }
        Map<String, Object> model = customerModel(contact);
        model.put("awaitingSince", ShownTime.of(event.awaitingSince(), contact.timeZone()));
        model.put("closesAt", ShownTime.of(event.closesAt(), contact.timeZone()));
        String onceKey = "pending-reminder:" + event.requestId() + ":" + event.awaitingSince();
        mail.handled(mail.customer(event, contact, event.ticketId(), Template.PENDING_REMINDER, model, event.form(), onceKey));
    }

    /**
     * The maintenance window ended with no outcome: one reminder to the customer (report the outcome) and one to Support
     * (the assignee, else the region's Upgrade-focus engineers: follow up). Once per window: keyed by (request, window end).
     */
    void onHoldRecheckDue(OnHoldRecheckDue event) {
        CustomerContact contact = contact(event, event.contact());
        if (event.windowEnd() == null) {
            throw new PoisonEventException("OnHoldRecheckDue " + event.eventId() + " without windowEnd");
        }
        String onceKey = "on-hold-recheck:" + event.requestId() + ":" + event.windowEnd();
        Map<String, Object> model = customerModel(contact);
        model.put("windowEnd", ShownTime.of(event.windowEnd(), contact.timeZone()));
        boolean again = mail.customer(event, contact, event.ticketId(), Template.ON_HOLD_RECHECK, model, event.form(), onceKey);

        EngineerDirectory.SupportRecipients support = directory.support(event.assignee(), event.region());
        Map<String, Object> engineers = supportModel(event.requestId(), contact, event.assignee(), event.region(), support);
        engineers.put("windowEnd", ShownTime.of(event.windowEnd(), support.timeZone()));
        engineers.put("customerWindowEnd", ShownTime.of(event.windowEnd(), contact.timeZone()));
        again |= mail.record(new MailRequest(event.requestId(), ticketId(event.ticketId(), contact), event.eventId(),
                typeId(event), Template.ON_HOLD_RECHECK_ENGINEER, support.to(), List.of(), engineers, event.form(), onceKey,
                support.noRecipientReason()), null);
        mail.handled(again);
    }

    /**
     * A booked call is near: one reminder to the customer (times in their zone and UTC) and one to the engineer of the
     * call (in the engineer's zone when the directory knows it, and UTC). Once per call: keyed by (request, call start).
     */
    void callReminderDue(CallReminderDue event) {
        CustomerContact contact = contact(event, event.contact());
        if (event.callStart() == null) {
            throw new PoisonEventException("CallReminderDue " + event.eventId() + " without callStart");
        }
        String onceKey = "call-reminder:" + event.requestId() + ":" + event.callStart();
        Map<String, Object> model = customerModel(contact);
        model.put("engineer", oneLine(event.engineer(), null));
        model.put("start", ShownTime.of(event.callStart(), contact.timeZone()));
        model.put("end", ShownTime.of(event.callEnd(), contact.timeZone()));
        boolean again = mail.customer(event, contact, event.ticketId(), Template.CALL_REMINDER, model, event.form(), onceKey);

        String engineerEmail = event.engineerEmail() != null && !event.engineerEmail().isBlank() ? event.engineerEmail()
                : directory.emailOf(event.engineer()).orElse(null);
        if (engineerEmail != null) {
            String zone = directory.timeZoneOf(event.engineer(), engineerEmail).orElse(null);
            Map<String, Object> engineer = new HashMap<>();
            engineer.put("engineer", oneLine(event.engineer(), null));
            engineer.put("requesterName", oneLine(contact.requesterName(), "The customer"));
            engineer.put("requestId", event.requestId());
            engineer.put("start", ShownTime.of(event.callStart(), zone));
            engineer.put("end", ShownTime.of(event.callEnd(), zone));
            engineer.put("customerStart", ShownTime.of(event.callStart(), contact.timeZone()));
            again |= mail.record(new MailRequest(event.requestId(), ticketId(event.ticketId(), contact), event.eventId(),
                    typeId(event), Template.CALL_REMINDER_ENGINEER, List.of(engineerEmail), List.of(), engineer,
                    event.form(), onceKey, null), null);
        }
        mail.handled(again);
    }

    /**
     * The request was closed: the customer is told why (no response: an update reopens it; or an engineer closed it).
     * Once per closing: keyed by (request, revision, reason); a request closed for no response is reopened only by an
     * amendment, which is a new revision, so a second closing has a key of its own.
     */
    void requestClosed(RequestClosed event) {
        CustomerContact contact = contact(event, event.contact());
        if (event.reason() == null) {
            throw new PoisonEventException("RequestClosed " + event.eventId() + " without reason");
        }
        Map<String, Object> model = customerModel(contact);
        model.put("closedAt", ShownTime.of(event.occurredAt(), contact.timeZone()));
        model.put("revision", event.revision());
        String onceKey = "request-closed:" + event.requestId() + ":" + event.revision() + ":" + event.reason().name();
        Template template = switch (event.reason()) {
            case NO_RESPONSE -> Template.CLOSED_NO_RESPONSE;
            case ENGINEER_CLOSED -> {
                model.put("closedBy", oneLine(event.actor(), null));
                yield Template.CLOSED_BY_ENGINEER;
            }
        };
        mail.handled(mail.customer(event, contact, event.ticketId(), template, model, event.form(), onceKey));
    }

    /** The model of an email to Support about a request: who it goes to and why, the customer and the request. */
    static Map<String, Object> supportModel(String requestId, CustomerContact contact, String assignee,
                                                    Region region, EngineerDirectory.SupportRecipients support) {
        Map<String, Object> model = new HashMap<>();
        model.put("requesterName", oneLine(contact == null ? null : contact.requesterName(), "The customer"));
        model.put("customerTimeZone", contact == null ? null : contact.timeZone());
        model.put("requestId", requestId);
        model.put("assignee", oneLine(assignee, null));
        model.put("toAssignee", support.toAssignee());
        model.put("region", regionName(region));
        return model;
    }

    private static String calendarText(String calendar) {
        if (calendar == null || calendar.isBlank()) {
            return "24x5 (Monday to Friday, UTC)";
        }
        return switch (calendar.strip()) {
            case "24x5" -> "24x5 (Monday to Friday, UTC)";
            case "24x7" -> "24x7";
            case "US_GOVERNMENT" -> "US Government support hours (weekdays 05:00-17:00 America/Los_Angeles)";
            default -> oneLine(calendar, "24x5");
        };
    }
}
