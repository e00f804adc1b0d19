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

/** What the moments make of an event's values: one-line names, a person's text as lines, safe links, the event's type. */
final class MomentText {

    private MomentText() {
    }


    static Form formOf(UpgradeSubmission submission) {
        return submission == null ? null : submission.form();
    }

    static CustomerContact contact(DomainEvent event, CustomerContact contact) {
        if (contact == null) {
            throw new PoisonEventException(typeId(event) + " " + event.eventId() + " carries no contact");
        }
        return contact;
    }

    static Map<String, Object> customerModel(CustomerContact contact) {
        Map<String, Object> model = new HashMap<>();
        model.put("requesterName", oneLine(contact.requesterName(), "there"));
        model.put("customerTimeZone", contact.timeZone());
        return model;
    }

    /** Names only ever go into bodies (escaped in HTML), never headers; still, one line each. */
    static String oneLine(String value, String fallback) {
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

    /** The link when it is an http(s) link, else null (a link of another scheme is never shown). */
    static String webLinkOrNull(String url) {
        return isWebLink(url) ? url : null;
    }

    static boolean isWebLink(String url) {
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

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    static String typeId(DomainEvent event) {
        return EventTypes.of(event).typeId();
    }

    static String regionName(Region region) {
        return region == null ? "unknown" : region.name();
    }

    static String ticketId(String ticketId, CustomerContact contact) {
        return ticketId != null || contact == null ? ticketId : contact.ticketId();
    }
}
