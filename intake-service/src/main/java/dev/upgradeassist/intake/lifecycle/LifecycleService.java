package dev.upgradeassist.intake.lifecycle;

import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.platform.security.Caller;
import dev.upgradeassist.platform.security.Role;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.function.Function;

/**
 * What engineers and customers do to a request after submitting it: assign, close, auto-close, report the outcome.
 * Each is decided against the request's own state in the version-checked write that records it; a command the
 * request refuses is its {@link RuleViolation}.
 */
@Service
class LifecycleService {

    private final AggregateStore store;
    private final Clock clock;
    private final IntakeMetrics metrics;

    LifecycleService(AggregateStore store, Clock clock, IntakeMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** An engineer closes the request (ENGINEER_CLOSED). */
    CloseView close(String id, Caller caller) {
        UpgradeRequest request = update(id, r -> {
            r.close(caller.name(), clock);
            return true;
        });
        metrics.closed("engineer_closed");
        return new CloseView(request.id(), request.ticketId(), "CLOSED", request.closedReason(),
                caller.name(), request.revision());
    }

    AutoCloseView autoClose(String id, boolean enabled) {
        UpgradeRequest request = store.apply(Target.existing(UpgradeRequest.class, id), r -> r.autoClose(enabled),
                        Boolean::booleanValue)
                .aggregateOrThrow(LifecycleService::notFound);
        return new AutoCloseView(request.id(), request.ticketId(), request.autoCloseEnabled());
    }

    /**
     * {@code engineer} takes the ticket, or, when null, the caller (an engineer assigning it to themselves); the
     * caller is recorded as who assigned it. Only an engineer can take a ticket themselves: anyone else must name one.
     */
    AssignmentView assign(String id, String engineer, Caller caller) {
        String assignee = engineer;
        if (assignee == null) {
            if (!caller.has(Role.ENGINEER)) {
                throw RuleViolation.invalid("engineer", "is required unless an engineer assigns the ticket to themselves");
            }
            assignee = caller.name();
        }
        String target = assignee;
        UpgradeRequest request = update(id, r -> r.assign(target, caller.name(), clock));
        return new AssignmentView(request.id(), request.ticketId(), request.assignee(), request.ccs());
    }

    OutcomeView reportOutcome(String id, OutcomeResult result, String details) {
        UpgradeRequest request = update(id, r -> {
            r.reportOutcome(result, details, clock);
            return true;
        });
        return new OutcomeView(request.id(), request.ticketId(), result);
    }

    /** Applies the command and writes the request (whatever the command returns), or answers 404. */
    private UpgradeRequest update(String id, Function<UpgradeRequest, Boolean> command) {
        return store.apply(Target.existing(UpgradeRequest.class, id), command).aggregateOrThrow(LifecycleService::notFound);
    }

    private static RuleViolation notFound() {
        return RuleViolation.notFound("There is no upgrade request with this id");
    }
}
