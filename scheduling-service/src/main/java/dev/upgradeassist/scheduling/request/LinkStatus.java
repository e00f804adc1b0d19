package dev.upgradeassist.scheduling.request;

/**
 * A booking link's life: {@code ISSUED} until booked, revoked, or swept after it ran out. A link whose expiry has
 * passed is unusable even while it is still {@code ISSUED} (the sweep only records and announces it).
 */
public enum LinkStatus {
    ISSUED, BOOKED, EXPIRED, REVOKED;

    /** Only an issued link changes, and only once: booked, expired or revoked; the others are final. */
    public boolean canBecome(LinkStatus next) {
        return this == ISSUED && next != ISSUED;
    }
}
