package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.notification.templates.Invitation;
import dev.upgradeassist.notification.templates.Template;

import java.util.List;
import java.util.Map;

/**
 * One email a moment calls for, before validation and rendering.
 *
 * @param to                the addresses as the event carried them (validated strictly by the ledger)
 * @param cc                idem; an address already in {@code to} is dropped from it. None is copied on a request of
 *                          the US Government instance, where CCs are disabled (domain §f)
 * @param model             the template variables
 * @param form              the portal form of the request when the event says it ({@code RequestReceived},
 *                          {@code RequestAmended}, {@code PlanApproved}, {@code CommentAdded}), else null: the ledger
 *                          then goes by what earlier events of the request said
 * @param onceKey           what the email is once of, when that is not the event: e.g. {@code comment:<request>:<comment>}
 *                          for the email of a comment, which must go out once however often, and under whichever event
 *                          id, the comment is published; its key is then (onceKey, template), whoever the recipients
 *                          are (a directory changed between two deliveries sends nothing twice). Null: the event
 * @param noRecipientReason why there is nobody to send to, when {@code to} may come out empty for a reason the ledger
 *                          cannot know (the FAILED entry's reason); null: "no recipient". Never an address
 * @param invitation        the review call's calendar invitation this email carries (a {@code text/calendar} part,
 *                          built when the email is rendered and stored with it), or null
 */
public record MailRequest(String requestId, String ticketId, String sourceEventId, String sourceEventType,
                          Template template, List<String> to, List<String> cc, Map<String, Object> model, Form form,
                          String onceKey, String noRecipientReason, Invitation invitation) {

    /** An email without a calendar invitation. */
    public MailRequest(String requestId, String ticketId, String sourceEventId, String sourceEventType,
                       Template template, List<String> to, List<String> cc, Map<String, Object> model, Form form,
                       String onceKey, String noRecipientReason) {
        this(requestId, ticketId, sourceEventId, sourceEventType, template, to, cc, model, form, onceKey,
                noRecipientReason, null);
    }

    /** An email of one event, whose form the event says (or null). */
    public MailRequest(String requestId, String ticketId, String sourceEventId, String sourceEventType,
                       Template template, List<String> to, List<String> cc, Map<String, Object> model, Form form) {
        this(requestId, ticketId, sourceEventId, sourceEventType, template, to, cc, model, form, null, null);
    }

    /** An email of an event that does not say which form its request came from. */
    public MailRequest(String requestId, String ticketId, String sourceEventId, String sourceEventType,
                       Template template, List<String> to, List<String> cc, Map<String, Object> model) {
        this(requestId, ticketId, sourceEventId, sourceEventType, template, to, cc, model, null);
    }

    /** What the email's keys are derived from: {@link #onceKey} when it has one, else the source event id. */
    String identity() {
        return onceKey != null ? onceKey : sourceEventId;
    }
}
