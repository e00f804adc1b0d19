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

/** The moments of the upgrade itself: an engineer handed off, the ticket on hold for the window, rollback advice, done. */
final class UpgradeMoments {

    private final MomentMail mail;

    UpgradeMoments(MomentMail mail) {
        this.mail = mail;
    }


    void engineerHandedOff(EngineerHandedOff event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("fromEngineer", event.fromEngineer());
        model.put("toEngineer", event.toEngineer() == null ? "A new engineer" : event.toEngineer());
        model.put("callStart", ShownTime.of(event.callStart(), contact.timeZone()));
        model.put("requestId", event.requestId());
        boolean again = mail.customer(event, contact, Template.NEW_ENGINEER, new HashMap<>(model));
        model.put("notes", event.notes());
        again |= mail.engineers(event, contact, Template.HANDOFF_ENGINEERS, model, event.fromEngineerEmail(),
                event.toEngineerEmail());
        mail.handled(again);
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
        mail.handled(mail.customer(event, contact, Template.ON_HOLD, model));
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
        boolean again = mail.customer(event, contact, Template.ROLLBACK_ADVISED, model);
        again |= mail.engineers(event, contact, Template.ROLLBACK_ADVISED_ENGINEER, new HashMap<>(model), event.assigneeEmail());
        mail.handled(again);
    }

    void requestCompleted(RequestCompleted event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("details", event.details());
        model.put("assignee", event.assignee());
        model.put("requestId", event.requestId());
        boolean again = mail.customer(event, contact, Template.COMPLETED, model);
        again |= mail.engineers(event, contact, Template.COMPLETED_ENGINEER, new HashMap<>(model), event.assigneeEmail());
        mail.handled(again);
    }
}
