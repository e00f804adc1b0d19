package dev.upgradeassist.notification.ledger;

/**
 * Published (in-process) after an entry was written, so that the delivery worker starts at once: a PENDING entry as
 * written, claimed at birth for this instance.
 */
public record EntryRecorded(NotificationEntry entry) {

    public String key() {
        return entry.id();
    }
}
