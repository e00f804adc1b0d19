package dev.upgradeassist.scheduling.request;

/** A redemption the link or the slot does not allow. */
public class BookingRefusedException extends RuntimeException {

    public enum Reason {
        /** The link was used, has expired or was revoked. */
        GONE,
        /** The engineer changed between offering the slot and booking it. */
        ENGINEER_CHANGED
    }

    private final Reason reason;

    public BookingRefusedException(Reason reason) {
        super(reason.name());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
