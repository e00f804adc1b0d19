package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.intake.requestview.RequestRecord.LinkState;
import dev.upgradeassist.intake.requestview.RequestRecord.LinkStatus;
import dev.upgradeassist.intake.requestview.RequestRecord.ReviewCall;

import java.time.Instant;
import java.util.Objects;

/**
 * How scheduling's events change a {@link RequestRecord}: the booking link's state, the review call, on hold, rollback
 * advice and completion. They carry no revision: they belong to the current one unless they predate it.
 */
final class SchedulingProjection {

    private SchedulingProjection() {
    }

    /** Applies scheduling's events; false for another service's (nothing done). */
    static boolean apply(RequestRecord r, DomainEvent event) {
        if (event instanceof BookingLinkIssued e) {
            RequestProjection.fillFrom(r, e.contact());
            if (r.bookingLink == null || !e.occurredAt().isBefore(r.bookingLink.since())) {
                r.bookingLink = new LinkState(e.linkId(), LinkStatus.ISSUED, e.expiresAt(), e.occurredAt());
            }
            if (isReissue(e)) {
                reissued(r, e.occurredAt());
            } else {
                scheduled(r, RequestStatus.CALL_LINK_ISSUED, e.occurredAt());
            }
        } else if (event instanceof ReviewCallBooked e) {
            RequestProjection.fillFrom(r, e.contact());
            if ((r.bookingLink == null || !e.occurredAt().isBefore(r.bookingLink.since())
                    || Objects.equals(r.bookingLink.linkId(), e.linkId()))
                    && !callChangeIsStale(r, e.callId(), e.sequence(), e.occurredAt())) {
                Instant expiresAt = r.bookingLink != null && Objects.equals(r.bookingLink.linkId(), e.linkId())
                        ? r.bookingLink.expiresAt() : null;
                r.bookingLink = new LinkState(e.linkId(), LinkStatus.BOOKED, expiresAt, e.occurredAt());
                r.reviewCall = new ReviewCall(e.start(), e.end(), e.callId(), e.sequence(), e.occurredAt());
            }
            scheduled(r, RequestStatus.CALL_BOOKED, e.occurredAt());
        } else if (event instanceof ReviewCallRescheduled e) {
            // the call moves; the status stays (the ticket is on hold with its call, or waits for it)
            RequestProjection.fillFrom(r, e.contact());
            if (!callChangeIsStale(r, e.callId(), e.sequence(), e.occurredAt())) {
                r.reviewCall = new ReviewCall(e.start(), e.end(),
                        e.callId() != null || r.reviewCall == null ? e.callId() : r.reviewCall.callId(), e.sequence(),
                        e.occurredAt());
            }
        } else if (event instanceof ReviewCallCancelled e) {
            // no status of its own: a customer's cancel is followed by TicketOnHold, a decline's or a request for
            // changes' cancel follows the decision, which set the status
            RequestProjection.fillFrom(r, e.contact());
            if (!callChangeIsStale(r, e.callId(), e.sequence(), e.occurredAt())) {
                r.reviewCall = null;
                r.reviewCallEndedAt = r.reviewCallEndedAt == null || e.occurredAt().isAfter(r.reviewCallEndedAt)
                        ? e.occurredAt() : r.reviewCallEndedAt;
            }
        } else if (event instanceof BookingLinkExpired e) {
            linkExpired(r, e);
        } else if (event instanceof EngineerHandedOff e) {
            RequestProjection.fillFrom(r, e.contact());
            RequestProjection.assign(r, e.toEngineer(), e.occurredAt());
        } else if (event instanceof TicketOnHold e) {
            RequestProjection.fillFrom(r, e.contact());
            RequestProjection.assign(r, e.assignee(), e.occurredAt());
            r.onHoldAt = r.onHoldAt == null || e.occurredAt().isBefore(r.onHoldAt) ? e.occurredAt() : r.onHoldAt;
            scheduled(r, RequestStatus.ON_HOLD, e.occurredAt());
        } else if (event instanceof RollbackAdvised e) {
            RequestProjection.fillFrom(r, e.contact());
            RequestProjection.assign(r, e.assignee(), e.occurredAt());
            scheduled(r, RequestStatus.ROLLBACK_ADVISED, e.occurredAt());
        } else if (event instanceof RequestCompleted e) {
            RequestProjection.fillFrom(r, e.contact());
            RequestProjection.assign(r, e.assignee(), e.occurredAt());
            scheduled(r, RequestStatus.COMPLETED, e.occurredAt());
        } else {
            return false;
        }
        return true;
    }

    /** A link an engineer issued again ({@code reissuedBy}), not the one issued on approval. */
    static boolean isReissue(BookingLinkIssued event) {
        return event.reissuedBy() != null && !event.reissuedBy().isBlank();
    }

    /**
     * An engineer re-issued the link (scheduling allows it while the link is out or on hold, with no call booked): the
     * request waits for its call again, even from ON_HOLD. Ordered by time within the revision, not by rank, so the
     * booking or on hold that follows moves it on, and a scheduling event from before it does not undo it.
     */
    static void reissued(RequestRecord r, Instant at) {
        if (r.revisionSince != null && at.isBefore(r.revisionSince)) {
            return;
        }
        RequestProjection.advance(r, RequestStatus.CALL_LINK_ISSUED, Math.max(r.statusRevision, 1), at, true);
    }

    /**
     * Whether a booking, reschedule or cancellation is older than what the view shows of the call: from before the
     * latest cancellation, an earlier {@code sequence} of the same call, or (another call, or no ids) from before the
     * shown call was booked or last moved.
     */
    static boolean callChangeIsStale(RequestRecord r, String callId, int sequence, Instant at) {
        if (r.reviewCallEndedAt != null && at.isBefore(r.reviewCallEndedAt)) {
            return true;
        }
        if (r.reviewCall == null) {
            return false;
        }
        if (callId != null && callId.equals(r.reviewCall.callId()) && r.reviewCall.sequence() != null) {
            return sequence < r.reviewCall.sequence();
        }
        return r.reviewCall.since() != null && at.isBefore(r.reviewCall.since());
    }

    /** Scheduling events carry no revision: they belong to the current one, unless they predate it. */
    static void scheduled(RequestRecord r, RequestStatus next, Instant at) {
        if (r.revisionSince != null && at.isBefore(r.revisionSince)) {
            return;
        }
        RequestProjection.advance(r, next, Math.max(r.statusRevision, 1), at);
    }


    static void linkExpired(RequestRecord r, BookingLinkExpired e) {
        LinkStatus expired = e.reason() == BookingLinkExpired.Reason.REVOKED
                ? LinkStatus.REVOKED : LinkStatus.EXPIRED;
        if (r.bookingLink == null) {
            r.bookingLink = new LinkState(e.linkId(), expired, null, e.occurredAt());
        } else if (Objects.equals(r.bookingLink.linkId(), e.linkId())
                && (r.bookingLink.status() != LinkStatus.BOOKED || expired == LinkStatus.REVOKED)) {
            r.bookingLink = new LinkState(r.bookingLink.linkId(), expired, r.bookingLink.expiresAt(), r.bookingLink.since());
        }
    }}
