package dev.upgradeassist.notification.ledger;

import java.util.Set;

/**
 * Where an email stands in the ledger, and where it may go from there:
 * <pre>
 *   PENDING  → SENT | RETRYING | FAILED
 *   RETRYING → SENT | RETRYING | FAILED
 *   SENT, FAILED: final
 * </pre>
 * An email is written {@code PENDING} (claimed at birth), {@code RETRYING} (one recipient the SMTP server refused for
 * now, retried alone) or, when it can never be sent (bad address, unsafe ticket id, a recipient refused for good),
 * {@code FAILED} at once.
 */
public enum NotificationStatus {
    PENDING, RETRYING, SENT, FAILED;

    /** Whether an entry in this state may become {@code next}; a final state becomes nothing. */
    boolean canBecome(NotificationStatus next) {
        return switch (this) {
            case PENDING, RETRYING -> Set.of(SENT, RETRYING, FAILED).contains(next);
            case SENT, FAILED -> false;
        };
    }

    boolean isFinal() {
        return this == SENT || this == FAILED;
    }
}
