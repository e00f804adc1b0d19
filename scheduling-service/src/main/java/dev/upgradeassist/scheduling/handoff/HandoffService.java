package dev.upgradeassist.scheduling.handoff;

import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.scheduling.request.RequestSchedule;
import dev.upgradeassist.scheduling.roster.Engineer;
import dev.upgradeassist.scheduling.roster.Roster;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;

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
        store.apply(Target.orCreate(RequestSchedule.class, assignment.requestId(),
                        () -> new RequestSchedule(assignment.requestId()), Target.Creation.READ_FIRST).causedBy(assignment),
                request -> {
                    request.assign(assignment, holdsCalls);
                    return true;
                });
    }

    /**
     * Hands the request to {@code body.toEngineer()} once the engineers synced.
     *
     * @throws RuleViolation not found (unknown request), illegal transition (not synced / request closed / the new
     *                       engineer is busy at the call's time), unacceptable (not an engineer on the roster)
     */
    HandoffView handOff(String requestId, HandoffBody body, String actor) {
        if (store.find(RequestSchedule.class, requestId).isEmpty()) {
            throw RuleViolation.notFound("There is no upgrade request " + requestId + " to hand off");
        }
        if (!Boolean.TRUE.equals(body.syncCompleted())) {
            throw RuleViolation.illegalTransition(
                    "Sync with the receiving engineer first, then hand off with syncCompleted: true");
        }
        Engineer to = roster.find(body.toEngineer().trim()).orElseThrow(() ->
                RuleViolation.unacceptable(body.toEngineer() + " is not an engineer on the roster"));
        Instant now = clock.instant();
        Outcome<RequestSchedule, HandedOff> outcome;
        try {
            outcome = store.apply(Target.existing(RequestSchedule.class, requestId), request -> {
                String from = request.owner();
                return new HandedOff(from, request.handOff(to.name(), body.notes(), actor, roster::emailOf, now));
            });
        } catch (DuplicateKeyException e) {
            throw RuleViolation.illegalTransition(
                    to.name() + " already has a call at the time of this request's review call");
        }
        RequestSchedule saved = outcome.aggregateOrThrow(
                () -> RuleViolation.notFound("There is no upgrade request " + requestId + " to hand off"));
        return new HandoffView(requestId, saved.ticketId(), outcome.result().from(), to.name(),
                saved.call() == null ? null : saved.call().start(), outcome.result().changed());
    }

    /** Who owned the request before a hand-off, and whether it changed hands. */
    private record HandedOff(String from, boolean changed) {
    }
}
