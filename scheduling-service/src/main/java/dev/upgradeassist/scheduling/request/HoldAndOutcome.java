package dev.upgradeassist.scheduling.request;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.platform.ids.DerivedIds;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The end of a request's schedule, on behalf of its {@link RequestSchedule}: the ticket waiting on hold for the
 * upgrade (TicketOnHold), and the outcome the customer reports (RequestCompleted, or RollbackAdvised weighed by
 * {@link RollbackAdvice}). Changes the stage and raises the events.
 */
final class HoldAndOutcome {

    private final RequestScheduleState state;
    private final Consumer<DomainEvent> raise;

    HoldAndOutcome(RequestScheduleState state, Consumer<DomainEvent> raise) {
        this.state = state;
        this.raise = raise;
    }

    /**
     * Puts the ticket on hold (TicketOnHold with this event id, also when it was on hold already).
     *
     * @return the time from approval to hold when the ticket was not on hold before, else null
     */
    Duration hold(String eventId, Instant now) {
        boolean newlyOnHold = state.stage != Stage.ON_HOLD;
        state.moveTo(Stage.ON_HOLD);
        if (newlyOnHold) {
            state.onHoldSince = now;
        }
        raise.accept(new TicketOnHold(eventId, now, state.id(), state.upgradeStart, state.windowDurationMinutes,
                state.owner(), state.contact));
        return newlyOnHold && state.approvedAt != null ? Duration.between(state.approvedAt, now) : null;
    }

    /** See {@link RequestSchedule#reportOutcome}. */
    boolean report(UpgradeOutcomeReported outcome, Duration safetyMargin, UnaryOperator<String> emailOf,
                   Instant now) {
        if (state.stage == Stage.COMPLETED) {
            return false;
        }
        String owner = state.owner();
        String ownerEmail = owner == null ? null : emailOf.apply(owner);
        state.onHoldSince = null;
        if (outcome.result() == OutcomeResult.SUCCEEDED) {
            state.moveTo(Stage.COMPLETED);
            raise.accept(new RequestCompleted(DerivedIds.derive(outcome.eventId(), "RequestCompleted"), now,
                    state.id(), outcome.details(), owner, ownerEmail, state.contact));
            return true;
        }
        RollbackAdvice advice = RollbackAdvice.weigh(state.upgradeStart, state.windowDurationMinutes,
                state.rollbackEstimateMinutes, safetyMargin, now);
        state.moveTo(Stage.ROLLBACK_ADVISED);
        raise.accept(new RollbackAdvised(DerivedIds.derive(outcome.eventId(), "RollbackAdvised"), now, state.id(),
                advice.minutesLeft(), state.rollbackEstimateMinutes, advice.rollBackNow(), advice.text(), owner,
                ownerEmail, state.contact));
        return true;
    }
}
