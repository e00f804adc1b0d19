package dev.upgradeassist.notification.ledger;

/**
 * Where an email stands in the ledger. {@code PENDING → SENT}, or {@code PENDING → RETRYING → … → SENT | FAILED};
 * an email that can never be sent (bad address, unsafe ticket id) is written {@code FAILED} at once.
 */
public enum NotificationStatus {
    PENDING, RETRYING, SENT, FAILED;

    boolean isFinal() {
        return this == SENT || this == FAILED;
    }
}
