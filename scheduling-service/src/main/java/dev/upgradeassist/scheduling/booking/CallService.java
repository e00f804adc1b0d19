package dev.upgradeassist.scheduling.booking;

import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.web.ApiProblem;
import dev.upgradeassist.scheduling.hold.OnHoldGauge;
import dev.upgradeassist.scheduling.infrastructure.SchedulingMetrics;
import dev.upgradeassist.scheduling.infrastructure.SchedulingProperties;
import dev.upgradeassist.scheduling.request.CallRefusedException;
import dev.upgradeassist.scheduling.request.ReviewCall;
import dev.upgradeassist.scheduling.request.Stage;
import dev.upgradeassist.scheduling.request.UpgradeRequest;
import dev.upgradeassist.scheduling.request.UpgradeRequests;
import dev.upgradeassist.scheduling.roster.Engineer;
import dev.upgradeassist.scheduling.roster.Roster;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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
    private final UpgradeRequests requests;
    private final BookingTokens tokens;
    private final BookingService bookings;
    private final Roster roster;
    private final SchedulingProperties properties;
    private final SchedulingMetrics metrics;
    private final OnHoldGauge onHold;
    private final Clock clock;

    CallService(AggregateStore store, UpgradeRequests requests, BookingTokens tokens, BookingService bookings,
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
        Optional<UpgradeRequest> found = requests.findByCallToken(hash.get());
        if (found.isEmpty()) {
            return CallPage.of(requests.findByCancelledCallToken(hash.get()).isPresent()
                    ? CallPage.State.CANCELLED : CallPage.State.UNKNOWN);
        }
        UpgradeRequest request = found.get();
        ReviewCall call = request.call();
        Instant now = clock.instant();
        boolean open = request.stage() != Stage.COMPLETED && request.stage() != Stage.DECLINED;
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
     * @throws ApiProblem 404 unknown token, 410 cancelled / past the booking deadline / request closed, 422 slot not
     *                    offered, 409 slot taken meanwhile
     */
    public CallView reschedule(String token, Instant slotStart) {
        Instant now = clock.instant();
        String hash = hashOf(token);
        UpgradeRequest request = booked(hash);
        ReviewCall call = request.call();
        Instant deadline = bookings.deadlineOf(request);
        if (request.stage() == Stage.COMPLETED || request.stage() == Stage.DECLINED || deadline == null
                || !now.isBefore(deadline)) {
            throw refused(new ApiProblem(org.springframework.http.HttpStatus.GONE, "Gone",
                    "The booking deadline has passed; the call can no longer be moved", null));
        }
        Engineer engineer = roster.withAvailability(call.engineer()).orElseThrow(() -> refused(
                ApiProblem.unprocessable("This slot is not offered for this call")));
        if (!bookings.openSlots(engineer, now, deadline, call.start()).contains(slotStart)) {
            if (!slotStart.equals(call.start()) && bookings.slotGrid(engineer, now, deadline).contains(slotStart)) {
                throw refused(ApiProblem.conflict("This slot was just taken; pick another one"));
            }
            throw refused(ApiProblem.unprocessable("This slot is not offered for this call; "
                    + "pick one of the open slots on the page of your call"));
        }
        var moved = new AtomicReference<ReviewCall>();
        UpgradeRequest saved;
        try {
            saved = store.update(UpgradeRequest.class, request.getId(), r -> moved.set(r.reschedule(hash, slotStart,
                    properties.callLength(), properties.callUrl(token), engineer.meetingUrl(), engineer.email(),
                    bookings.deadlineOf(r), now))).orElseThrow(() -> refused(ApiProblem.gone(CALL_UNAVAILABLE)));
        } catch (CallRefusedException e) {
            throw refused(ApiProblem.gone(e.getMessage()));
        } catch (DuplicateKeyException e) {
            throw refused(ApiProblem.conflict("This slot was just taken; pick another one"));
        }
        metrics.rescheduled();
        return view(saved, moved.get(), "BOOKED", moved.get().sequence());
    }

    /**
     * Cancels the call: ReviewCallCancelled (CUSTOMER_CANCELLED), the slot is free, the ticket on hold without a call.
     *
     * @throws ApiProblem 404 unknown token, 410 cancelled before / started / request closed
     */
    public CallView cancel(String token) {
        Instant now = clock.instant();
        String hash = hashOf(token);
        UpgradeRequest request = booked(hash);
        ReviewCall call = request.call();
        var effects = new AtomicReference<UpgradeRequest.Effects>();
        var move = new OnHoldGauge.Move();
        UpgradeRequest saved;
        try {
            saved = store.update(UpgradeRequest.class, request.getId(), onHold.tracking(move,
                    r -> effects.set(r.cancelByCustomer(hash, roster.emailOf(call.engineer()), now))))
                    .orElseThrow(() -> refused(ApiProblem.gone(CALL_UNAVAILABLE)));
        } catch (CallRefusedException e) {
            throw refused(ApiProblem.gone(e.getMessage()));
        }
        metrics.record(effects.get());
        onHold.moved(move);
        var cancelled = saved.cancelledCallByTokenHash(hash).orElseThrow();
        return new CallView(saved.getId(), saved.ticketId(), cancelled.callId(), "CANCELLED", cancelled.sequence(),
                cancelled.engineer(), cancelled.start(), cancelled.end(), null);
    }

    private String hashOf(String token) {
        return tokens.hashOf(token).orElseThrow(() -> refused(ApiProblem.notFound(CALL_UNAVAILABLE)));
    }

    /** The request whose booked call has this token hash; 410 when it was cancelled, 404 when unknown. */
    private UpgradeRequest booked(String hash) {
        return requests.findByCallToken(hash).orElseThrow(() -> refused(
                requests.findByCancelledCallToken(hash).isPresent() ? ApiProblem.gone(CALL_UNAVAILABLE)
                        : ApiProblem.notFound(CALL_UNAVAILABLE)));
    }

    private static CallView view(UpgradeRequest request, ReviewCall call, String status, int sequence) {
        return new CallView(request.getId(), request.ticketId(), call.callId(), status, sequence, call.engineer(),
                call.start(), call.end(), call.meetingUrl());
    }

    private ApiProblem refused(ApiProblem problem) {
        metrics.rejected();
        return problem;
    }
}
