package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.TicketOnHold;

import java.time.Instant;

/**
 * What a request learns from review's and scheduling's events, on the request's own fields: who holds the ticket, the
 * decisions that close it (a final decline, a completion) and whether an outcome is awaited (on hold, rollback advice;
 * a decline for now, a request for changes or a re-issued link end that). An event about an older revision, or older
 * than what is known, changes nothing: events are never refused.
 */
final class DecisionLearning {

    private DecisionLearning() {
    }

    static void learnOnce(UpgradeRequest r, DomainEvent event) {
        if (event instanceof EngineerHandedOff e) {
            learnAssignee(r, e.toEngineer(), e.occurredAt());
        } else if (event instanceof TicketOnHold e) {
            learnAssignee(r, e.assignee(), e.occurredAt());
        } else if (event instanceof RollbackAdvised e) {
            learnAssignee(r, e.assignee(), e.occurredAt());
        }
        if (r.closure != null) {
            return;
        }
        if (event instanceof RequestCompleted) {
            r.closure = Closure.COMPLETED;
            r.awaitingOutcome = false;
            RequestClocks.endAllClocks(r);
        } else if (event instanceof RequestDeclined e) {
            if (e.revision() >= r.revision && e.reason() != null && e.reason().closesRequest()) {
                r.closure = Closure.DECLINED_FOR_GOOD;
                r.awaitingOutcome = false;
            } else if (e.revision() >= r.revision) {
                decided(r, false, e.occurredAt());
            }
        } else if (event instanceof ChangesRequested e) {
            // the customer is asked to amend: no outcome until the amended revision is scheduled again
            if (e.revision() >= r.revision) {
                decided(r, false, e.occurredAt());
            }
        } else if (event instanceof TicketOnHold || event instanceof RollbackAdvised) {
            // scheduling's events carry no revision: they belong to the current one unless they predate it
            if (r.revisionSince == null || !event.occurredAt().isBefore(r.revisionSince)) {
                decided(r, true, event.occurredAt());
            }
        } else if (event instanceof BookingLinkIssued e && isReissue(e)) {
            // an engineer issued a new link (allowed while the link is out or on hold): the request waits for its call
            // again, not for an outcome, until scheduling puts it on hold once more (booked, or the link ran out)
            if (r.revisionSince == null || !event.occurredAt().isBefore(r.revisionSince)) {
                decided(r, false, event.occurredAt());
            }
        }
    }

    /** A link an engineer issued again ({@code reissuedBy}), not the one issued on approval. */
    static boolean isReissue(BookingLinkIssued event) {
        return event.reissuedBy() != null && !event.reissuedBy().isBlank();
    }

    /** Whether {@link UpgradeRequest#learn(DomainEvent)} takes anything from this event: other events need no write. */
    static boolean learnsFrom(DomainEvent event) {
        return event instanceof RequestDeclined || event instanceof TicketOnHold || event instanceof RollbackAdvised
                || event instanceof RequestCompleted || event instanceof ChangesRequested
                || event instanceof EngineerHandedOff || event instanceof InfoMissing || event instanceof PlanApproved
                || event instanceof PlanAwaitingApproval || event instanceof ReviewCallBooked
                || event instanceof ReviewCallRescheduled || event instanceof ReviewCallCancelled
                || event instanceof BookingLinkIssued e && isReissue(e);
    }

    /** Scheduling reports who holds the ticket now; an older report than the assignee known changes nothing. */
    static void learnAssignee(UpgradeRequest r, String engineer, Instant at) {
        if (engineer != null && !engineer.isBlank()
                && (r.assigneeAt == null || at == null || !at.isBefore(r.assigneeAt))) {
            r.assignee = engineer;
            r.assigneeAt = at == null ? r.assigneeAt : at;
        }
    }

    /** The latest decision (by its time) about the current revision says whether an outcome is awaited. */
    static void decided(UpgradeRequest r, boolean awaiting, Instant at) {
        if (r.awaitingOutcomeDecidedAt == null || at == null || !at.isBefore(r.awaitingOutcomeDecidedAt)) {
            r.awaitingOutcome = awaiting;
            r.awaitingOutcomeDecidedAt = at;
        }
    }
}
