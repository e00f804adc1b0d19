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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.upgradeassist.notification.moments.MomentText.*;

/**
 * The moments of a request's intake: received, updated by the customer, and its conversation. An engineer's PUBLIC
 * comment goes to the customer; a customer's goes to the assignee, or, when the request is unassigned (or its assignee
 * is not in the {@link EngineerDirectory}), to the Upgrade-focus engineers of its region; an INTERNAL comment never
 * leaves Support: it is neither rendered nor recorded, and its body is never logged. A comment's email is keyed by the
 * comment, not the event, so it goes out once however often it is published.
 */
final class IntakeMoments {

    /** The first-response target for High priority tickets (Support's SLA). */
    static final int HIGH_PRIORITY_FIRST_RESPONSE_HOURS = 4;

    private static final Logger log = LoggerFactory.getLogger(IntakeMoments.class);

    private final MomentMail mail;
    private final EngineerDirectory directory;

    IntakeMoments(MomentMail mail, EngineerDirectory directory) {
        this.mail = mail;
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
        mail.handled(mail.customer(event, contact, Template.REQUEST_RECEIVED, model, MilestoneFacts.submitted(event.occurredAt()),
                formOf(event.submission())));
    }

    /** A short "we received your update": the customer changed the request and deserves to know it landed. */
    void requestAmended(RequestAmended event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("revision", event.revision());
        model.put("receivedAt", ShownTime.of(event.occurredAt(), contact.timeZone()));
        mail.handled(mail.customer(event, contact, Template.REQUEST_UPDATED, model, null, formOf(event.submission())));
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
        mail.handled(mail.record(new MailRequest(event.requestId(), ticketId(event.ticketId(), contact), event.eventId(), typeId(event),
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
        mail.handled(mail.record(new MailRequest(event.requestId(), ticketId(event.ticketId(), contact), event.eventId(), typeId(event),
                Template.CUSTOMER_REPLY, support.to(), List.of(), model, event.form(), onceKey(event),
                support.noRecipientReason()), null));
    }

    /** One email per comment, whichever event (a redelivery, a replay, a re-publication) brings it. */
    private static String onceKey(CommentAdded event) {
        return "comment:" + event.requestId() + ":" + event.commentId();
    }
}
