package dev.upgradeassist.intake.request;

import dev.upgradeassist.platform.domain.RuleViolation;

/**
 * Refuses a command the request's state does not allow ({@link Closure}'s table; an outcome also needs the upgrade to
 * be scheduled or rollback advised) with a {@link RuleViolation#illegalTransition} whose detail tells the caller why.
 * Assigning and turning auto-close on or off are never refused.
 */
final class RequestTransitions {

    private RequestTransitions() {
    }

    static void require(UpgradeRequest request, RequestCommand command) {
        Closure closure = request.closure;
        boolean allowed = closure == null || closure.allows(command, request.closedReason);
        if (command == RequestCommand.REPORT_OUTCOME) {
            allowed = allowed && request.awaitingOutcome;
        }
        if (!allowed) {
            throw RuleViolation.illegalTransition(refusal(request, command));
        }
    }

    private static String refusal(UpgradeRequest request, RequestCommand command) {
        Closure closure = request.closure;
        return switch (command) {
            case AMEND -> switch (closure) {
                case COMPLETED -> "The request is completed and can no longer be amended; submit a new request";
                case DECLINED_FOR_GOOD -> "The request was declined for good (not entitled or out of scope) and can "
                        + "no longer be amended; submit a new request";
                case CLOSED -> "The request was closed by an engineer and can no longer be amended; submit a new request";
            };
            case REPORT_OUTCOME -> "An outcome can be reported only while the upgrade is scheduled (ON_HOLD) or rollback "
                    + "was advised (ROLLBACK_ADVISED)" + (closure == Closure.COMPLETED ? "; the request is completed" : "");
            case COMMENT -> closure == Closure.COMPLETED
                    ? "The request is completed and takes no more comments; submit a new request"
                    : "The request is closed and takes no more comments";
            case CLOSE -> closure == Closure.COMPLETED
                    ? "The request is completed; there is nothing to close"
                    : "The request is already closed (" + request.closedReason + ")";
        };
    }
}
