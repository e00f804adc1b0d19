package dev.upgradeassist.notification.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One email of a request as the ledger holds it: what was sent to whom and when, or why not.
 *
 * @param key             the ledger key (SHA-256 of source event, template, recipients)
 * @param template        e.g. {@code request_received}
 * @param status          PENDING, RETRYING, SENT or FAILED
 * @param failureReason   the last error (RETRYING) or why it was given up (FAILED)
 * @param recipients      who this entry delivers to when that is not every To and Cc (a recipient the SMTP server
 *                        refused for now, retried alone with the same message), else null
 */
public record NotificationView(String key, String template, String sourceEventId, String sourceEventType,
                               String subject, List<String> to, List<String> cc, String status, int attempts,
                               Instant createdAt, Instant sentAt, Instant failedAt, String messageId,
                               String failureReason, List<String> recipients) {

    static NotificationView of(NotificationEntry entry) {
        return new NotificationView(entry.id(), entry.template().tag(), entry.sourceEventId(),
                entry.sourceEventType(), entry.subject(), entry.to(), entry.cc(), entry.status().name(),
                entry.attempts(), entry.createdAt(), entry.sentAt(), entry.failedAt(),
                entry.messageId(), entry.lastError(), entry.recipients());
    }
}
