package dev.upgradeassist.intake.lifecycle;

import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.web.ApiProblem;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** What engineers and customers do to a request after submitting it: assign, report the outcome. */
@Service
class LifecycleService {

    private final AggregateStore store;
    private final Clock clock;

    LifecycleService(AggregateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code engineer} takes the ticket; {@code actor}, the authenticated caller, is recorded as who assigned it. */
    AssignmentView assign(String id, String engineer, String actor) {
        UpgradeRequest request = store.update(UpgradeRequest.class, id, r -> r.assign(engineer, actor, clock))
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
