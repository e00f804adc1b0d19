package dev.upgradeassist.scheduling.request;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.ids.DerivedIds;
import dev.upgradeassist.platform.ids.RandomIds;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The scheduling state of one upgrade request: who owns it, the approved schedule, its booking links, the booked
 * review call, whether it waits on hold, and its outcome. Owns the state machine (its {@link Stage}s and
 * {@link LinkStatus}es say which transitions they allow); every change and the events it raises are written together
 * (outbox), and every incoming event is applied once. A command the state does not allow throws a
 * {@link RuleViolation}; an event that is stale or repeated changes nothing.
 */
@Document(RequestSchedule.COLLECTION)
public class RequestSchedule extends RequestScheduleState {

    public static final String COLLECTION = "upgrade_requests";

    protected RequestSchedule() {
    }

    public RequestSchedule(String requestId) {
        super(requestId);
    }

    /** A link's id: one per request and approval. */
    public static String linkIdFor(String requestId, String approvalEventId) {
        return DerivedIds.derive(requestId + ":" + approvalEventId, "BookingLink");
    }

    // ---- review decisions

    /**
     * The plan of a revision was approved. A stale or repeated approval changes nothing. A newer one revokes the open
     * link, then issues {@code offer} when the call is offered, else puts the ticket on hold. A call already booked for
     * an earlier approval is kept (and the ticket put on hold with the new schedule).
     *
     * @param offer            the link to issue when the call is offered, else null
     * @param fallbackEngineer the region's Upgrade-focus engineer, who takes the request when nobody is assigned
     */
    public ScheduleEffects approve(PlanApproved approval, NewLink offer, String fallbackEngineer, Instant now) {
        if (stage == Stage.COMPLETED || approval.revision() <= decidedRevision) {
            return ScheduleEffects.NONE;
        }
        ticketId = approval.ticketId();
        region = approval.region();
        contact = approval.contact();
        approvedRevision = approval.revision();
        decidedRevision = approval.revision();
        approvalEventId = approval.eventId();
        approvedAt = approval.occurredAt();
        upgradeStart = approval.upgradeStart();
        windowDurationMinutes = approval.windowDurationMinutes();
        rollbackEstimateMinutes = approval.rollbackEstimateMinutes();
        if (amendedRevision <= approval.revision()) {
            amendedRevision = 0;
            amendedUpgradeStart = null;
        }
        if (engineer == null) {
            engineer = fallbackEngineer;
        }
        int closed = bookingLinks().closeOpen(now);
        if (call == null && offer != null) {
            issueLink(offer, approval.eventId(), approval.revision(),
                    DerivedIds.derive(approval.eventId(), "BookingLinkIssued"), null, now);
            return new ScheduleEffects(1, closed, null);
        }
        return new ScheduleEffects(0, closed,
                holdAndOutcome().hold(DerivedIds.derive(approval.eventId(), "TicketOnHold"), now));
    }

    /**
     * Review declined (or recommended postponing) a revision: the open link is revoked, a call still to come is
     * cancelled (ReviewCallCancelled REQUEST_DECLINED, by whoever declined), the ticket leaves hold.
     */
    public ScheduleEffects decline(RequestDeclined decline, UnaryOperator<String> emailOf, Instant now) {
        if (stage == Stage.COMPLETED || decline.revision() < approvedRevision) {
            return ScheduleEffects.NONE;
        }
        decidedRevision = Math.max(decidedRevision, decline.revision());
        if (decline.contact() != null) {
            contact = decline.contact();
        }
        int closed = bookingLinks().closeOpen(now);
        int cancelled = calls().cancelUpcoming(DerivedIds.derive(decline.eventId(), "ReviewCallCancelled"),
                ReviewCallCancelled.Reason.REQUEST_DECLINED, decline.declinedBy(), emailOf, now);
        moveTo(Stage.DECLINED);
        onHoldSince = null;
        return new ScheduleEffects(0, closed, null, cancelled);
    }

    /**
     * An engineer asked the customer for changes to a revision: the request is back with the customer until an
     * amended (newer) revision is approved. The open link is revoked (BookingLinkExpired REVOKED) and the ticket
     * leaves hold. The revision counts as decided, so that an approval of it arriving again (a replay) issues nothing.
     * A call still to come is cancelled (ReviewCallCancelled CHANGES_REQUESTED, by the engineer who asked). A request
     * for an older revision than the last decided one, for a completed request, or for the revision a decline closed,
     * changes nothing.
     */
    public ScheduleEffects requestChanges(ChangesRequested changes, UnaryOperator<String> emailOf, Instant now) {
        if (stage == Stage.COMPLETED || changes.revision() < decidedRevision
                || (stage == Stage.DECLINED && changes.revision() <= decidedRevision)) {
            return ScheduleEffects.NONE;
        }
        decidedRevision = changes.revision();
        if (changes.contact() != null) {
            contact = changes.contact();
            if (ticketId == null) {
                ticketId = changes.contact().ticketId();
            }
        }
        int closed = bookingLinks().closeOpen(now);
        int cancelled = calls().cancelUpcoming(DerivedIds.derive(changes.eventId(), "ReviewCallCancelled"),
                ReviewCallCancelled.Reason.CHANGES_REQUESTED, changes.requestedBy(), emailOf, now);
        moveTo(Stage.CHANGES_REQUESTED);
        onHoldSince = null;
        return new ScheduleEffects(0, closed, null, cancelled);
    }

    /**
     * The customer amended the request (a newer revision than any decided). When its maintenance window starts
     * earlier than the approved one, the booking deadline comes closer at once (see {@link #effectiveUpgradeStart()});
     * a later start changes nothing until that revision is approved. An unreadable window is ignored (review will
     * say so).
     *
     * @param newStart the amended window's start, resolved as review resolves it; null when it cannot be
     * @return false when nothing changed
     */
    public boolean amend(RequestAmended amendment, Instant newStart) {
        if (stage == Stage.COMPLETED || amendment.revision() <= decidedRevision
                || amendment.revision() < amendedRevision) {
            return false;
        }
        amendedRevision = amendment.revision();
        amendedUpgradeStart = newStart;
        return true;
    }

    // ---- engineers

    /**
     * The triaging engineer took the ticket. Open slots follow them when they hold calls (are on the roster); a booked
     * call moves only by hand-off.
     */
    public void assign(EngineerAssigned assignment, boolean holdsCalls) {
        if (ticketId == null) {
            ticketId = assignment.ticketId();
        }
        assignee = assignment.engineer();
        if (call == null && holdsCalls) {
            engineer = assignment.engineer();
        }
    }

    /**
     * Hands the ticket to another engineer (the caller checked that both engineers synced). An unbooked link stays
     * valid and its open slots follow the new engineer; a call still to come moves to them.
     *
     * @return false when {@code to} already owns the ticket (nothing to do)
     * @throws RuleViolation illegal transition when the request is completed or declined
     */
    public boolean handOff(String to, String notes, String actor, UnaryOperator<String> emailOf, Instant now) {
        if (stage.isClosed()) {
            throw RuleViolation.illegalTransition(
                    "The request is " + stage.name().toLowerCase() + "; it cannot be handed off");
        }
        String from = owner();
        if (to.equals(from)) {
            return false;
        }
        assignee = to;
        engineer = to;
        calls().handTo(to, now);
        raise(new EngineerHandedOff(RandomIds.uuid(), now, id, from, from == null ? null : emailOf.apply(from),
                to, emailOf.apply(to), notes, call == null ? null : call.start(), contact, actor));
        return true;
    }

    /**
     * An engineer issues a new single-use link (no-show, a link that ran out, the customer asked again): only for an
     * approved request waiting for its call or on hold, with no call booked, whose link would still have slots
     * ({@code offer.expiresAt} ahead). Any open link is revoked. Raises BookingLinkIssued with {@code reissuedBy}.
     *
     * @throws RuleViolation illegal transition when the request cannot get a link now
     */
    public ScheduleEffects reissueLink(NewLink offer, String reissuedBy, Instant now) {
        if (!isApproved() || !stage.acceptsReissuedLink()) {
            throw RuleViolation.illegalTransition(
                    "The request is not approved and waiting for its upgrade; no booking link can be issued");
        }
        if (call != null) {
            throw RuleViolation.illegalTransition(
                    "A review call is booked; the customer reschedules or cancels it through their manage link");
        }
        if (offer.expiresAt() == null || !offer.expiresAt().isAfter(now)) {
            throw RuleViolation.illegalTransition(
                    "The upgrade is less than the booking lead time away; no call can be booked any more");
        }
        int closed = bookingLinks().closeOpen(now);
        issueLink(offer, approvalEventId, approvedRevision, RandomIds.uuid(), reissuedBy, now);
        return new ScheduleEffects(0, closed, null);
    }

    // ---- the customer books and manages the call

    /**
     * Books the call through the link with this token hash: the link must still be usable and the engineer the one
     * whose slot was offered. Raises ReviewCallBooked (the call's id, sequence 0, its manage link and meeting room),
     * then TicketOnHold.
     *
     * @throws RuleViolation no longer available when the link was used, ran out or was revoked; illegal transition
     *                       when the engineer changed since the slot was offered
     */
    public ScheduleEffects book(String tokenHash, Instant slotStart, Duration length, String offeredEngineer,
                        String engineerEmail, NewCall newCall, Instant now) {
        if (!stage.acceptsBooking() || linkByTokenHash(tokenHash).filter(l -> l.usableAt(now)).isEmpty()) {
            throw RuleViolation.noLongerAvailable(BookingLink.UNAVAILABLE);
        }
        if (!Objects.equals(engineer, offeredEngineer)) {
            throw RuleViolation.illegalTransition(
                    "The engineer for this call changed; reload the booking page and pick a slot again");
        }
        BookingLink link = bookingLinks().book(tokenHash, now).orElseThrow();
        calls().book(link, slotStart, length, engineerEmail, newCall, now);
        return new ScheduleEffects(0, 0, holdAndOutcome().hold(RandomIds.uuid(), now));
    }

    /**
     * Moves the booked call (the one with this manage token hash) to another slot; the caller checked that the slot
     * is open. Its slot key changes in the same write, so the unique slot index lets one of any number of moves into
     * one slot win and frees the previous slot. Raises ReviewCallRescheduled with the next sequence.
     *
     * @param deadline the booking deadline (upgrade start minus the lead time): no move at or after it
     * @throws RuleViolation no longer available when the call was cancelled, the deadline passed or the request was
     *                       closed
     */
    public ReviewCall reschedule(String manageTokenHash, Instant slotStart, Duration length, String manageUrl,
                                 String meetingUrl, String engineerEmail, Instant deadline, Instant now) {
        return calls().reschedule(manageTokenHash, slotStart, length, manageUrl, meetingUrl, engineerEmail, deadline,
                now);
    }

    /**
     * The customer cancels the booked call (the one with this manage token hash) before it starts: ReviewCallCancelled
     * (CUSTOMER_CANCELLED) with the next sequence, the slot is freed, and the ticket is on hold without a call
     * (TicketOnHold).
     *
     * @throws RuleViolation no longer available when the call was cancelled before, has started or the request was
     *                       closed
     */
    public ScheduleEffects cancelByCustomer(String manageTokenHash, String engineerEmail, Instant now) {
        calls().cancelByCustomer(manageTokenHash, engineerEmail, now);
        return new ScheduleEffects(0, 0, holdAndOutcome().hold(RandomIds.uuid(), now), 1);
    }

    /**
     * Records links that ran out unused (BookingLinkExpired EXPIRED). A request left without a usable link goes on
     * hold: the upgrade is still scheduled, only without the call.
     */
    public ScheduleEffects expireLinks(Instant now) {
        BookingLinks bookingLinks = bookingLinks();
        int expired = bookingLinks.expireRunOut(now);
        if (expired > 0 && stage == Stage.CALL_LINK_ISSUED) {
            return new ScheduleEffects(0, expired,
                    holdAndOutcome().hold(DerivedIds.derive(bookingLinks.last().linkId(), "TicketOnHold"), now));
        }
        return new ScheduleEffects(0, expired, null);
    }

    // ---- outcome

    /**
     * The customer reported how the upgrade went: success completes the request; problems get rollback advice weighed
     * against the time left in the maintenance window.
     *
     * @return false when the request was completed already
     */
    public boolean reportOutcome(UpgradeOutcomeReported outcome, Duration safetyMargin, UnaryOperator<String> emailOf,
                                 Instant now) {
        return holdAndOutcome().report(outcome, safetyMargin, emailOf, now);
    }

    // ---- internals

    /** Issues the link {@code offer} (BookingLinkIssued with this event id): the request waits for its call. */
    private void issueLink(NewLink offer, String forApproval, int revision, String eventId, String reissuedBy,
                           Instant now) {
        bookingLinks().issue(offer, forApproval, revision, eventId, reissuedBy, now);
        moveTo(Stage.CALL_LINK_ISSUED);
        onHoldSince = null;
    }

    private BookingLinks bookingLinks() {
        return new BookingLinks(this, this::raise);
    }

    private CallChanges calls() {
        return new CallChanges(this, this::raise);
    }

    private HoldAndOutcome holdAndOutcome() {
        return new HoldAndOutcome(this, this::raise);
    }
}
