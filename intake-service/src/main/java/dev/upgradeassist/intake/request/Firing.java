package dev.upgradeassist.intake.request;

import java.util.List;

/**
 * The outcome of {@link UpgradeRequest#fireDue}: what fired, and whether the document changed at all (then it is
 * written).
 */
public record Firing(List<Fired> fired, boolean changed) {

    /** What a firing did, for the metrics: each value once per timer. */
    public enum Fired { FIRST_RESPONSE_BREACHED, NEXT_RESPONSE_BREACHED, PENDING_REMINDER, CLOSED_NO_RESPONSE,
        ON_HOLD_RECHECK, CALL_REMINDER }
}
