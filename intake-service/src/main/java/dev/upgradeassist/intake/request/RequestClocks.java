package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.intake.request.Firing.Fired;
import dev.upgradeassist.intake.request.UpgradeRequest.ReviewCall;
import dev.upgradeassist.platform.ids.RandomIds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A request's clocks (issue 18), on the request's own fields: the SLA clock, the wait on the customer with its
 * reminder and auto-close, the on-hold re-check and the call reminder; which timers are armed, when the next is due
 * ({@code nextTimerAt}, what the poller queries), and firing them once each.
 */
final class RequestClocks {

    private enum TimerKind { SLA, PENDING_REMINDER, PENDING_CLOSE, ON_HOLD_RECHECK, CALL_REMINDER }

    private record Timer(TimerKind kind, Instant dueAt, String key) {
    }

    private RequestClocks() {
    }

    /**
     * Fires every timer due at {@code now} that has not fired, earliest first, through this document's outbox: a
     * breached SLA clock ({@link SlaBreached}; the clock keeps running until the next response), the pending reminder
     * ({@link PendingReminderDue}), the auto-close ({@link RequestClosed} {@code NO_RESPONSE} by {@code system}), the
     * on-hold re-check ({@link OnHoldRecheckDue}) and the call reminder ({@link CallReminderDue}; only before the call
     * starts). Each timer's key is recorded with its effect, so it fires once whoever polls and whatever is replayed.
     */
    static Firing fireDue(UpgradeRequest r, Instant now) {
        Instant before = r.nextTimerAt;
        List<Fired> fired = new ArrayList<>();
        boolean changed = false;
        for (Optional<Timer> due = nextDue(r, now); due.isPresent(); due = nextDue(r, now)) {
            Timer timer = due.get();
            if (r.firedTimers == null) {
                r.firedTimers = new LinkedHashSet<>();
            }
            r.firedTimers.add(timer.key());
            changed = true;
            switch (timer.kind()) {
                case SLA -> {
                    r.slaClockBreached = true;
                    r.slaBreached = true;
                    r.raiseEvent(new SlaBreached(RandomIds.uuid(), now, r.id(), r.ticketId, r.slaKind, r.slaStartedAt, r.slaDueAt,
                            r.slaCalendar, r.form(), r.region(), r.assignee, r.contact));
                    fired.add(r.slaKind == SlaBreached.Kind.FIRST_RESPONSE
                            ? Fired.FIRST_RESPONSE_BREACHED : Fired.NEXT_RESPONSE_BREACHED);
                }
                case PENDING_REMINDER -> {
                    r.raiseEvent(new PendingReminderDue(RandomIds.uuid(), now, r.id(), r.ticketId, r.awaitingSince,
                            r.autoCloseDisabled ? null : r.pendingCloseAt, r.form(), r.region(), r.assignee, r.contact));
                    fired.add(Fired.PENDING_REMINDER);
                }
                case PENDING_CLOSE -> {
                    closeNow(r, RequestClosed.Reason.NO_RESPONSE, "system", now);
                    fired.add(Fired.CLOSED_NO_RESPONSE);
                }
                case ON_HOLD_RECHECK -> {
                    r.raiseEvent(new OnHoldRecheckDue(RandomIds.uuid(), now, r.id(), r.ticketId, r.onHoldWindowEnd, r.form(), r.region(),
                            r.assignee, r.contact));
                    fired.add(Fired.ON_HOLD_RECHECK);
                }
                case CALL_REMINDER -> {
                    if (now.isBefore(r.call.start())) { // a reminder after the call began is no use: recorded, not sent
                        r.raiseEvent(new CallReminderDue(RandomIds.uuid(), now, r.id(), r.ticketId, r.call.start(), r.call.end(),
                                r.call.engineer(), r.call.engineerEmail(), r.form(), r.contact));
                        fired.add(Fired.CALL_REMINDER);
                    }
                }
            }
        }
        if (changed) {
            r.updatedAt = now;
        }
        rearm(r);
        return new Firing(List.copyOf(fired), changed || !java.util.Objects.equals(before, r.nextTimerAt));
    }

    private static Optional<Timer> nextDue(UpgradeRequest r, Instant now) {
        return timers(r).stream()
                .filter(timer -> !timer.dueAt().isAfter(now))
                .filter(timer -> r.firedTimers == null || !r.firedTimers.contains(timer.key()))
                .min(Comparator.comparing(Timer::dueAt));
    }

    /** The timers armed now (fired ones included; {@link #rearm()} and {@link #nextDue} leave those out). */
    private static List<Timer> timers(UpgradeRequest r) {
        List<Timer> timers = new ArrayList<>();
        if (r.slaKind != null && r.slaDueAt != null && !r.slaClockBreached) {
            timers.add(new Timer(TimerKind.SLA, r.slaDueAt, "sla:" + r.slaKind + ":" + r.slaStartedAt));
        }
        if (r.closure == Closure.COMPLETED || r.closure == Closure.CLOSED) {
            return timers;
        }
        if (r.awaitingCustomer && r.pendingReminderAt != null) {
            timers.add(new Timer(TimerKind.PENDING_REMINDER, r.pendingReminderAt, "pending-reminder:" + r.pendingReminderAt));
        }
        if (r.awaitingCustomer && r.pendingCloseAt != null && !r.autoCloseDisabled) {
            timers.add(new Timer(TimerKind.PENDING_CLOSE, r.pendingCloseAt, "pending-close:" + r.pendingCloseAt));
        }
        if (r.onHoldRecheckAt != null) {
            timers.add(new Timer(TimerKind.ON_HOLD_RECHECK, r.onHoldRecheckAt, "on-hold-recheck:" + r.onHoldWindowEnd));
        }
        if (r.call != null && r.callReminderAt != null) {
            timers.add(new Timer(TimerKind.CALL_REMINDER, r.callReminderAt, "call-reminder:" + r.call.start()));
        }
        return timers;
    }

    /** Sets {@link #nextTimerAt}: the earliest due time of a timer that has not fired, or null. */
    static void rearm(UpgradeRequest r) {
        r.nextTimerAt = timers(r).stream()
                .filter(timer -> r.firedTimers == null || !r.firedTimers.contains(timer.key()))
                .map(Timer::dueAt)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    static void learnClocks(UpgradeRequest r, DomainEvent event, ClockPolicy clocks) {
        Instant at = event.occurredAt();
        if (event instanceof InfoMissing e && e.revision() >= r.revision) {
            responded(r, at);
            reviewDecided(r, true, at, clocks);
        } else if (event instanceof ChangesRequested e && e.revision() >= r.revision) {
            responded(r, at);
            reviewDecided(r, true, at, clocks);
            cancelCallBookedBefore(r, at);
            cancelOnHoldRecheck(r);
        } else if (event instanceof PlanApproved e && e.revision() >= r.revision) {
            responded(r, at); // automatic (mode AUTOMATIC) or the engineer's (mode ENGINEER)
            reviewDecided(r, false, at, clocks);
        } else if (event instanceof RequestDeclined e && e.revision() >= r.revision) {
            responded(r, at);
            reviewDecided(r, false, at, clocks);
            cancelCallBookedBefore(r, at);
            cancelOnHoldRecheck(r);
        } else if (event instanceof PlanAwaitingApproval e && e.revision() >= r.revision) {
            reviewDecided(r, false, at, clocks); // not a response: an IN_REVIEW request is answered only by an engineer
        } else if (event instanceof TicketOnHold e) {
            if ((r.revisionSince == null || !at.isBefore(r.revisionSince)) && e.upgradeStart() != null && r.awaitingOutcome) {
                r.onHoldWindowEnd = e.upgradeStart().plus(Duration.ofMinutes(Math.max(0, e.windowDurationMinutes())));
                r.onHoldRecheckAt = r.onHoldWindowEnd.plus(clocks.onHoldRecheck());
            }
        } else if (event instanceof RollbackAdvised) {
            cancelOnHoldRecheck(r); // an outcome (problems) was reported
        } else if (event instanceof BookingLinkIssued e && DecisionLearning.isReissue(e)) {
            if (!r.awaitingOutcome) { // the re-issue is the latest decision (a later on hold would have re-armed it)
                cancelOnHoldRecheck(r);
            }
        } else if (event instanceof ReviewCallBooked e) {
            if (e.start() != null && !callEventIsStale(r, e.callId(), e.sequence(), at)
                    && (r.call == null || r.call.bookedAt() == null || !at.isBefore(r.call.bookedAt()))) {
                r.call = new ReviewCall(e.start(), e.end(), e.engineer(), e.engineerEmail(), at, e.callId(),
                        e.sequence(), at);
                r.callReminderAt = e.start().minus(clocks.callReminder());
            }
        } else if (event instanceof ReviewCallRescheduled e) {
            // the reminder moves to the new start: its key is the start, so one fired for the old start blocks nothing
            if (e.start() != null && !callEventIsStale(r, e.callId(), e.sequence(), at)) {
                boolean named = e.engineer() != null && !e.engineer().isBlank();
                String engineer = named ? e.engineer() : r.call == null ? null : r.call.engineer();
                String engineerEmail = named ? e.engineerEmail() : r.call == null ? null : r.call.engineerEmail();
                Instant end = e.end() != null ? e.end()
                        : r.call == null || r.call.end() == null ? null
                        : e.start().plus(Duration.between(r.call.start(), r.call.end()));
                r.call = new ReviewCall(e.start(), end, engineer, engineerEmail, r.call == null ? at : r.call.bookedAt(),
                        e.callId() != null ? e.callId() : r.call == null ? null : r.call.callId(), e.sequence(), at);
                r.callReminderAt = e.start().minus(clocks.callReminder());
            }
        } else if (event instanceof ReviewCallCancelled e) {
            if (!callEventIsStale(r, e.callId(), e.sequence(), at)) {
                r.call = null;
                r.callReminderAt = null;
                callEnded(r, at);
            }
        } else if (event instanceof EngineerHandedOff e) {
            if (r.call != null && e.toEngineer() != null && !e.toEngineer().isBlank()) {
                r.call = new ReviewCall(r.call.start(), r.call.end(), e.toEngineer(), e.toEngineerEmail(), r.call.bookedAt(),
                        r.call.callId(), r.call.sequence(), r.call.changedAt());
            }
        }
    }

    /**
     * Whether a booking, reschedule or cancellation is older than what this request knows of its call: from before the
     * latest call ended (cancelled), an earlier {@code sequence} of the same call (the same fact again under another
     * event id included), or, for another call or without ids, from before the known call's latest change.
     */
    static boolean callEventIsStale(UpgradeRequest r, String callId, int sequence, Instant at) {
        if (r.callEndedAt != null && at.isBefore(r.callEndedAt)) {
            return true;
        }
        if (r.call == null) {
            return false;
        }
        if (callId != null && callId.equals(r.call.callId()) && r.call.sequence() != null) {
            return sequence <= r.call.sequence();
        }
        Instant known = r.call.lastChangedAt();
        return known != null && at.isBefore(known);
    }

    static void callEnded(UpgradeRequest r, Instant at) {
        if (at != null && (r.callEndedAt == null || at.isAfter(r.callEndedAt))) {
            r.callEndedAt = at;
        }
    }

    /** A review decision about the current revision, ordered by time: waiting on the customer or not. */
    static void reviewDecided(UpgradeRequest r, boolean waitsOnCustomer, Instant at, ClockPolicy clocks) {
        if (r.reviewDecidedAt != null && at.isBefore(r.reviewDecidedAt)) {
            return;
        }
        r.reviewDecidedAt = at;
        if (waitsOnCustomer) {
            r.awaitingCustomer = true;
            r.awaitingEnteredAt = at;
            schedulePending(r, clocks);
        } else {
            stopWaitingOnCustomer(r);
        }
    }

    /** The pending reminder and auto-close count from entering AWAITING_INFO or the customer's last action, whichever is later. */
    static void schedulePending(UpgradeRequest r, ClockPolicy clocks) {
        r.awaitingSince = r.lastCustomerActionAt != null && r.lastCustomerActionAt.isAfter(r.awaitingEnteredAt)
                ? r.lastCustomerActionAt : r.awaitingEnteredAt;
        r.pendingReminderAt = r.awaitingSince.plus(clocks.pendingReminder());
        r.pendingCloseAt = r.awaitingSince.plus(clocks.pendingClose());
    }

    static void stopWaitingOnCustomer(UpgradeRequest r) {
        r.awaitingCustomer = false;
        r.awaitingEnteredAt = null;
        r.awaitingSince = null;
        r.pendingReminderAt = null;
        r.pendingCloseAt = null;
    }

    static void startSla(UpgradeRequest r, SlaBreached.Kind kind, Instant at, ClockPolicy clocks) {
        BusinessCalendar calendar = clocks.calendarFor(r.form());
        r.slaKind = kind;
        r.slaStartedAt = at;
        r.slaDueAt = calendar.plus(at, kind == SlaBreached.Kind.FIRST_RESPONSE ? clocks.firstResponse() : clocks.nextResponse());
        r.slaCalendar = calendar.name();
        r.slaClockBreached = false;
    }

    /** A response from Support at {@code at} ends the running clock it answers (one started before it). */
    static void responded(UpgradeRequest r, Instant at) {
        if (r.slaKind != null && (at == null || r.slaStartedAt == null || !at.isBefore(r.slaStartedAt))) {
            endSla(r);
        }
    }

    static void endSla(UpgradeRequest r) {
        r.slaKind = null;
        r.slaStartedAt = null;
        r.slaDueAt = null;
        r.slaCalendar = null;
        r.slaClockBreached = false;
    }

    static void cancelOnHoldRecheck(UpgradeRequest r) {
        r.onHoldWindowEnd = null;
        r.onHoldRecheckAt = null;
    }

    /**
     * A decline or a request for changes at {@code at}: scheduling cancels any call booked before it that is still to
     * come (its {@code ReviewCallCancelled} follows), so a booking from before it that is learned later arms nothing.
     */
    static void cancelCallBookedBefore(UpgradeRequest r, Instant at) {
        if (r.call != null && (r.call.bookedAt() == null || at == null || !at.isBefore(r.call.bookedAt()))) {
            r.call = null;
            r.callReminderAt = null;
        }
        if (r.call == null) {
            callEnded(r, at);
        }
    }

    static void endAllClocks(UpgradeRequest r) {
        endSla(r);
        stopWaitingOnCustomer(r);
        cancelOnHoldRecheck(r);
        r.call = null;
        r.callReminderAt = null;
    }

    static void closeNow(UpgradeRequest r, RequestClosed.Reason reason, String actor, Instant now) {
        r.closure = Closure.CLOSED;
        r.closedReason = reason;
        r.awaitingOutcome = false;
        endAllClocks(r);
        r.updatedAt = now;
        r.raiseEvent(new RequestClosed(RandomIds.uuid(), now, r.id(), r.ticketId, r.revision, reason, actor, r.form(), r.region(),
                r.assignee, r.contact));
    }}
