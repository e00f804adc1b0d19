package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.notification.templates.Template;

import java.util.List;
import java.util.Map;

/**
 * One email a moment calls for, before validation and rendering.
 *
 * @param to    the addresses as the event carried them (validated strictly by the ledger)
 * @param cc    idem; an address already in {@code to} is dropped from it. None is copied on a request of the US
 *              Government instance, where CCs are disabled (domain §f)
 * @param model the template variables
 * @param form  the portal form of the request when the event says it ({@code RequestReceived}, {@code RequestAmended},
 *              {@code PlanApproved}), else null: the ledger then goes by what earlier events of the request said
 */
public record MailRequest(String requestId, String ticketId, String sourceEventId, String sourceEventType,
                          Template template, List<String> to, List<String> cc, Map<String, Object> model, Form form) {

    /** An email of an event that does not say which form its request came from. */
    public MailRequest(String requestId, String ticketId, String sourceEventId, String sourceEventType,
                       Template template, List<String> to, List<String> cc, Map<String, Object> model) {
        this(requestId, ticketId, sourceEventId, sourceEventType, template, to, cc, model, null);
    }
}
