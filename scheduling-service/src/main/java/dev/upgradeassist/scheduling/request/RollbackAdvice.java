package dev.upgradeassist.scheduling.request;

import java.time.Duration;
import java.time.Instant;

/**
 * The advice for a customer who reported problems: the minutes left in the maintenance window weighed against the
 * reviewed rollback's estimate plus a safety margin.
 *
 * @param rollBackNow whether the rollback must start now to fit in the window
 * @param text        the advice as the customer reads it
 */
record RollbackAdvice(long minutesLeft, boolean rollBackNow, String text) {

    static RollbackAdvice weigh(Instant upgradeStart, int windowDurationMinutes, int rollbackEstimateMinutes,
                                Duration safetyMargin, Instant now) {
        Instant windowEnd = upgradeStart.plus(Duration.ofMinutes(windowDurationMinutes));
        long minutesLeft = Math.max(0, Duration.between(now, windowEnd).toMinutes());
        long threshold = rollbackEstimateMinutes + safetyMargin.toMinutes();
        boolean rollBackNow = minutesLeft < threshold;
        String situation = minutesLeft + " minutes are left in your maintenance window and the reviewed rollback takes about "
                + rollbackEstimateMinutes + " minutes: ";
        String action = rollBackNow
                ? "start the rollback now, following your reviewed rollback plan."
                : "if the problem is not solved within the next " + (minutesLeft - threshold)
                  + " minutes, run your reviewed rollback plan while the window still allows it.";
        return new RollbackAdvice(minutesLeft, rollBackNow, situation + action
                + " In an emergency, roll back to the last working GitLab version and open an emergency ticket.");
    }
}
