package dev.upgradeassist.scheduling.request;

/** A hand-off the request's state does not allow. */
public class HandoffRefusedException extends RuntimeException {

    public HandoffRefusedException(String message) {
        super(message);
    }
}
