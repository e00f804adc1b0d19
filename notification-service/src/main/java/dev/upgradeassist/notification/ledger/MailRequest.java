package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.templates.Template;

import java.util.List;
import java.util.Map;

/**
 * One email a moment calls for, before validation and rendering.
 *
 * @param to    the addresses as the event carried them (validated strictly by the ledger)
 * @param cc    idem; an address already in {@code to} is dropped from it
 * @param model the template variables
 */
public record MailRequest(String requestId, String ticketId, String sourceEventId, String sourceEventType,
                          Template template, List<String> to, List<String> cc, Map<String, Object> model) {
}
