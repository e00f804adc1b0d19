package dev.upgradeassist.scheduling.outcome;

import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.scheduling.hold.OnHoldGauge;
import dev.upgradeassist.scheduling.infrastructure.SchedulingProperties;
import dev.upgradeassist.scheduling.request.RequestSchedule;
import dev.upgradeassist.scheduling.roster.Roster;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;

/**
 * The customer's report after the upgrade: success completes the request (RequestCompleted); problems get the
 * reviewed rollback plan advised (RollbackAdvised), weighing the minutes left in the maintenance window against the
 * rollback estimate plus a safety margin.
 */
@Service
public class OutcomeService {

    private final AggregateStore store;
    private final Roster roster;
    private final SchedulingProperties properties;
    private final OnHoldGauge onHold;
    private final Clock clock;

    OutcomeService(AggregateStore store, Roster roster, SchedulingProperties properties, OnHoldGauge onHold,
                   Clock clock) {
        this.store = store;
        this.roster = roster;
        this.properties = properties;
        this.onHold = onHold;
        this.clock = clock;
    }

    public void reported(UpgradeOutcomeReported outcome) {
        if (outcome.requestId() == null || outcome.requestId().isBlank() || outcome.result() == null) {
            throw new PoisonEventException("UpgradeOutcomeReported without a request id or a result");
        }
        Instant now = clock.instant();
        var target = Target.orCreate(RequestSchedule.class, outcome.requestId(),
                () -> new RequestSchedule(outcome.requestId()), Target.Creation.READ_FIRST).causedBy(outcome);
        var applied = store.apply(target, OnHoldGauge.tracking(request -> {
            if (!request.isApproved()) {
                // retried with back-off (the approval may still be on its way on the review topic), then DLT
                throw new IllegalStateException("Outcome reported for request " + outcome.requestId()
                        + " before its approval");
            }
            return request.reportOutcome(outcome, properties.rollbackSafetyMargin(), roster::emailOf, now);
        }));
        if (applied.written()) {
            onHold.moved(applied.result());
        }
    }
}
