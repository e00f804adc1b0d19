package dev.upgradeassist.intake.lifecycle;

import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.security.Caller;
import dev.upgradeassist.platform.security.Role;
import dev.upgradeassist.platform.web.ApiProblem;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** What engineers and customers do to a request after submitting it: assign, close, auto-close, report the outcome. */
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

    /** An engineer closes the request (ENGINEER_CLOSED), decided in the version-checked write that records it. */
    CloseView close(String id, Caller caller) {
        UpgradeRequest request;
        try {
            request = store.update(UpgradeRequest.class, id, r -> r.close(caller.name(), clock))
                    .orElseThrow(() -> notFound(id));
        } catch (UpgradeRequest.Refused refused) {
            throw ApiProblem.conflict(refused.getMessage());
        }
        metrics.closed("engineer_closed");
        return new CloseView(request.getId(), request.getTicketId(), "CLOSED", request.getClosedReason(),
                caller.name(), request.getRevision());
    }

    AutoCloseView autoClose(String id, boolean enabled) {
        UpgradeRequest request = store.updateIfChanged(UpgradeRequest.class, id, r -> r.autoClose(enabled))
                .orElseThrow(() -> notFound(id));
        return new AutoCloseView(request.getId(), request.getTicketId(), request.isAutoClose());
    }

    /**
     * {@code engineer} takes the ticket, or, when null, the caller (an engineer assigning it to themselves); the
     * caller is recorded as who assigned it. Only an engineer can take a ticket themselves: anyone else must name one.
     */
    AssignmentView assign(String id, String engineer, Caller caller) {
        String assignee = engineer;
        if (assignee == null) {
            if (!caller.has(Role.ENGINEER)) {
                throw ApiProblem.badRequest("engineer", "is required unless an engineer assigns the ticket to themselves");
            }
            assignee = caller.name();
        }
        String target = assignee;
        UpgradeRequest request = store.update(UpgradeRequest.class, id, r -> r.assign(target, caller.name(), clock))
                .orElseThrow(() -> notFound(id));
        return new AssignmentView(request.getId(), request.getTicketId(), request.getAssignee(), request.ccs());
    }

    OutcomeView reportOutcome(String id, OutcomeResult result, String details) {
        UpgradeRequest request;
        try {
            // decided against the request's own state in the write that records it (version-checked)
            request = store.update(UpgradeRequest.class, id, r -> r.reportOutcome(result, details, clock))
                    .orElseThrow(() -> notFound(id));
        } catch (UpgradeRequest.Refused refused) {
            throw ApiProblem.conflict(refused.getMessage());
        }
        return new OutcomeView(request.getId(), request.getTicketId(), result);
    }

    private static ApiProblem notFound(String id) {
        return ApiProblem.notFound("There is no upgrade request with this id");
    }
}
