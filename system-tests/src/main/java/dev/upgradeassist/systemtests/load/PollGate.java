package dev.upgradeassist.systemtests.load;

import java.time.Duration;

/**
 * Whether a due poll of the {@link Tracker} makes its HTTP call: only once the topics show the event that makes what
 * it looks for due (a {@code NotificationSent} for the mail, the scenario's {@link Scenario#finalEvent()} for the
 * status), or, as a safety net for a signal the harness missed (a consumer error, a broker outage), when the request
 * has not been polled over HTTP for {@code safetyNet} or half its age, whichever is longer (so a request that waits
 * minutes in a backlog is polled a few times in all, not every {@code safetyNet}: those polls were most of the
 * harness's calls on a saturated stack). Without signals every poll makes its call (the old behaviour).
 *
 * <p>The net rests while the signals {@linkplain Signals#covers cover} the request: their reader started before the
 * request and has caught up with the topics within the last few seconds, so the event was not missed but not published
 * yet, and an HTTP poll would find nothing the topics have not shown. Under a backlog those polls were most of the
 * status reads left (ADR 0017). A request that went elsewhere is still seen at once: the status poll's gate also opens
 * on another scenario's final event ({@link #open}).
 */
final class PollGate {

    /** What to do with a due poll. */
    enum Decision {
        /** The gate is open (or there is no gate): call. */
        POLL,
        /** The gate is closed but the request has not been polled for the safety net's time: call. */
        SAFETY_NET,
        /**
         * The gate is closed and the safety net's time has passed, but the signals cover the request (nothing was
         * missed): no call, look again later.
         */
        COVERED,
        /** The gate is closed: no call, look again later. */
        WAIT
    }

    private final Signals signals;
    private final long safetyNetNanos;

    /** {@code signals} null = no gate. */
    PollGate(Signals signals, Duration safetyNet) {
        this.signals = signals;
        this.safetyNetNanos = safetyNet.toNanos();
    }

    boolean gated() {
        return signals != null;
    }

    /**
     * The topics show what makes this poll worth its HTTP call (always true without signals): for the mail a
     * {@code NotificationSent}; for the status the scenario's final event, or the final event of another scenario (the
     * request went elsewhere, and the poll shows the status it should never have).
     */
    boolean open(Tracker.Kind kind, Tracked request) {
        if (signals == null) {
            return true;
        }
        if (kind == Tracker.Kind.MAIL) {
            return signals.mailSent(request.id);
        }
        return finalEventSeen(request) || otherEndSeen(request);
    }

    /** The topics show the scenario's final event for the request (false without signals). */
    boolean finalEventSeen(Tracked request) {
        return signals != null && signals.seen(request.id, request.scenario.finalEvent());
    }

    /** The topics show the final event of another scenario for the request. */
    private boolean otherEndSeen(Tracked request) {
        for (Scenario other : Scenario.values()) {
            if (!other.finalEvent().equals(request.scenario.finalEvent()) && signals.seen(request.id, other.finalEvent())) {
                return true;
            }
        }
        return false;
    }

    /** {@code lastPollNanos}: the last HTTP poll of this kind for the request, or when it was followed. */
    Decision decide(Tracker.Kind kind, Tracked request, long lastPollNanos, long nowNanos) {
        if (open(kind, request)) {
            return Decision.POLL;
        }
        long net = safetyNet(nowNanos - request.submitNanos);
        if (nowNanos - lastPollNanos < net) {
            return Decision.WAIT;
        }
        return signals.covers(request.submitNanos, nowNanos) ? Decision.COVERED : Decision.SAFETY_NET;
    }

    /**
     * As {@link #decide} for the mail of a request outside the tracker's mailbox sample, whose first email is the
     * {@code NotificationSent} the topics show: its safety net polls the mailbox only once its status has been final for
     * the safety net's time for its age (a signal missed: the email is due by then). Before that a due safety net waits:
     * under a backlog requests wait minutes for their email, often longer than for their final status, and the net's
     * mailbox polls were most of GreenMail's REST calls.
     */
    Decision decideOutsideMailboxSample(Tracked request, long lastPollNanos, long nowNanos) {
        Decision decision = decide(Tracker.Kind.MAIL, request, lastPollNanos, nowNanos);
        if (decision == Decision.SAFETY_NET && !(request.isFinal()
                && nowNanos - request.finalNanos >= safetyNet(nowNanos - request.submitNanos))) {
            return Decision.WAIT;
        }
        return decision;
    }

    /**
     * When a mail poll outside the mailbox sample that {@link #decideOutsideMailboxSample} made wait looks again: after
     * the safety net's time for its age (a signal makes it due at once; looking again sooner only costs the harness).
     */
    long recheckOutsideMailboxSample(long ageNanos, long nowNanos) {
        return nowNanos + safetyNet(ageNanos);
    }

    /** How long a request of this age may go without an HTTP poll while its gate is closed. */
    long safetyNet(long ageNanos) {
        return Math.max(safetyNetNanos, ageNanos / 2);
    }

    /**
     * When a waiting poll looks again: after the poll interval for the request's age (a fallback: a signal normally
     * makes it due at once through {@link Signals#onEvent}), and no later than the safety net. A net already due (it
     * rests while the signals cover the request) is looked at again after the poll interval, not at once.
     */
    long recheckAt(Tracker.Kind kind, long ageNanos, long lastPollNanos, long nowNanos) {
        long next = nowNanos + Tracker.interval(kind, ageNanos);
        long netDue = lastPollNanos + safetyNet(ageNanos);
        return netDue > nowNanos ? Math.min(next, netDue) : next;
    }
}
