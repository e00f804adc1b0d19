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
import dev.upgradeassist.notification.delivery.Addresses;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.MailRequest;
import dev.upgradeassist.notification.ledger.NotificationLedger;
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

/**
 * Who is told what at each moment of a request (domain §f). Recipients come only from the event:
 * customer emails go To the requester and the point of contact (deduplicated), Cc the TAM when the
 * event's contact names one, except on the US Government instance (form {@code US_FEDERAL}), where CCs are
 * disabled and the ledger copies no one; engineer emails go to the addresses the event carries.
 * <p>
 * Comments: an engineer's PUBLIC comment goes to the customer as above; a customer's goes to the assignee, or, when
 * the request is unassigned (or its assignee is not in the {@link EngineerDirectory}), to the Upgrade-focus engineers
 * of its region; an INTERNAL comment never leaves Support: it is neither rendered nor recorded, and its body is never
 * logged. A comment's email is keyed by the comment, not the event, so it goes out once however often it is published.
 * <p>
 * A record whose emails were in the ledger already (a redelivery or a replay) counts once as a duplicate of the
 * service ({@code upgrade_assist_events_duplicates_total{service}}), however many emails it calls for.
 */
@Service
class Moments {

    /** The first-response target for High priority tickets (Support's SLA). */
    static final int HIGH_PRIORITY_FIRST_RESPONSE_HOURS = 4;

    private static final Logger log = LoggerFactory.getLogger(Moments.class);

    private final NotificationLedger ledger;
    private final NotificationProperties properties;
    private final EventMetrics eventMetrics;
    private final EngineerDirectory directory;

    Moments(NotificationLedger ledger, NotificationProperties properties, EventMetrics eventMetrics,
            EngineerDirectory directory) {
        this.ledger = ledger;
        this.properties = properties;
        this.eventMetrics = eventMetrics;
        this.directory = directory;
    }

    void requestReceived(RequestReceived event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        String priority = event.priority() == null ? "HIGH" : event.priority().toUpperCase(Locale.ROOT);
        model.put("priority", priority);
        model.put("highPriority", priority.equals("HIGH"));
        model.put("firstResponseHours", HIGH_PRIORITY_FIRST_RESPONSE_HOURS);
        model.put("receivedAt", ShownTime.of(event.occurredAt(), contact.timeZone()));
        handled(customer(event, contact, Template.REQUEST_RECEIVED, model, event.occurredAt(),
                formOf(event.submission())));
    }

    /** A short "we received your update": the customer changed the request and deserves to know it landed. */
    void requestAmended(RequestAmended event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("revision", event.revision());
        model.put("receivedAt", ShownTime.of(event.occurredAt(), contact.timeZone()));
        handled(customer(event, contact, Template.REQUEST_UPDATED, model, null, formOf(event.submission())));
    }

    void infoMissing(InfoMissing event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("revision", event.revision());
        model.put("deficiencies", nonNull(event.deficiencies()));
        model.put("findings", nonNull(event.findings()));
        model.put("requiredStops", nonNull(event.requiredStops()));
        model.put("planGuideUrl", properties.planGuideUrl());
        model.put("upgradePathUrl", properties.upgradePathUrl());
        handled(customer(event, contact, Template.INFO_MISSING, model));
    }

    void planApproved(PlanApproved event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("findings", nonNull(event.findings()));
        model.put("requiredStops", nonNull(event.requiredStops()));
        model.put("upgradeStart", ShownTime.of(event.upgradeStart(), contact.timeZone()));
        model.put("windowDurationMinutes", event.windowDurationMinutes());
        model.put("callOffered", event.callOffered());
        // an engineer's approval names the engineer; older events and automatic approvals read as before
        boolean byEngineer = event.approvalMode() == PlanApproved.ApprovalMode.ENGINEER;
        model.put("approvedBy", byEngineer ? oneLine(event.approvedBy(), null) : null);
        model.put("feedbackLines", lines(event.feedback()));
        if (event.upgradeStart() == null) {
            throw new PoisonEventException("PlanApproved without upgradeStart");
        }
        handled(customer(event, contact, Template.PLAN_APPROVED, model, null, event.form()));
    }

    /**
     * An engineer asked for changes (or review-service did, when the upgrade-path data changed under an approved plan):
     * the feedback and the engineer's items (field, message, hint) first, then what the automatic checks found, as in
     * {@code info_missing}.
     */
    void changesRequested(ChangesRequested event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        List<Deficiency> deficiencies = nonNull(event.deficiencies());
        model.put("revision", event.revision());
        // review-service itself asks when GitLab's upgrade-path data changed under an approved plan (its re-check)
        boolean dataChanged = "review-service".equals(event.requestedBy());
        model.put("dataChanged", dataChanged);
        model.put("requestedBy", dataChanged ? null : oneLine(event.requestedBy(), null));
        model.put("feedbackLines", lines(event.feedback()));
        model.put("engineerItems", deficiencies.stream()
                .filter(d -> Deficiency.ENGINEER_REQUESTED.equals(d.code())).toList());
        model.put("otherDeficiencies", deficiencies.stream()
                .filter(d -> !Deficiency.ENGINEER_REQUESTED.equals(d.code())).toList());
        model.put("findings", nonNull(event.findings()));
        model.put("requiredStops", nonNull(event.requiredStops()));
        model.put("planGuideUrl", properties.planGuideUrl());
        model.put("upgradePathUrl", properties.upgradePathUrl());
        handled(customer(event, contact, Template.CHANGES_REQUESTED, model));
    }

    /**
     * A comment: an engineer's PUBLIC reply to the customer, a customer's reply to the engineers; an INTERNAL note (or
     * a comment whose visibility is not PUBLIC at all) is skipped before anything reads its body.
     */
    void commentAdded(CommentAdded event) {
        if (event.visibility() != CommentAdded.Visibility.PUBLIC) {
            log.debug("Comment {} of request {} is {}: not emailed", event.commentId(), event.requestId(),
                    event.visibility());
            return;
        }
        if (event.authorRole() == null) {
            throw new PoisonEventException("CommentAdded " + event.eventId() + " without authorRole");
        }
        if (event.commentId() == null || event.commentId().isBlank()) {
            throw new PoisonEventException("CommentAdded " + event.eventId() + " without commentId");
        }
        if (event.body() == null || event.body().isBlank()) {
            throw new PoisonEventException("CommentAdded " + event.eventId() + " without a body");
        }
        switch (event.authorRole()) {
            case ENGINEER -> engineerReply(event);
            case CUSTOMER -> customerReply(event);
        }
    }

    /** To requester + point of contact, Cc the TAM except on the US Government instance (the event carries the form). */
    private void engineerReply(CommentAdded event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("author", oneLine(event.author(), "Your support engineer"));
        model.put("bodyLines", lines(event.body()));
        model.put("at", ShownTime.of(event.occurredAt(), contact.timeZone()));
        List<String> to = new ArrayList<>();
        to.add(contact.requesterEmail());
        to.add(contact.contactEmail());
        List<String> cc = contact.tamEmail() == null ? List.of() : List.of(contact.tamEmail());
        handled(ledger.record(new MailRequest(event.requestId(), ticketId(event, contact), event.eventId(), typeId(event),
                Template.ENGINEER_REPLY, to, cc, model, event.form(), onceKey(event), null), null));
    }

    /**
     * To the assignee when the directory knows them; else (unassigned, or an assignee the directory does not know) to
     * the Upgrade-focus engineers of the request's region. Nobody to send to is recorded FAILED with the reason.
     */
    private void customerReply(CommentAdded event) {
        CustomerContact contact = event.contact();
        String timeZone = contact == null ? null : contact.timeZone();
        EngineerDirectory.SupportRecipients support = directory.support(event.assignee(), event.region());
        Map<String, Object> model = new HashMap<>();
        model.put("requesterName", oneLine(contact == null ? null : contact.requesterName(), "The customer"));
        model.put("customerTimeZone", timeZone);
        model.put("requestId", event.requestId());
        model.put("assignee", oneLine(event.assignee(), null));
        model.put("toAssignee", support.toAssignee());
        model.put("region", regionName(event.region()));
        model.put("bodyLines", lines(event.body()));
        model.put("at", ShownTime.of(event.occurredAt(), timeZone));
        handled(ledger.record(new MailRequest(event.requestId(), ticketId(event, contact), event.eventId(), typeId(event),
                Template.CUSTOMER_REPLY, support.to(), List.of(), model, event.form(), onceKey(event),
                support.noRecipientReason()), null));
    }

    /** One email per comment, whichever event (a redelivery, a replay, a re-publication) brings it. */
    private static String onceKey(CommentAdded event) {
        return "comment:" + event.requestId() + ":" + event.commentId();
    }

    private static String ticketId(CommentAdded event, CustomerContact contact) {
        return ticketId(event.ticketId(), contact);
    }

    void requestDeclined(RequestDeclined event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("reasonText", reasonText(event.reason()));
        model.put("explanation", event.explanation());
        model.put("finalDecline", event.reason() != null && event.reason().closesRequest());
        handled(customer(event, contact, Template.REQUEST_DECLINED, model));
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
            handled(customer(event, contact, null, Template.BOOKING_LINK, model, null,
                    "booking-link:" + event.requestId() + ":" + event.linkId()));
        } else {
            handled(customer(event, contact, Template.BOOKING_LINK, model));
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
            boolean again = customer(event, contact, Template.CALL_BOOKED, model);
            again |= engineers(event, contact, Template.CALL_BOOKED_ENGINEER, engineerModel, event.engineerEmail());
            handled(again);
            return;
        }
        Call call = new Call(event.callId(), event.sequence(), event.engineer(), organizer(event.engineerEmail()), event.start(),
                event.end(), meetingUrl, manageUrl, stamp(event));
        String onceKey = "call-booked:" + event.callId() + ":" + event.sequence();
        boolean again = customer(event, contact, null, Template.CALL_BOOKED, model, null, onceKey,
                call.invitation(Invitation.Method.REQUEST, contact, customerDescription(call, contact, null)));
        again |= engineer(event, contact, null, Template.CALL_BOOKED_ENGINEER, engineerModel, event.engineerEmail(),
                onceKey, call.invitation(Invitation.Method.REQUEST, contact, engineerDescription(call, contact, null)));
        handled(again);
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
        boolean again = customer(event, contact, null, Template.CALL_RESCHEDULED, model, null, onceKey,
                call.invitation(Invitation.Method.REQUEST, contact, customerDescription(call, contact, null)));
        again |= engineer(event, contact, null, Template.CALL_RESCHEDULED_ENGINEER, engineerModel, event.engineerEmail(),
                onceKey, call.invitation(Invitation.Method.REQUEST, contact, engineerDescription(call, contact, null)));
        handled(again);
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
        boolean again = customer(event, contact, null, Template.CALL_CANCELLED, model, null, onceKey,
                call.invitation(Invitation.Method.CANCEL, contact,
                        customerDescription(call, contact, cancelReasonForCustomer(reason))));
        again |= engineer(event, contact, null, Template.CALL_CANCELLED_ENGINEER, engineerModel, event.engineerEmail(),
                onceKey, call.invitation(Invitation.Method.CANCEL, contact,
                        engineerDescription(call, contact, cancelReasonForEngineer(reason, event.actor()))));
        handled(again);
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

    void engineerHandedOff(EngineerHandedOff event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("fromEngineer", event.fromEngineer());
        model.put("toEngineer", event.toEngineer() == null ? "A new engineer" : event.toEngineer());
        model.put("callStart", ShownTime.of(event.callStart(), contact.timeZone()));
        model.put("requestId", event.requestId());
        boolean again = customer(event, contact, Template.NEW_ENGINEER, new HashMap<>(model));
        model.put("notes", event.notes());
        again |= engineers(event, contact, Template.HANDOFF_ENGINEERS, model, event.fromEngineerEmail(),
                event.toEngineerEmail());
        handled(again);
    }

    void ticketOnHold(TicketOnHold event) {
        CustomerContact contact = contact(event, event.contact());
        if (event.upgradeStart() == null) {
            throw new PoisonEventException("TicketOnHold without upgradeStart");
        }
        Map<String, Object> model = customerModel(contact);
        model.put("upgradeStart", ShownTime.of(event.upgradeStart(), contact.timeZone()));
        model.put("windowEnd", ShownTime.of(event.upgradeStart().plusSeconds(60L * event.windowDurationMinutes()),
                contact.timeZone()));
        model.put("windowDurationMinutes", event.windowDurationMinutes());
        model.put("assignee", event.assignee());
        handled(customer(event, contact, Template.ON_HOLD, model));
    }

    void rollbackAdvised(RollbackAdvised event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("minutesLeftInWindow", event.minutesLeftInWindow());
        model.put("rollbackEstimateMinutes", event.rollbackEstimateMinutes());
        model.put("rollBackNow", event.rollBackNow());
        model.put("advice", event.advice());
        model.put("assignee", event.assignee());
        model.put("requestId", event.requestId());
        boolean again = customer(event, contact, Template.ROLLBACK_ADVISED, model);
        again |= engineers(event, contact, Template.ROLLBACK_ADVISED_ENGINEER, new HashMap<>(model), event.assigneeEmail());
        handled(again);
    }

    void requestCompleted(RequestCompleted event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("details", event.details());
        model.put("assignee", event.assignee());
        model.put("requestId", event.requestId());
        boolean again = customer(event, contact, Template.COMPLETED, model);
        again |= engineers(event, contact, Template.COMPLETED_ENGINEER, new HashMap<>(model), event.assigneeEmail());
        handled(again);
    }

    // ------------------------------------------------------------------ clocks (intake's timers)

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
        handled(ledger.record(new MailRequest(event.requestId(), ticketId(event.ticketId(), contact), event.eventId(),
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
        handled(customer(event, contact, event.ticketId(), Template.PENDING_REMINDER, model, event.form(), onceKey));
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
        boolean again = customer(event, contact, event.ticketId(), Template.ON_HOLD_RECHECK, model, event.form(), onceKey);

        EngineerDirectory.SupportRecipients support = directory.support(event.assignee(), event.region());
        Map<String, Object> engineers = supportModel(event.requestId(), contact, event.assignee(), event.region(), support);
        engineers.put("windowEnd", ShownTime.of(event.windowEnd(), support.timeZone()));
        engineers.put("customerWindowEnd", ShownTime.of(event.windowEnd(), contact.timeZone()));
        again |= ledger.record(new MailRequest(event.requestId(), ticketId(event.ticketId(), contact), event.eventId(),
                typeId(event), Template.ON_HOLD_RECHECK_ENGINEER, support.to(), List.of(), engineers, event.form(), onceKey,
                support.noRecipientReason()), null);
        handled(again);
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
        boolean again = customer(event, contact, event.ticketId(), Template.CALL_REMINDER, model, event.form(), onceKey);

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
            again |= ledger.record(new MailRequest(event.requestId(), ticketId(event.ticketId(), contact), event.eventId(),
                    typeId(event), Template.CALL_REMINDER_ENGINEER, List.of(engineerEmail), List.of(), engineer,
                    event.form(), onceKey, null), null);
        }
        handled(again);
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
        handled(customer(event, contact, event.ticketId(), template, model, event.form(), onceKey));
    }

    /** The model of an email to Support about a request: who it goes to and why, the customer and the request. */
    private static Map<String, Object> supportModel(String requestId, CustomerContact contact, String assignee,
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

    private static String regionName(Region region) {
        return region == null ? "unknown" : region.name();
    }

    private static String ticketId(String ticketId, CustomerContact contact) {
        return ticketId != null || contact == null ? ticketId : contact.ticketId();
    }

    // ------------------------------------------------------------------ recipients

    /**
     * The record is done with: when any of its emails was in the ledger already, it was handled before (a redelivery
     * or a replay) and counts once as a duplicate, as the other services count a record applied before.
     */
    private void handled(boolean again) {
        if (again) {
            eventMetrics.duplicate();
        }
    }

    /**
     * To requester + point of contact (the ledger dedupes), Cc the TAM only when the event names one (and the request
     * is not of the US Government instance: the ledger decides, from the form of the request as its events said).
     *
     * @return true when the email was in the ledger already
     */
    private boolean customer(DomainEvent event, CustomerContact contact, Template template, Map<String, Object> model) {
        return customer(event, contact, template, model, null, null);
    }

    /**
     * As above; {@code submittedAt} marks RequestReceived's email, the start of the first-email stage, and {@code form}
     * is the request's form when the event carries it.
     */
    private boolean customer(DomainEvent event, CustomerContact contact, Template template, Map<String, Object> model,
                             java.time.Instant submittedAt, Form form) {
        List<String> to = new ArrayList<>();
        to.add(contact.requesterEmail());
        to.add(contact.contactEmail());
        List<String> cc = contact.tamEmail() == null ? List.of() : List.of(contact.tamEmail());
        return ledger.record(new MailRequest(event.requestId(), contact.ticketId(), event.eventId(), typeId(event), template,
                to, cc, model, form), submittedAt);
    }

    /**
     * As above, for an email sent once per {@code onceKey} (a timer of the request) whichever event brings it; the
     * ticket id is the event's, else the contact's.
     */
    private boolean customer(DomainEvent event, CustomerContact contact, String ticketId, Template template,
                             Map<String, Object> model, Form form, String onceKey) {
        return customer(event, contact, ticketId, template, model, form, onceKey, null);
    }

    /** As above, with the review call's calendar invitation (or null). */
    private boolean customer(DomainEvent event, CustomerContact contact, String ticketId, Template template,
                             Map<String, Object> model, Form form, String onceKey, Invitation invitation) {
        List<String> to = new ArrayList<>();
        to.add(contact.requesterEmail());
        to.add(contact.contactEmail());
        List<String> cc = contact.tamEmail() == null ? List.of() : List.of(contact.tamEmail());
        return ledger.record(new MailRequest(event.requestId(), ticketId(ticketId, contact), event.eventId(), typeId(event),
                template, to, cc, model, form, onceKey, null, invitation), null);
    }

    /**
     * To the engineer of a call, once per {@code onceKey}, with the call's invitation; nothing when the event names no
     * address.
     *
     * @return true when the email was in the ledger already
     */
    private boolean engineer(DomainEvent event, CustomerContact contact, String ticketId, Template template,
                             Map<String, Object> model, String email, String onceKey, Invitation invitation) {
        if (email == null || email.isBlank()) {
            return false;
        }
        return ledger.record(new MailRequest(event.requestId(), ticketId(ticketId, contact), event.eventId(), typeId(event),
                template, List.of(email), List.of(), model, null, onceKey, null, invitation), null);
    }

    /**
     * To the engineer(s) the event names; nothing when it names none.
     *
     * @return true when the email was in the ledger already
     */
    private boolean engineers(DomainEvent event, CustomerContact contact, Template template, Map<String, Object> model,
                              String... emails) {
        List<String> to = new ArrayList<>();
        for (String email : emails) {
            if (email != null) {
                to.add(email);
            }
        }
        if (to.isEmpty()) {
            return false;
        }
        return ledger.record(new MailRequest(event.requestId(), contact.ticketId(), event.eventId(), typeId(event), template,
                to, List.of(), model), null);
    }

    private static Form formOf(UpgradeSubmission submission) {
        return submission == null ? null : submission.form();
    }

    private static CustomerContact contact(DomainEvent event, CustomerContact contact) {
        if (contact == null) {
            throw new PoisonEventException(typeId(event) + " " + event.eventId() + " carries no contact");
        }
        return contact;
    }

    private static Map<String, Object> customerModel(CustomerContact contact) {
        Map<String, Object> model = new HashMap<>();
        model.put("requesterName", oneLine(contact.requesterName(), "there"));
        model.put("customerTimeZone", contact.timeZone());
        return model;
    }

    /** Names only ever go into bodies (escaped in HTML), never headers; still, one line each. */
    private static String oneLine(String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return value.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]+", " ").strip();
    }

    /**
     * A person's text (feedback, a comment) as the lines it was written in, so that both templates show its line
     * breaks: CR LF, CR, LF and the Unicode line separators end a line; other control characters (but tab) are
     * dropped; leading and trailing blank lines go. Empty for null or blank text.
     */
    static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String cleaned = text.replaceAll("\\r\\n?|[\\u0085\\u2028\\u2029]", "\n")
                .replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
        List<String> lines = new ArrayList<>(List.of(cleaned.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return List.copyOf(lines.stream().map(String::stripTrailing).toList());
    }

    private static String reasonText(DeclineReason reason) {
        if (reason == null) {
            return "The request cannot be accepted as submitted.";
        }
        return switch (reason) {
            case NOT_ENTITLED -> "Upgrade assistance is part of Priority Support, which your organization does not have.";
            case OUT_OF_SCOPE -> "The request includes changes that are not an upgrade (for example an edition or "
                    + "install-method change, scaling, data migration or adding Geo).";
            case POSTPONE_RECOMMENDED -> "We recommend postponing: the plan is likely to cause production downtime or "
                    + "does not leave enough time to prepare.";
            case ENGINEER_DECLINED -> "The reviewing engineer could not accept the plan as it stands.";
        };
    }

    /** The link when it is an http(s) link, else null (a link of another scheme is never shown). */
    private static String webLinkOrNull(String url) {
        return isWebLink(url) ? url : null;
    }

    private static boolean isWebLink(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String typeId(DomainEvent event) {
        return EventTypes.of(event).typeId();
    }
}
