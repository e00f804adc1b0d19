package dev.upgradeassist.scheduling.request;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.ids.RandomIds;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The changes to a request's review call, on behalf of its {@link RequestSchedule}: booking it, moving it, cancelling
 * it (the cancelled call is kept so that its manage token answers "cancelled"). The schedule decides the stage; this
 * changes the call and raises its events.
 */
final class CallChanges {

    private final RequestScheduleState state;
    private final Consumer<DomainEvent> raise;

    CallChanges(RequestScheduleState state, Consumer<DomainEvent> raise) {
        this.state = state;
        this.raise = raise;
    }

    /** Books the call through {@code link} (already marked booked) with the request's engineer: ReviewCallBooked. */
    void book(BookingLink link, Instant slotStart, Duration length, String engineerEmail, NewCall newCall, Instant now) {
        ReviewCall call = ReviewCall.of(link.linkId(), state.engineer, slotStart, slotStart.plus(length), now,
                newCall.callId(), newCall.manageTokenHash(), newCall.meetingUrl());
        state.call = call;
        raise.accept(new ReviewCallBooked(RandomIds.uuid(), now, state.id(), link.linkId(), call.engineer(),
                engineerEmail, call.start(), call.end(), state.contact, call.callId(), call.sequence(),
                newCall.manageUrl(), call.meetingUrl()));
    }

    /** See {@link RequestSchedule#reschedule}. */
    ReviewCall reschedule(String manageTokenHash, Instant slotStart, Duration length, String manageUrl,
                          String meetingUrl, String engineerEmail, Instant deadline, Instant now) {
        require(manageTokenHash);
        if (!now.isBefore(deadline) || slotStart.plus(length).isAfter(deadline)) {
            throw RuleViolation.noLongerAvailable("The booking deadline has passed; the call can no longer be moved");
        }
        ReviewCall previous = state.call;
        ReviewCall call = previous.movedTo(slotStart, slotStart.plus(length), meetingUrl);
        state.call = call;
        raise.accept(new ReviewCallRescheduled(RandomIds.uuid(), now, state.id(), call.callId(), call.sequence(),
                call.engineer(), engineerEmail, previous.start(), call.start(), call.end(), manageUrl,
                call.meetingUrl(), "customer", state.contact));
        return call;
    }

    /** The customer cancels the call with this manage token before it starts: ReviewCallCancelled. */
    void cancelByCustomer(String manageTokenHash, String engineerEmail, Instant now) {
        require(manageTokenHash);
        if (!state.call.start().isAfter(now)) {
            throw RuleViolation.noLongerAvailable("The call has started; it cannot be cancelled");
        }
        cancel(RandomIds.uuid(), ReviewCallCancelled.Reason.CUSTOMER_CANCELLED, "customer", engineerEmail, now);
    }

    /** Cancels the booked call if it is still to come (a call that took place stays); 1 when it did. */
    int cancelUpcoming(String eventId, ReviewCallCancelled.Reason reason, String actor, UnaryOperator<String> emailOf,
                       Instant now) {
        if (state.call == null || !state.call.start().isAfter(now)) {
            return 0;
        }
        cancel(eventId, reason, actor, emailOf.apply(state.call.engineer()), now);
        return 1;
    }

    /** A call to come moves to the engineer the request was handed to. */
    void handTo(String engineer, Instant now) {
        if (state.call != null && state.call.start().isAfter(now)) {
            state.call = state.call.withEngineer(engineer);
        }
    }

    private void require(String manageTokenHash) {
        if (state.call == null || !Objects.equals(state.call.manageTokenHash(), manageTokenHash)) {
            throw RuleViolation.noLongerAvailable("The call was cancelled");
        }
        if (state.stage.isClosed()) {
            throw RuleViolation.noLongerAvailable("The request is closed");
        }
    }

    private void cancel(String eventId, ReviewCallCancelled.Reason reason, String actor, String engineerEmail,
                        Instant now) {
        ReviewCall cancelled = state.call;
        int sequence = cancelled.sequence() + 1;
        state.cancelledCalls.add(new CancelledCall(cancelled.callId(), cancelled.engineer(), cancelled.start(),
                cancelled.end(), sequence, cancelled.manageTokenHash(), reason, actor, now));
        state.call = null;
        raise.accept(new ReviewCallCancelled(eventId, now, state.id(), cancelled.callId(), sequence,
                cancelled.engineer(), engineerEmail, cancelled.start(), cancelled.end(), reason, actor,
                state.contact));
    }
}
