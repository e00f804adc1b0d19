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
 * The moments of the review call: the booking link, and the call booked, moved or cancelled, each with its calendar
 * invitation for the customer and for the engineer.
 */
final class CallMoments {

    private final MomentMail mail;
    private final NotificationProperties properties;

    CallMoments(MomentMail mail, NotificationProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }


    /**
     * The personal booking link. A link an engineer issued again ({@code reissuedBy}: no-show, expired, asked again)
     * says so, and is keyed by the link ({@code booking-link:<linkId>}): one email per link however often, under
     * whichever event id, it is published. The link issued on approval keeps the key of its event, as before.
     */
    void bookingLinkIssued(BookingLinkIssued event) {
        CustomerContact contact = contact(event, event.contact());
        if (!isWebLink(event.url())) {
            throw new PoisonEventException("BookingLinkIssued without an http(s) url");
        }
        Map<String, Object> model = customerModel(contact);
        model.put("url", event.url());
        model.put("callMinutes", event.callMinutes() > 0 ? event.callMinutes() : 30);
        model.put("expiresAt", ShownTime.of(event.expiresAt(), contact.timeZone()));
        model.put("engineer", event.engineer());
        if (event.expiresAt() == null) {
            throw new PoisonEventException("BookingLinkIssued without expiresAt");
        }
        boolean reissued = event.reissuedBy() != null && !event.reissuedBy().isBlank();
        model.put("reissuedBy", reissued ? oneLine(event.reissuedBy(), null) : null);
        if (reissued && event.linkId() != null && !event.linkId().isBlank()) {
            mail.handled(mail.customer(event, contact, null, Template.BOOKING_LINK, model, null,
                    "booking-link:" + event.requestId() + ":" + event.linkId()));
        } else {
            mail.handled(mail.customer(event, contact, Template.BOOKING_LINK, model));
        }
    }

    /**
     * The call is booked: the customer (start/end in their zone and UTC, the meeting room, the link to reschedule or
     * cancel) and the engineer (no manage link, ever). With {@code callId} (every booking since invitations) both
     * carry the calendar invitation ({@code METHOD:REQUEST}, {@code SEQUENCE} the event's, 0) and are keyed by
     * (call, sequence): one email per version of the invitation, whichever event id brings it. A booking without
     * {@code callId} (the older shape) is emailed as before: no calendar part, keyed by its event.
     */
    void reviewCallBooked(ReviewCallBooked event) {
        CustomerContact contact = contact(event, event.contact());
        if (event.start() == null || event.end() == null) {
            throw new PoisonEventException("ReviewCallBooked without start or end");
        }
        boolean invited = event.callId() != null && !event.callId().isBlank();
        String meetingUrl = webLinkOrNull(event.meetingUrl());
        String manageUrl = webLinkOrNull(event.manageUrl());
        Map<String, Object> model = customerModel(contact);
        model.put("engineer", event.engineer());
        model.put("start", ShownTime.of(event.start(), contact.timeZone()));
        model.put("end", ShownTime.of(event.end(), contact.timeZone()));
        model.put("requestId", event.requestId());
        model.put("meetingUrl", meetingUrl);
        model.put("invitation", invited);
        Map<String, Object> engineerModel = new HashMap<>(model); // before the manage link: never the engineer's
        model.put("manageUrl", manageUrl);
        if (!invited) {
            boolean again = mail.customer(event, contact, Template.CALL_BOOKED, model);
            again |= mail.engineers(event, contact, Template.CALL_BOOKED_ENGINEER, engineerModel, event.engineerEmail());
            mail.handled(again);
            return;
        }
        Call call = new Call(event.callId(), event.sequence(), event.engineer(), organizer(event.engineerEmail()), event.start(),
                event.end(), meetingUrl, manageUrl, stamp(event));
        String onceKey = "call-booked:" + event.callId() + ":" + event.sequence();
        boolean again = mail.customer(event, contact, null, Template.CALL_BOOKED, model, null, onceKey,
                call.invitation(Invitation.Method.REQUEST, contact, customerDescription(call, contact, null)));
        again |= mail.engineer(event, contact, null, Template.CALL_BOOKED_ENGINEER, engineerModel, event.engineerEmail(),
                onceKey, call.invitation(Invitation.Method.REQUEST, contact, engineerDescription(call, contact, null)));
        mail.handled(again);
    }

    /**
     * The customer moved the call: both get the new slot (and the one it replaces) with an updated invitation: the same
     * {@code UID}, the event's higher {@code SEQUENCE}, {@code METHOD:REQUEST}. Keyed by (call, sequence): every move
     * has a sequence of its own, so each is emailed once, and a redelivery, a replay or a re-publication of the same
     * move under a new event id finds its key taken.
     */
    void reviewCallRescheduled(ReviewCallRescheduled event) {
        CustomerContact contact = contact(event, event.contact());
        if (event.callId() == null || event.callId().isBlank()) {
            throw new PoisonEventException("ReviewCallRescheduled " + event.eventId() + " without callId");
        }
        if (event.start() == null || event.end() == null) {
            throw new PoisonEventException("ReviewCallRescheduled " + event.eventId() + " without start or end");
        }
        String meetingUrl = webLinkOrNull(event.meetingUrl());
        String manageUrl = webLinkOrNull(event.manageUrl());
        Map<String, Object> model = customerModel(contact);
        model.put("engineer", oneLine(event.engineer(), null));
        model.put("start", ShownTime.of(event.start(), contact.timeZone()));
        model.put("end", ShownTime.of(event.end(), contact.timeZone()));
        model.put("previousStart", ShownTime.of(event.previousStart(), contact.timeZone()));
        model.put("requestId", event.requestId());
        model.put("meetingUrl", meetingUrl);
        model.put("invitation", true);
        Map<String, Object> engineerModel = new HashMap<>(model);
        model.put("manageUrl", manageUrl);
        Call call = new Call(event.callId(), event.sequence(), event.engineer(), organizer(event.engineerEmail()), event.start(),
                event.end(), meetingUrl, manageUrl, stamp(event));
        String onceKey = "call-rescheduled:" + event.callId() + ":" + event.sequence();
        boolean again = mail.customer(event, contact, null, Template.CALL_RESCHEDULED, model, null, onceKey,
                call.invitation(Invitation.Method.REQUEST, contact, customerDescription(call, contact, null)));
        again |= mail.engineer(event, contact, null, Template.CALL_RESCHEDULED_ENGINEER, engineerModel, event.engineerEmail(),
                onceKey, call.invitation(Invitation.Method.REQUEST, contact, engineerDescription(call, contact, null)));
        mail.handled(again);
    }

    /**
     * The call was cancelled (by the customer, or because the request was declined or changes were requested): both are
     * told why, with a {@code METHOD:CANCEL} invitation ({@code STATUS:CANCELLED}, the same {@code UID}, the event's
     * {@code SEQUENCE}). No manage link: the call is gone. Keyed by (call, sequence), as a move.
     */
    void reviewCallCancelled(ReviewCallCancelled event) {
        CustomerContact contact = contact(event, event.contact());
        if (event.callId() == null || event.callId().isBlank()) {
            throw new PoisonEventException("ReviewCallCancelled " + event.eventId() + " without callId");
        }
        if (event.start() == null || event.end() == null) {
            throw new PoisonEventException("ReviewCallCancelled " + event.eventId() + " without start or end");
        }
        ReviewCallCancelled.Reason reason = event.reason() == null
                ? ReviewCallCancelled.Reason.CUSTOMER_CANCELLED : event.reason();
        Map<String, Object> model = customerModel(contact);
        model.put("engineer", oneLine(event.engineer(), null));
        model.put("start", ShownTime.of(event.start(), contact.timeZone()));
        model.put("end", ShownTime.of(event.end(), contact.timeZone()));
        model.put("requestId", event.requestId());
        model.put("invitation", true);
        model.put("reason", reason.name());
        model.put("byCustomer", reason == ReviewCallCancelled.Reason.CUSTOMER_CANCELLED);
        model.put("reasonText", cancelReasonForCustomer(reason));
        Map<String, Object> engineerModel = new HashMap<>(model);
        engineerModel.put("reasonText", cancelReasonForEngineer(reason, event.actor()));
        Call call = new Call(event.callId(), event.sequence(), event.engineer(), organizer(event.engineerEmail()), event.start(),
                event.end(), null, null, stamp(event));
        String onceKey = "call-cancelled:" + event.callId() + ":" + event.sequence();
        boolean again = mail.customer(event, contact, null, Template.CALL_CANCELLED, model, null, onceKey,
                call.invitation(Invitation.Method.CANCEL, contact,
                        customerDescription(call, contact, cancelReasonForCustomer(reason))));
        again |= mail.engineer(event, contact, null, Template.CALL_CANCELLED_ENGINEER, engineerModel, event.engineerEmail(),
                onceKey, call.invitation(Invitation.Method.CANCEL, contact,
                        engineerDescription(call, contact, cancelReasonForEngineer(reason, event.actor()))));
        mail.handled(again);
    }

    /**
     * The invitation's ORGANIZER: the engineer's address; when the event names none, or one that is not a valid
     * address (the engineer's own email is then not sent, or recorded FAILED), the service's From address, so that the
     * customer's invitation is still a valid iTIP request.
     */
    private String organizer(String engineerEmail) {
        return Addresses.normalize(engineerEmail).orElse(properties.from());
    }
    /** One version of the review call, as its invitations show it. */
    private record Call(String callId, int sequence, String engineer, String organizerEmail, Instant start, Instant end,
                        String meetingUrl, String manageUrl, Instant stamp) {

        /** ATTENDEE: the requester (the point of contact when the requester's address is not valid). */
        Invitation invitation(Invitation.Method method, CustomerContact contact, String description) {
            List<String> attendees = new ArrayList<>();
            attendees.add(contact.requesterEmail());
            attendees.add(contact.contactEmail());
            return new Invitation(method, callId, sequence, stamp, start, end, oneLine(engineer, null), organizerEmail,
                    oneLine(contact.requesterName(), null), attendees, meetingUrl, description);
        }
    }


    /** The invitation's DESCRIPTION for the customer: who, the meeting room, the manage link (never the engineer's). */
    private static String customerDescription(Call call, CustomerContact contact, String cancelled) {
        StringBuilder text = new StringBuilder();
        if (cancelled != null) {
            text.append("Cancelled: ").append(cancelled).append("\n\n");
        }
        text.append("Your ").append(java.time.Duration.between(call.start(), call.end()).toMinutes())
                .append("-minute upgrade review call with ")
                .append(oneLine(call.engineer(), "your support engineer")).append(" of GitLab Support (ticket ")
                .append(contact.ticketId()).append(").");
        if (call.meetingUrl() != null) {
            text.append("\n\nJoin the call: ").append(call.meetingUrl());
        }
        if (call.manageUrl() != null) {
            text.append("\n\nReschedule or cancel: ").append(call.manageUrl());
        }
        return text.toString();
    }

    /** The invitation's DESCRIPTION for the engineer: the customer, the request, the meeting room; no manage link. */
    private static String engineerDescription(Call call, CustomerContact contact, String cancelled) {
        StringBuilder text = new StringBuilder();
        if (cancelled != null) {
            text.append("Cancelled: ").append(cancelled).append("\n\n");
        }
        text.append("Upgrade review call with ").append(oneLine(contact.requesterName(), "the customer"))
                .append(" (ticket ").append(contact.ticketId()).append(").");
        if (call.meetingUrl() != null) {
            text.append("\n\nMeeting room: ").append(call.meetingUrl());
        }
        return text.toString();
    }

    private static String cancelReasonForCustomer(ReviewCallCancelled.Reason reason) {
        return switch (reason) {
            case CUSTOMER_CANCELLED -> "you cancelled the call.";
            case REQUEST_DECLINED -> "your upgrade assistance request was declined, so the review call will not take place.";
            case CHANGES_REQUESTED -> "changes were requested to your upgrade plan, so the review call was cancelled until "
                    + "the updated plan is approved.";
        };
    }

    private static String cancelReasonForEngineer(ReviewCallCancelled.Reason reason, String actor) {
        String who = oneLine(actor, null);
        return switch (reason) {
            case CUSTOMER_CANCELLED -> "the customer cancelled the call.";
            case REQUEST_DECLINED -> "the request was declined" + (who == null ? "" : " by " + who) + ".";
            case CHANGES_REQUESTED -> "changes were requested to the upgrade plan" + (who == null ? "" : " by " + who) + ".";
        };
    }

    /** DTSTAMP: the event's time, so that a re-render of the same version is the same invitation. */
    private static Instant stamp(DomainEvent event) {
        return event.occurredAt() != null ? event.occurredAt() : Instant.now();
    }
}
