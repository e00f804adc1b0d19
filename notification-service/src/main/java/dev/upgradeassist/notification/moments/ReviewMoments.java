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
import dev.upgradeassist.notification.ledger.ApprovedWindows;
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
 * The moments of a plan's review: information missing, approved, changes requested (and, when review-service asked
 * because the upgrade-path data changed, Support told too), declined.
 */
final class ReviewMoments {

    /** The {@code requestedBy} of a ChangesRequested that review-service raised itself, re-checking an approved plan. */
    static final String RECHECK = "review-service";

    private final MomentMail mail;
    private final NotificationProperties properties;
    private final EngineerDirectory directory;
    private final ApprovedWindows windows;

    ReviewMoments(MomentMail mail, NotificationProperties properties, EngineerDirectory directory,
                  ApprovedWindows windows) {
        this.mail = mail;
        this.properties = properties;
        this.directory = directory;
        this.windows = windows;
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
        mail.handled(mail.customer(event, contact, Template.INFO_MISSING, model));
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
        // the window a later re-check of this revision (ChangesRequested, which does not carry it) tells Support of,
        // remembered in the write that lists the email's key
        mail.handled(mail.customer(event, contact, Template.PLAN_APPROVED, model,
                MilestoneFacts.approved(event.revision(), event.upgradeStart()), event.form()));
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
        boolean dataChanged = RECHECK.equals(event.requestedBy());
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
        boolean again = mail.customer(event, contact, Template.CHANGES_REQUESTED, model);
        if (dataChanged) {
            again |= recheckToSupport(event, contact, deficiencies);
        }
        mail.handled(again);
    }

    /**
     * review-service's re-check found that an approved plan no longer fits the upgrade-path data: Support hears of it
     * before the window, in one email to the assignee, else the region's Upgrade-focus engineers (nobody: FAILED with
     * the reason, as every Support email). It says which request, the new deficiencies (code and message), the window's
     * start (as the approval of the revision said; "not known" when it came before this was remembered) and that the
     * customer was asked to amend. Once per event, like the customer's email of the same event: its key is
     * (once key of the event, template), whoever the recipients turn out to be, so a redelivery, a replay or a changed
     * directory sends nothing twice.
     *
     * @return true when the email was in the ledger already
     */
    private boolean recheckToSupport(ChangesRequested event, CustomerContact contact, List<Deficiency> deficiencies) {
        EngineerDirectory.SupportRecipients support = directory.support(event.assignee(), event.region());
        Map<String, Object> model = ClockMoments.supportModel(event.requestId(), contact, event.assignee(),
                event.region(), support);
        Instant start = windows.upgradeStart(event.requestId(), event.revision()).orElse(null);
        model.put("revision", event.revision());
        model.put("deficiencies", deficiencies);
        model.put("requiredStops", nonNull(event.requiredStops()));
        model.put("feedbackLines", lines(event.feedback()));
        model.put("upgradeStart", ShownTime.of(start, support.timeZone()));
        model.put("customerUpgradeStart", ShownTime.of(start, contact.timeZone()));
        String onceKey = "changes-requested:" + event.requestId() + ":" + event.eventId();
        return mail.record(new MailRequest(event.requestId(), ticketId(null, contact), event.eventId(), typeId(event),
                Template.PLAN_RECHECK_ENGINEER, support.to(), List.of(), model, null, onceKey,
                support.noRecipientReason()), null);
    }

    void requestDeclined(RequestDeclined event) {
        CustomerContact contact = contact(event, event.contact());
        Map<String, Object> model = customerModel(contact);
        model.put("reasonText", reasonText(event.reason()));
        model.put("explanation", event.explanation());
        model.put("finalDecline", event.reason() != null && event.reason().closesRequest());
        mail.handled(mail.customer(event, contact, Template.REQUEST_DECLINED, model));
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
}
