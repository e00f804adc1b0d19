package dev.upgradeassist.scheduling.request;

/** A change to a booked call (reschedule, cancel) or a re-issued link that the request's state does not allow. */
public class CallRefusedException extends RuntimeException {

    public enum Reason {
        /** The call was cancelled, has started, the booking deadline passed, or the request was closed. */
        GONE,
        /** The request cannot get a new link now (not approved, a call booked, too late, closed). */
        CONFLICT
    }

    private final Reason reason;

    public CallRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
