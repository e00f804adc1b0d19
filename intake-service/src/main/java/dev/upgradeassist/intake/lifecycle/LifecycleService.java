package dev.upgradeassist.intake.lifecycle;

import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.intake.requestview.RequestStatusLookup;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.web.ApiProblem;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** What engineers and customers do to a request after submitting it: assign, report the outcome. */
@Service
class LifecycleService {

    private final AggregateStore store;
    private final RequestStatusLookup statuses;
    private final Clock clock;

    LifecycleService(AggregateStore store, RequestStatusLookup statuses, Clock clock) {
        this.store = store;
        this.statuses = statuses;
        this.clock = clock;
    }

    AssignmentView assign(String id, String engineer) {
        UpgradeRequest request = store.update(UpgradeRequest.class, id, r -> r.assign(engineer, clock))
                .orElseThrow(() -> notFound(id));
        return new AssignmentView(request.getId(), request.getTicketId(), request.getAssignee(), request.ccs());
    }

    OutcomeView reportOutcome(String id, OutcomeResult result, String details) {
        if (store.find(UpgradeRequest.class, id).isEmpty()) {
            throw notFound(id);
        }
        statuses.checkAwaitingOutcome(id);
        UpgradeRequest request = store.update(UpgradeRequest.class, id, r -> r.reportOutcome(result, details, clock))
                .orElseThrow(() -> notFound(id));
        return new OutcomeView(request.getId(), request.getTicketId(), result);
    }

    private static ApiProblem notFound(String id) {
        return ApiProblem.notFound("There is no upgrade request with this id");
    }
}
