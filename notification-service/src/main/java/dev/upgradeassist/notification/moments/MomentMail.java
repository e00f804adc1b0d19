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
import dev.upgradeassist.notification.ledger.MilestoneFacts;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.upgradeassist.notification.moments.MomentText.*;

/**
 * Records the emails of a moment in the ledger: to the customer (requester + point of contact, Cc the TAM when the event
 * names one and the request is not of the US Government instance: the ledger decides), to the engineers the event names,
 * or as a whole {@link MailRequest}; and counts a record whose emails were in the ledger already once as a duplicate.
 */
final class MomentMail {

    private final NotificationRecorder recorder;
    private final EventMetrics eventMetrics;

    MomentMail(NotificationRecorder recorder, EventMetrics eventMetrics) {
        this.recorder = recorder;
        this.eventMetrics = eventMetrics;
    }

    /**
     * Records one email (see {@link NotificationRecorder#record(MailRequest, MilestoneFacts)}; null facts: none); true
     * when it was there already.
     */
    boolean record(MailRequest request, MilestoneFacts facts) {
        return recorder.record(request, facts);
    }


    /**
     * The record is done with: when any of its emails was in the ledger already, it was handled before (a redelivery
     * or a replay) and counts once as a duplicate, as the other services count a record applied before.
     */
    void handled(boolean again) {
        recorder.handled(again, eventMetrics::duplicate);
    }

    /**
     * To requester + point of contact (the ledger dedupes), Cc the TAM only when the event names one (and the request
     * is not of the US Government instance: the ledger decides, from the form of the request as its events said).
     *
     * @return true when the email was in the ledger already
     */
    boolean customer(DomainEvent event, CustomerContact contact, Template template, Map<String, Object> model) {
        return customer(event, contact, template, model, null, null);
    }

    /**
     * As above; {@code facts} is what the event tells the request's milestones (RequestReceived's submission, the start
     * of the first-email stage; PlanApproved's window), written with the email's key, and {@code form} is the
     * request's form when the event carries it.
     */
    boolean customer(DomainEvent event, CustomerContact contact, Template template, Map<String, Object> model,
                     MilestoneFacts facts, Form form) {
        List<String> to = new ArrayList<>();
        to.add(contact.requesterEmail());
        to.add(contact.contactEmail());
        List<String> cc = contact.tamEmail() == null ? List.of() : List.of(contact.tamEmail());
        return recorder.record(new MailRequest(event.requestId(), contact.ticketId(), event.eventId(), typeId(event), template,
                to, cc, model, form), facts);
    }

    /**
     * As above, for an email sent once per {@code onceKey} (a timer of the request) whichever event brings it; the
     * ticket id is the event's, else the contact's.
     */
    boolean customer(DomainEvent event, CustomerContact contact, String ticketId, Template template,
                             Map<String, Object> model, Form form, String onceKey) {
        return customer(event, contact, ticketId, template, model, form, onceKey, null);
    }

    /** As above, with the review call's calendar invitation (or null). */
    boolean customer(DomainEvent event, CustomerContact contact, String ticketId, Template template,
                             Map<String, Object> model, Form form, String onceKey, Invitation invitation) {
        List<String> to = new ArrayList<>();
        to.add(contact.requesterEmail());
        to.add(contact.contactEmail());
        List<String> cc = contact.tamEmail() == null ? List.of() : List.of(contact.tamEmail());
        return recorder.record(new MailRequest(event.requestId(), ticketId(ticketId, contact), event.eventId(), typeId(event),
                template, to, cc, model, form, onceKey, null, invitation), MilestoneFacts.NONE);
    }

    /**
     * To the engineer of a call, once per {@code onceKey}, with the call's invitation; nothing when the event names no
     * address.
     *
     * @return true when the email was in the ledger already
     */
    boolean engineer(DomainEvent event, CustomerContact contact, String ticketId, Template template,
                             Map<String, Object> model, String email, String onceKey, Invitation invitation) {
        if (email == null || email.isBlank()) {
            return false;
        }
        return recorder.record(new MailRequest(event.requestId(), ticketId(ticketId, contact), event.eventId(), typeId(event),
                template, List.of(email), List.of(), model, null, onceKey, null, invitation), MilestoneFacts.NONE);
    }

    /**
     * To the engineer(s) the event names; nothing when it names none.
     *
     * @return true when the email was in the ledger already
     */
    boolean engineers(DomainEvent event, CustomerContact contact, Template template, Map<String, Object> model,
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
        return recorder.record(new MailRequest(event.requestId(), contact.ticketId(), event.eventId(), typeId(event), template,
                to, List.of(), model), MilestoneFacts.NONE);
    }
}
