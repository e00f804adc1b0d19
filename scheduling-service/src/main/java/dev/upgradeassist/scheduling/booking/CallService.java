package dev.upgradeassist.scheduling.booking;

import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.scheduling.hold.OnHoldGauge;
import dev.upgradeassist.scheduling.infrastructure.SchedulingMetrics;
import dev.upgradeassist.scheduling.infrastructure.SchedulingProperties;
import dev.upgradeassist.scheduling.request.ReviewCall;
import dev.upgradeassist.scheduling.request.RequestSchedule;
import dev.upgradeassist.scheduling.request.RequestSchedules;
import dev.upgradeassist.scheduling.request.ScheduleEffects;
import dev.upgradeassist.scheduling.roster.Engineer;
import dev.upgradeassist.scheduling.roster.Roster;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The customer manages their booked call through the manage token of the confirmation ({@code /calls/<token>}):
 * moves it to another open slot of the same engineer or cancels it. Only the token's hash is stored.
 */
@Service
public class CallService {

    /** The same words for an unknown and a cancelled token (404 and 410 differ only in status and title). */
    static final String CALL_UNAVAILABLE =
            "This call cannot be changed. If you still need the review call, reply to your support ticket.";

    private final AggregateStore store;
    private final RequestSchedules requests;
    private final BookingTokens tokens;
    private final BookingService bookings;
    private final Roster roster;
    private final SchedulingProperties properties;
    private final SchedulingMetrics metrics;
    private final OnHoldGauge onHold;
    private final Clock clock;

    CallService(AggregateStore store, RequestSchedules requests, BookingTokens tokens, BookingService bookings,
                Roster roster, SchedulingProperties properties, SchedulingMetrics metrics, OnHoldGauge onHold,
                Clock clock) {
        this.store = store;
        this.requests = requests;
        this.tokens = tokens;
        this.bookings = bookings;
        this.roster = roster;
        this.properties = properties;
        this.metrics = metrics;
        this.onHold = onHold;
        this.clock = clock;
    }

    /** What the manage page shows for a presented token. */
    CallPage page(String token) {
        Optional<String> hash = tokens.hashOf(token);
        if (hash.isEmpty()) {
            return CallPage.of(CallPage.State.UNKNOWN);
        }
        Optional<RequestSchedule> found = requests.findByCallToken(hash.get());
        if (found.isEmpty()) {
            return CallPage.of(requests.findByCancelledCallToken(hash.get()).isPresent()
                    ? CallPage.State.CANCELLED : CallPage.State.UNKNOWN);
        }
        RequestSchedule request = found.get();
        ReviewCall call = request.call();
        Instant now = clock.instant();
        boolean open = !request.stage().isClosed();
        Instant deadline = bookings.deadlineOf(request);
        boolean movable = open && deadline != null && now.isBefore(deadline);
        List<Instant> slots = movable ? roster.withAvailability(call.engineer())
                .map(engineer -> bookings.openSlots(engineer, now, deadline, call.start())).orElse(List.of())
                : List.of();
        return new CallPage(CallPage.State.BOOKED, request.ticketId(), call.engineer(), call.start(), call.end(),
                call.meetingUrl(), movable, open && call.start().isAfter(now), deadline, slots,
                request.contact() == null ? null : request.contact().timeZone());
    }

    /**
     * Moves the call to another open slot. Of any number of moves into one slot exactly one wins (the unique slot
     * index, in the same write as ReviewCallRescheduled); the previous slot is free at once.
     *
     * @throws RuleViolation not found (unknown token), no longer available (cancelled / past the booking deadline /
     *                       request closed), unacceptable (slot not offered), illegal transition (slot taken meanwhile)
     */
    public CallView reschedule(String token, Instant slotStart) {
        Instant now = clock.instant();
        String hash = hashOf(token);
        RequestSchedule request = booked(hash);
        ReviewCall call = request.call();
        Instant deadline = bookings.deadlineOf(request);
        if (request.stage().isClosed() || deadline == null || !now.isBefore(deadline)) {
            throw refused(RuleViolation.noLongerAvailable(
                    "The booking deadline has passed; the call can no longer be moved"));
        }
        Engineer engineer = roster.withAvailability(call.engineer()).orElseThrow(() -> refused(
                RuleViolation.unacceptable("This slot is not offered for this call")));
        if (!bookings.openSlots(engineer, now, deadline, call.start()).contains(slotStart)) {
            if (!slotStart.equals(call.start()) && bookings.slotGrid(engineer, now, deadline).contains(slotStart)) {
                throw refused(RuleViolation.illegalTransition("This slot was just taken; pick another one"));
            }
            throw refused(RuleViolation.unacceptable("This slot is not offered for this call; "
                    + "pick one of the open slots on the page of your call"));
        }
        Outcome<RequestSchedule, ReviewCall> outcome;
        try {
            outcome = store.apply(Target.existing(RequestSchedule.class, request.id()), r -> r.reschedule(hash,
                    slotStart, properties.callLength(), properties.callUrl(token), engineer.meetingUrl(),
                    engineer.email(), bookings.deadlineOf(r), now));
        } catch (RuleViolation e) {
            throw refused(e);
        } catch (DuplicateKeyException e) {
            throw refused(RuleViolation.illegalTransition("This slot was just taken; pick another one"));
        }
        RequestSchedule saved = outcome.aggregateOrThrow(() -> refused(RuleViolation.noLongerAvailable(CALL_UNAVAILABLE)));
        metrics.rescheduled();
        ReviewCall moved = outcome.result();
        return view(saved, moved, "BOOKED", moved.sequence());
    }

    /**
     * Cancels the call: ReviewCallCancelled (CUSTOMER_CANCELLED), the slot is free, the ticket on hold without a call.
     *
     * @throws RuleViolation not found (unknown token), no longer available (cancelled before / started / request
     *                       closed)
     */
    public CallView cancel(String token) {
        Instant now = clock.instant();
        String hash = hashOf(token);
        RequestSchedule request = booked(hash);
        ReviewCall call = request.call();
        Outcome<RequestSchedule, OnHoldGauge.Tracked<ScheduleEffects>> outcome;
        try {
            outcome = store.apply(Target.existing(RequestSchedule.class, request.id()), OnHoldGauge.tracking(
                    r -> r.cancelByCustomer(hash, roster.emailOf(call.engineer()), now)));
        } catch (RuleViolation e) {
            throw refused(e);
        }
        RequestSchedule saved = outcome.aggregateOrThrow(() -> refused(RuleViolation.noLongerAvailable(CALL_UNAVAILABLE)));
        metrics.record(outcome.result().result());
        onHold.moved(outcome.result());
        var cancelled = saved.cancelledCallByTokenHash(hash).orElseThrow();
        return new CallView(saved.id(), saved.ticketId(), cancelled.callId(), "CANCELLED", cancelled.sequence(),
                cancelled.engineer(), cancelled.start(), cancelled.end(), null);
    }

    private String hashOf(String token) {
        return tokens.hashOf(token).orElseThrow(() -> refused(RuleViolation.notFound(CALL_UNAVAILABLE)));
    }

    /** The request whose booked call has this token hash; 410 when it was cancelled, 404 when unknown. */
    private RequestSchedule booked(String hash) {
        return requests.findByCallToken(hash).orElseThrow(() -> refused(
                requests.findByCancelledCallToken(hash).isPresent() ? RuleViolation.noLongerAvailable(CALL_UNAVAILABLE)
                        : RuleViolation.notFound(CALL_UNAVAILABLE)));
    }

    private static CallView view(RequestSchedule request, ReviewCall call, String status, int sequence) {
        return new CallView(request.id(), request.ticketId(), call.callId(), status, sequence, call.engineer(),
                call.start(), call.end(), call.meetingUrl());
    }

    private RuleViolation refused(RuleViolation problem) {
        metrics.rejected();
        return problem;
    }
}
