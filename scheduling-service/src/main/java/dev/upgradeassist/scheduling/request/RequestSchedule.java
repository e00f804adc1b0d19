package dev.upgradeassist.scheduling.request;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.platform.ids.RandomIds;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.springframework.data.mongodb.core.mapping.Document;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One upgrade request as scheduling sees it: who owns it, the approved schedule, its booking links, the booked review
 * call, and whether it waits on hold. Owns the state machine; every change and the events it raises are written
 * together (outbox), and every incoming event is applied once.
 */
@Document(UpgradeRequest.COLLECTION)
public class UpgradeRequest extends AggregateRoot {

    public static final String COLLECTION = "upgrade_requests";

    private String ticketId;
    private Region region;
    private CustomerContact contact;
    /** The engineer who owns the ticket (EngineerAssigned, hand-off). */
    private String assignee;
    /** The engineer the review call is with: the assignee, else the Upgrade-focus engineer chosen at issue. */
    private String engineer;
    private Stage stage = Stage.OPEN;
    private int approvedRevision;
    /** The highest revision approved, declined or sent back for changes; older decisions are stale. */
    private int decidedRevision;
    private String approvalEventId;
    private Instant approvedAt;
    private Instant upgradeStart;
    private int windowDurationMinutes;
    private int rollbackEstimateMinutes;
    private Instant onHoldSince;
    private List<BookingLink> links = new ArrayList<>();
    private ReviewCall call;
    /** Calls cancelled before, so that their manage tokens answer "cancelled" (410). */
    private List<CancelledCall> cancelledCalls = new ArrayList<>();
    /** A newer revision's window start (RequestAmended) not decided yet; it may bring the booking deadline closer. */
    private int amendedRevision;
    private Instant amendedUpgradeStart;

    /** What a change did, for the meters. */
    public record Effects(int linksIssued, int linksClosed, Duration approvedToOnHold, int callsCancelled) {
        static final Effects NONE = new Effects(0, 0, null, 0);

        public Effects(int linksIssued, int linksClosed, Duration approvedToOnHold) {
            this(linksIssued, linksClosed, approvedToOnHold, 0);
        }
    }

    protected UpgradeRequest() {
    }

    public UpgradeRequest(String requestId) {
        super(requestId);
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
    public Effects approve(PlanApproved approval, NewLink offer, String fallbackEngineer, Instant now) {
        if (stage == Stage.COMPLETED || approval.revision() <= decidedRevision) {
            return Effects.NONE;
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
        clearAmendmentUpTo(approval.revision());
        if (engineer == null) {
            engineer = fallbackEngineer;
        }
        int closed = closeOpenLinks(now);
        if (call == null && offer != null) {
            links.add(new BookingLink(offer.linkId(), approval.eventId(), approval.revision(), offer.tokenHash(),
                    LinkStatus.ISSUED, now, offer.expiresAt(), null));
            stage = Stage.CALL_LINK_ISSUED;
            onHoldSince = null;
            raise(new BookingLinkIssued(derivedId(approval.eventId(), "BookingLinkIssued"), now, id, offer.linkId(),
                    approval.eventId(), offer.url(), offer.expiresAt(), engineer, offer.callMinutes(), contact));
            return new Effects(1, closed, null);
        }
        return new Effects(0, closed, hold(derivedId(approval.eventId(), "TicketOnHold"), now));
    }

    /**
     * Review declined (or recommended postponing) a revision: the open link is revoked, a call still to come is
     * cancelled (ReviewCallCancelled REQUEST_DECLINED, by whoever declined), the ticket leaves hold.
     */
    public Effects decline(RequestDeclined decline, UnaryOperator<String> emailOf, Instant now) {
        if (stage == Stage.COMPLETED || decline.revision() < approvedRevision) {
            return Effects.NONE;
        }
        decidedRevision = Math.max(decidedRevision, decline.revision());
        if (decline.contact() != null) {
            contact = decline.contact();
        }
        int closed = closeOpenLinks(now);
        int cancelled = cancelUpcomingCall(derivedId(decline.eventId(), "ReviewCallCancelled"),
                ReviewCallCancelled.Reason.REQUEST_DECLINED, decline.declinedBy(), emailOf, now);
        stage = Stage.DECLINED;
        onHoldSince = null;
        return new Effects(0, closed, null, cancelled);
    }

    /**
     * An engineer asked the customer for changes to a revision: the request is back with the customer until an
     * amended (newer) revision is approved. The open link is revoked (BookingLinkExpired REVOKED) and the ticket
     * leaves hold. The revision counts as decided, so that an approval of it arriving again (a replay) issues nothing.
     * A call still to come is cancelled (ReviewCallCancelled CHANGES_REQUESTED, by the engineer who asked). A request
     * for an older revision than the last decided one, for a completed request, or for the revision a decline closed,
     * changes nothing.
     */
    public Effects requestChanges(ChangesRequested changes, UnaryOperator<String> emailOf, Instant now) {
        if (stage == Stage.COMPLETED || changes.revision() < decidedRevision
                || (stage == Stage.DECLINED && changes.revision() <= decidedRevision)) {
            return Effects.NONE;
        }
        decidedRevision = changes.revision();
        if (changes.contact() != null) {
            contact = changes.contact();
            if (ticketId == null) {
                ticketId = changes.contact().ticketId();
            }
        }
        int closed = closeOpenLinks(now);
        int cancelled = cancelUpcomingCall(derivedId(changes.eventId(), "ReviewCallCancelled"),
                ReviewCallCancelled.Reason.CHANGES_REQUESTED, changes.requestedBy(), emailOf, now);
        stage = Stage.CHANGES_REQUESTED;
        onHoldSince = null;
        return new Effects(0, closed, null, cancelled);
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
     */
    public boolean handOff(String to, String notes, String actor, UnaryOperator<String> emailOf, Instant now) {
        if (stage == Stage.COMPLETED || stage == Stage.DECLINED) {
            throw new HandoffRefusedException("The request is " + stage.name().toLowerCase() + "; it cannot be handed off");
        }
        String from = owner();
        if (to.equals(from)) {
            return false;
        }
        assignee = to;
        engineer = to;
        if (call != null && call.start().isAfter(now)) {
            call = call.withEngineer(to);
        }
        raise(new EngineerHandedOff(RandomIds.uuid(), now, id, from, from == null ? null : emailOf.apply(from),
                to, emailOf.apply(to), notes, call == null ? null : call.start(), contact, actor));
        return true;
    }

    // ---- booking

    /**
     * Books the call through the link with this token hash: the link must still be usable and the engineer the one
     * whose slot was offered. Raises ReviewCallBooked (the call's id, sequence 0, its manage link and meeting room),
     * then TicketOnHold.
     */
    public Effects book(String tokenHash, Instant slotStart, Duration length, String offeredEngineer,
                        String engineerEmail, NewCall newCall, Instant now) {
        int index = indexOfLink(tokenHash);
        if (index < 0 || stage != Stage.CALL_LINK_ISSUED || !links.get(index).usableAt(now)) {
            throw new BookingRefusedException(BookingRefusedException.Reason.GONE);
        }
        if (!Objects.equals(engineer, offeredEngineer)) {
            throw new BookingRefusedException(BookingRefusedException.Reason.ENGINEER_CHANGED);
        }
        BookingLink link = links.get(index);
        links.set(index, link.close(LinkStatus.BOOKED, now));
        call = ReviewCall.of(link.linkId(), engineer, slotStart, slotStart.plus(length), now, newCall.callId(),
                newCall.manageTokenHash(), newCall.meetingUrl());
        raise(new ReviewCallBooked(RandomIds.uuid(), now, id, link.linkId(), engineer, engineerEmail,
                call.start(), call.end(), contact, call.callId(), call.sequence(), newCall.manageUrl(),
                call.meetingUrl()));
        return new Effects(0, 0, hold(RandomIds.uuid(), now));
    }

    // ---- the customer manages the booked call

    /**
     * Moves the booked call (the one with this manage token hash) to another slot; the caller checked that the slot
     * is open. Its slot key changes in the same write, so the unique slot index lets one of any number of moves into
     * one slot win and frees the previous slot. Raises ReviewCallRescheduled with the next sequence.
     *
     * @param deadline the booking deadline (upgrade start minus the lead time): no move at or after it
     * @throws CallRefusedException GONE when the call was cancelled, the deadline passed or the request was closed
     */
    public ReviewCall reschedule(String manageTokenHash, Instant slotStart, Duration length, String manageUrl,
                                 String meetingUrl, String engineerEmail, Instant deadline, Instant now) {
        requireCall(manageTokenHash);
        if (!now.isBefore(deadline) || slotStart.plus(length).isAfter(deadline)) {
            throw new CallRefusedException(CallRefusedException.Reason.GONE,
                    "The booking deadline has passed; the call can no longer be moved");
        }
        ReviewCall previous = call;
        call = previous.movedTo(slotStart, slotStart.plus(length), meetingUrl);
        raise(new ReviewCallRescheduled(RandomIds.uuid(), now, id, call.callId(), call.sequence(), call.engineer(),
                engineerEmail, previous.start(), call.start(), call.end(), manageUrl, call.meetingUrl(), "customer",
                contact));
        return call;
    }

    /**
     * The customer cancels the booked call (the one with this manage token hash) before it starts: ReviewCallCancelled
     * (CUSTOMER_CANCELLED) with the next sequence, the slot is freed, and the ticket is on hold without a call
     * (TicketOnHold).
     *
     * @throws CallRefusedException GONE when the call was cancelled before, has started or the request was closed
     */
    public Effects cancelByCustomer(String manageTokenHash, String engineerEmail, Instant now) {
        requireCall(manageTokenHash);
        if (!call.start().isAfter(now)) {
            throw new CallRefusedException(CallRefusedException.Reason.GONE, "The call has started; it cannot be cancelled");
        }
        cancelCall(RandomIds.uuid(), ReviewCallCancelled.Reason.CUSTOMER_CANCELLED, "customer", engineerEmail, now);
        return new Effects(0, 0, hold(RandomIds.uuid(), now), 1);
    }

    /**
     * An engineer issues a new single-use link (no-show, a link that ran out, the customer asked again): only for an
     * approved request waiting for its call or on hold, with no call booked, whose link would still have slots
     * ({@code offer.expiresAt} ahead). Any open link is revoked. Raises BookingLinkIssued with {@code reissuedBy}.
     *
     * @throws CallRefusedException CONFLICT when the request cannot get a link now
     */
    public Effects reissueLink(NewLink offer, String reissuedBy, Instant now) {
        if (!isApproved() || (stage != Stage.CALL_LINK_ISSUED && stage != Stage.ON_HOLD)) {
            throw new CallRefusedException(CallRefusedException.Reason.CONFLICT,
                    "The request is not approved and waiting for its upgrade; no booking link can be issued");
        }
        if (call != null) {
            throw new CallRefusedException(CallRefusedException.Reason.CONFLICT,
                    "A review call is booked; the customer reschedules or cancels it through their manage link");
        }
        if (offer.expiresAt() == null || !offer.expiresAt().isAfter(now)) {
            throw new CallRefusedException(CallRefusedException.Reason.CONFLICT,
                    "The upgrade is less than the booking lead time away; no call can be booked any more");
        }
        int closed = closeOpenLinks(now);
        links.add(new BookingLink(offer.linkId(), approvalEventId, approvedRevision, offer.tokenHash(),
                LinkStatus.ISSUED, now, offer.expiresAt(), null));
        stage = Stage.CALL_LINK_ISSUED;
        onHoldSince = null;
        raise(new BookingLinkIssued(RandomIds.uuid(), now, id, offer.linkId(), approvalEventId, offer.url(),
                offer.expiresAt(), engineer, offer.callMinutes(), contact, reissuedBy));
        return new Effects(0, closed, null);
    }

    /**
     * Records links that ran out unused (BookingLinkExpired EXPIRED). A request left without a usable link goes on
     * hold: the upgrade is still scheduled, only without the call.
     */
    public Effects expireLinks(Instant now) {
        int expired = 0;
        for (int i = 0; i < links.size(); i++) {
            BookingLink link = links.get(i);
            if (link.status() == LinkStatus.ISSUED && !link.expiresAt().isAfter(now)) {
                links.set(i, link.close(LinkStatus.EXPIRED, now));
                raise(new BookingLinkExpired(derivedId(link.linkId(), "EXPIRED"), now, id, link.linkId(),
                        BookingLinkExpired.Reason.EXPIRED));
                expired++;
            }
        }
        if (expired > 0 && stage == Stage.CALL_LINK_ISSUED) {
            return new Effects(0, expired, hold(derivedId(links.get(links.size() - 1).linkId(), "TicketOnHold"), now));
        }
        return new Effects(0, expired, null);
    }

    // ---- outcome

    public boolean isApproved() {
        return approvedRevision > 0 && upgradeStart != null;
    }

    /**
     * The customer reported how the upgrade went: success completes the request; problems get rollback advice weighed
     * against the time left in the maintenance window.
     *
     * @return false when the request was completed already
     */
    public boolean reportOutcome(UpgradeOutcomeReported outcome, Duration safetyMargin, UnaryOperator<String> emailOf,
                                 Instant now) {
        if (stage == Stage.COMPLETED) {
            return false;
        }
        String owner = owner();
        String ownerEmail = owner == null ? null : emailOf.apply(owner);
        onHoldSince = null;
        if (outcome.result() == OutcomeResult.SUCCEEDED) {
            stage = Stage.COMPLETED;
            raise(new RequestCompleted(derivedId(outcome.eventId(), "RequestCompleted"), now, id, outcome.details(),
                    owner, ownerEmail, contact));
            return true;
        }
        Instant windowEnd = upgradeStart.plus(Duration.ofMinutes(windowDurationMinutes));
        long minutesLeft = Math.max(0, Duration.between(now, windowEnd).toMinutes());
        long threshold = rollbackEstimateMinutes + safetyMargin.toMinutes();
        boolean rollBackNow = minutesLeft < threshold;
        stage = Stage.ROLLBACK_ADVISED;
        raise(new RollbackAdvised(derivedId(outcome.eventId(), "RollbackAdvised"), now, id, minutesLeft,
                rollbackEstimateMinutes, rollBackNow, advice(minutesLeft, rollBackNow, threshold), owner, ownerEmail,
                contact));
        return true;
    }

    private String advice(long minutesLeft, boolean rollBackNow, long threshold) {
        String situation = minutesLeft + " minutes are left in your maintenance window and the reviewed rollback takes about "
                + rollbackEstimateMinutes + " minutes: ";
        String action = rollBackNow
                ? "start the rollback now, following your reviewed rollback plan."
                : "if the problem is not solved within the next " + (minutesLeft - threshold)
                  + " minutes, run your reviewed rollback plan while the window still allows it.";
        return situation + action + " In an emergency, roll back to the last working GitLab version and open an "
                + "emergency ticket.";
    }

    // ---- internals

    private void requireCall(String manageTokenHash) {
        if (call == null || !Objects.equals(call.manageTokenHash(), manageTokenHash)) {
            throw new CallRefusedException(CallRefusedException.Reason.GONE, "The call was cancelled");
        }
        if (stage == Stage.COMPLETED || stage == Stage.DECLINED) {
            throw new CallRefusedException(CallRefusedException.Reason.GONE, "The request is closed");
        }
    }

    /** Cancels the booked call if it is still to come (a call that took place stays); 1 when it did. */
    private int cancelUpcomingCall(String eventId, ReviewCallCancelled.Reason reason, String actor,
                                   UnaryOperator<String> emailOf, Instant now) {
        if (call == null || !call.start().isAfter(now)) {
            return 0;
        }
        cancelCall(eventId, reason, actor, emailOf.apply(call.engineer()), now);
        return 1;
    }

    private void cancelCall(String eventId, ReviewCallCancelled.Reason reason, String actor, String engineerEmail,
                            Instant now) {
        ReviewCall cancelled = call;
        int sequence = cancelled.sequence() + 1;
        cancelledCalls.add(new CancelledCall(cancelled.callId(), cancelled.engineer(), cancelled.start(),
                cancelled.end(), sequence, cancelled.manageTokenHash(), reason, actor, now));
        call = null;
        raise(new ReviewCallCancelled(eventId, now, id, cancelled.callId(), sequence, cancelled.engineer(),
                engineerEmail, cancelled.start(), cancelled.end(), reason, actor, contact));
    }

    private void clearAmendmentUpTo(int revision) {
        if (amendedRevision <= revision) {
            amendedRevision = 0;
            amendedUpgradeStart = null;
        }
    }

    private Duration hold(String eventId, Instant now) {
        boolean newlyOnHold = stage != Stage.ON_HOLD;
        stage = Stage.ON_HOLD;
        if (newlyOnHold) {
            onHoldSince = now;
        }
        raise(new TicketOnHold(eventId, now, id, upgradeStart, windowDurationMinutes, owner(), contact));
        return newlyOnHold && approvedAt != null ? Duration.between(approvedAt, now) : null;
    }

    /** Closes every link still ISSUED: REVOKED, or EXPIRED when it had run out anyway. */
    private int closeOpenLinks(Instant now) {
        int closed = 0;
        for (int i = 0; i < links.size(); i++) {
            BookingLink link = links.get(i);
            if (link.status() == LinkStatus.ISSUED) {
                var reason = link.expiresAt().isAfter(now) ? BookingLinkExpired.Reason.REVOKED
                        : BookingLinkExpired.Reason.EXPIRED;
                links.set(i, link.close(LinkStatus.valueOf(reason.name()), now));
                raise(new BookingLinkExpired(derivedId(link.linkId(), reason.name()), now, id, link.linkId(), reason));
                closed++;
            }
        }
        return closed;
    }

    private int indexOfLink(String tokenHash) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).tokenHash().equals(tokenHash)) {
                return i;
            }
        }
        return -1;
    }

    /** A stable id for an event derived from another one, so that the same cause always yields the same event. */
    static String derivedId(String causeId, String what) {
        return UUID.nameUUIDFromBytes((causeId + ":" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A link's id: one per request and approval. */
    public static String linkIdFor(String requestId, String approvalEventId) {
        return derivedId(requestId + ":" + approvalEventId, "BookingLink");
    }

    // ---- reads

    /** The engineer who owns the ticket: the assignee, else the engineer of the call. */
    public String owner() {
        return assignee != null ? assignee : engineer;
    }

    public Optional<BookingLink> linkByTokenHash(String tokenHash) {
        int index = indexOfLink(tokenHash);
        return index < 0 ? Optional.empty() : Optional.of(links.get(index));
    }

    public String ticketId() {
        return ticketId;
    }

    public Region region() {
        return region;
    }

    public CustomerContact contact() {
        return contact;
    }

    public String assignee() {
        return assignee;
    }

    public String engineer() {
        return engineer;
    }

    public Stage stage() {
        return stage;
    }

    public int approvedRevision() {
        return approvedRevision;
    }

    public String approvalEventId() {
        return approvalEventId;
    }

    public Instant upgradeStart() {
        return upgradeStart;
    }

    public int windowDurationMinutes() {
        return windowDurationMinutes;
    }

    public Instant onHoldSince() {
        return onHoldSince;
    }

    public List<BookingLink> links() {
        return List.copyOf(links);
    }

    public ReviewCall call() {
        return call;
    }

    public List<CancelledCall> cancelledCalls() {
        return List.copyOf(cancelledCalls);
    }

    public Optional<CancelledCall> cancelledCallByTokenHash(String manageTokenHash) {
        return cancelledCalls.stream().filter(c -> Objects.equals(c.manageTokenHash(), manageTokenHash)).findFirst();
    }

    /** A pending amendment's window start (not decided yet), or null. */
    public Instant amendedUpgradeStart() {
        return amendedUpgradeStart;
    }

    /**
     * The upgrade start the booking deadline counts from: the approved one, or a pending amendment's start when that
     * is earlier (an amendment may bring the deadline closer at once, never push it out before its approval).
     */
    public Instant effectiveUpgradeStart() {
        if (upgradeStart == null || amendedUpgradeStart == null) {
            return upgradeStart;
        }
        return amendedUpgradeStart.isBefore(upgradeStart) ? amendedUpgradeStart : upgradeStart;
    }
}
