package dev.upgradeassist.scheduling.handoff;

import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.web.ApiProblem;
import dev.upgradeassist.scheduling.request.HandoffRefusedException;
import dev.upgradeassist.scheduling.request.UpgradeRequest;
import dev.upgradeassist.scheduling.roster.Engineer;
import dev.upgradeassist.scheduling.roster.Roster;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Who owns a request: the triaging engineer's assignment, and hand-offs between engineers. */
@Service
public class HandoffService {

    private final AggregateStore store;
    private final Roster roster;
    private final Clock clock;

    HandoffService(AggregateStore store, Roster roster, Clock clock) {
        this.store = store;
        this.roster = roster;
        this.clock = clock;
    }

    /** The triaging engineer took the ticket (applied once per event). */
    public void assigned(EngineerAssigned assignment) {
        if (assignment.requestId() == null || assignment.requestId().isBlank()) {
            throw new PoisonEventException("EngineerAssigned without a request id");
        }
        if (assignment.engineer() == null || assignment.engineer().isBlank()) {
            throw new PoisonEventException("EngineerAssigned without an engineer");
        }
        boolean holdsCalls = roster.find(assignment.engineer()).isPresent();
        store.apply(UpgradeRequest.class, assignment.requestId(), () -> new UpgradeRequest(assignment.requestId()),
                assignment, request -> request.assign(assignment, holdsCalls));
    }

    /**
     * Hands the request to {@code body.toEngineer()} once the engineers synced.
     *
     * @throws ApiProblem 404 unknown request, 409 not synced / request closed / the new engineer is busy at the call's
     *                    time, 422 not an engineer on the roster
     */
    HandoffView handOff(String requestId, HandoffBody body, String actor) {
        if (store.find(UpgradeRequest.class, requestId).isEmpty()) {
            throw ApiProblem.notFound("There is no upgrade request " + requestId + " to hand off");
        }
        if (!Boolean.TRUE.equals(body.syncCompleted())) {
            throw ApiProblem.conflict("Sync with the receiving engineer first, then hand off with syncCompleted: true");
        }
        Engineer to = roster.find(body.toEngineer().trim()).orElseThrow(() ->
                ApiProblem.unprocessable(body.toEngineer() + " is not an engineer on the roster"));
        Instant now = clock.instant();
        var from = new AtomicReference<String>();
        var changed = new AtomicBoolean();
        UpgradeRequest saved;
        try {
            saved = store.update(UpgradeRequest.class, requestId, request -> {
                from.set(request.owner());
                changed.set(request.handOff(to.name(), body.notes(), actor, roster::emailOf, now));
            }).orElseThrow(() -> ApiProblem.notFound("There is no upgrade request " + requestId + " to hand off"));
        } catch (HandoffRefusedException e) {
            throw ApiProblem.conflict(e.getMessage());
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict(to.name() + " already has a call at the time of this request's review call");
        }
        return new HandoffView(requestId, saved.ticketId(), from.get(), to.name(),
                saved.call() == null ? null : saved.call().start(), changed.get());
    }
}
