package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.RequestClosed;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a request ended, when it did, and the transition table of the commands each ending still allows (an open request
 * allows them all; {@link RequestTransitions} refuses the others with the detail the caller reads).
 */
public enum Closure {

    /** An outcome of success was reported (or scheduling completed the request): nothing more. */
    COMPLETED(EnumSet.noneOf(RequestCommand.class)),
    /**
     * Declined for good (not entitled, out of scope): the customer may still write (to ask why, or to say they will
     * submit anew) and an engineer may close it; only amendments and outcomes end.
     */
    DECLINED_FOR_GOOD(EnumSet.of(RequestCommand.COMMENT, RequestCommand.CLOSE)),
    /**
     * Closed without an outcome ({@link UpgradeRequest#closedReason()}): no comment, no outcome; an amendment reopens a
     * request closed with {@code NO_RESPONSE} (see {@link #allows}).
     */
    CLOSED(EnumSet.noneOf(RequestCommand.class));

    private final Set<RequestCommand> allowed;

    Closure(Set<RequestCommand> allowed) {
        this.allowed = allowed;
    }

    /** Whether a request that ended this way (for {@code closedReason}, when CLOSED) still takes the command. */
    boolean allows(RequestCommand command, RequestClosed.Reason closedReason) {
        return allowed.contains(command)
                || this == CLOSED && command == RequestCommand.AMEND && closedReason == RequestClosed.Reason.NO_RESPONSE;
    }

    public boolean refusesComments() {
        return !allowed.contains(RequestCommand.COMMENT);
    }
}
