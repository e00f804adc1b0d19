package dev.upgradeassist.scheduling.booking;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.platform.ids.RandomIds;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.scheduling.hold.OnHoldGauge;
import dev.upgradeassist.scheduling.infrastructure.SchedulingMetrics;
import dev.upgradeassist.scheduling.infrastructure.SchedulingProperties;
import dev.upgradeassist.scheduling.request.BookingLink;
import dev.upgradeassist.scheduling.request.LinkStatus;
import dev.upgradeassist.scheduling.request.NewCall;
import dev.upgradeassist.scheduling.request.NewLink;
import dev.upgradeassist.scheduling.request.RequestSchedule;
import dev.upgradeassist.scheduling.request.RequestSchedules;
import dev.upgradeassist.scheduling.request.ScheduleEffects;
import dev.upgradeassist.scheduling.roster.Availability;
import dev.upgradeassist.scheduling.roster.Engineer;
import dev.upgradeassist.scheduling.roster.Roster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Booking links: issued on approval when the call is offered, revoked by a newer approval, a decline or a request for
 * changes, redeemed once for an open slot, swept when they run out.
 */
@Service
public class BookingService {

    /** The same words for an unknown, used, expired or revoked token: the answer never tells which tokens exist. */
    static final String LINK_UNAVAILABLE = BookingLink.UNAVAILABLE;
    private static final Logger log = LoggerFactory.getLogger(BookingService.class);
    private static final int SWEEP_BATCH = 200;

    private final AggregateStore store;
    private final RequestSchedules requests;
    private final BookingTokens tokens;
    private final Roster roster;
    private final Availability availability;
    private final SchedulingProperties properties;
    private final SchedulingMetrics metrics;
    private final OnHoldGauge onHold;
    private final Clock clock;

    BookingService(AggregateStore store, RequestSchedules requests, BookingTokens tokens, Roster roster,
                   Availability availability, SchedulingProperties properties, SchedulingMetrics metrics,
                   OnHoldGauge onHold, Clock clock) {
        this.store = store;
        this.requests = requests;
        this.tokens = tokens;
        this.roster = roster;
        this.availability = availability;
        this.properties = properties;
        this.metrics = metrics;
        this.onHold = onHold;
        this.clock = clock;
    }

    // ---- review decisions (Kafka)

    /**
     * A plan was approved: issue a link when the call is offered and its last slot is still ahead, else put the ticket
     * on hold. Applied once per approval event, so a replayed approval issues nothing.
     */
    public void approve(PlanApproved approval) {
        requireRequestId(approval.requestId());
        Instant now = clock.instant();
        NewLink offer = null;
        String fallback = roster.upgradeFocusEngineerFor(approval.region(), approval.requestId()).name();
        if (approval.callOffered()) {
            Instant expiresAt = approval.upgradeStart() == null ? null
                    : approval.upgradeStart().minus(properties.bookingLeadTime());
            if (expiresAt != null && expiresAt.isAfter(now)) {
                BookingTokens.Token token = tokens.newToken();
                offer = new NewLink(RequestSchedule.linkIdFor(approval.requestId(), approval.eventId()), token.hash(),
                        properties.bookingUrl(token.raw()), expiresAt, (int) properties.callLength().toMinutes());
            } else {
                log.warn("Request {}: call offered but the upgrade at {} is less than {} away; no booking link",
                        approval.requestId(), approval.upgradeStart(), properties.bookingLeadTime());
            }
        }
        NewLink link = offer;
        // scheduling first hears of a request when its first revision is decided: insert first, no read
        var outcome = store.apply(newOrKnown(approval.requestId(), approval.revision()).causedBy(approval),
                OnHoldGauge.tracking(request -> request.approve(approval, link, fallback, now)));
        if (outcome.written()) {
            metrics.record(outcome.result().result());
            onHold.moved(outcome.result());
        }
    }

    /** Review declined a revision: its open link is revoked. */
    public void decline(RequestDeclined decline) {
        requireRequestId(decline.requestId());
        Instant now = clock.instant();
        applyDecision(decline, decline.requestId(), decline.revision(),
                request -> request.decline(decline, roster::emailOf, now));
    }

    /**
     * An engineer asked the customer for changes: the open link is revoked and the request waits for an amended
     * revision's approval (off hold); a call still to come is cancelled. Applied once per event.
     */
    public void requestChanges(ChangesRequested changes) {
        requireRequestId(changes.requestId());
        Instant now = clock.instant();
        applyDecision(changes, changes.requestId(), changes.revision(),
                request -> request.requestChanges(changes, roster::emailOf, now));
    }

    /**
     * The customer amended a request scheduling knows: a window that now starts earlier brings the booking deadline
     * closer at once (an open link offers no slot past it, a booked call cannot be moved past it). Applied once per
     * event; an amendment of a request scheduling never saw changes nothing.
     */
    public void amend(RequestAmended amendment) {
        requireRequestId(amendment.requestId());
        Instant start = AmendedWindow.start(amendment.submission());
        store.apply(Target.existing(RequestSchedule.class, amendment.requestId()).causedBy(amendment),
                request -> request.amend(amendment, start));
    }

    // ---- engineers (HTTP)

    /**
     * An engineer issues a new single-use link for an approved request with no booked call whose booking deadline is
     * still ahead; any open link is revoked.
     *
     * @throws RuleViolation not found (unknown request), illegal transition (the request cannot get a link now)
     */
    public ReissuedLinkView reissue(String requestId, String engineerName) {
        Instant now = clock.instant();
        RequestSchedule current = store.find(RequestSchedule.class, requestId)
                .orElseThrow(() -> RuleViolation.notFound("There is no upgrade request " + requestId));
        Instant deadline = deadlineOf(current);
        BookingTokens.Token token = tokens.newToken();
        NewLink offer = new NewLink(RandomIds.uuid(), token.hash(), properties.bookingUrl(token.raw()), deadline,
                (int) properties.callLength().toMinutes());
        var outcome = store.apply(Target.existing(RequestSchedule.class, requestId), OnHoldGauge.tracking(request -> {
            // the deadline as of the document written (an amendment may have moved it since the first read)
            NewLink link = new NewLink(offer.linkId(), offer.tokenHash(), offer.url(), deadlineOf(request),
                    offer.callMinutes());
            return request.reissueLink(link, engineerName, now);
        }));
        RequestSchedule saved = outcome.aggregateOrThrow(
                () -> RuleViolation.notFound("There is no upgrade request " + requestId));
        metrics.reissued();
        metrics.record(outcome.result().result());
        onHold.moved(outcome.result());
        BookingLink link = saved.linkByTokenHash(token.hash()).orElseThrow();
        return new ReissuedLinkView(saved.id(), saved.ticketId(), link.linkId(), offer.url(), link.expiresAt(),
                saved.engineer(), offer.callMinutes(), engineerName);
    }

    /** The booking deadline: the (effective) upgrade start minus the lead time; null before any approval. */
    Instant deadlineOf(RequestSchedule request) {
        Instant start = request.effectiveUpgradeStart();
        return start == null ? null : start.minus(properties.bookingLeadTime());
    }

    /** The last moment a slot of this link may end: its expiry, or earlier when an amendment moved the deadline. */
    private Instant slotsUntil(RequestSchedule request, BookingLink link) {
        Instant deadline = deadlineOf(request);
        return deadline != null && deadline.isBefore(link.expiresAt()) ? deadline : link.expiresAt();
    }

    /** Applies a review decision once, then counts its effects and follows the request's hold. */
    private void applyDecision(DomainEvent decision, String requestId, int revision,
                               Function<RequestSchedule, ScheduleEffects> change) {
        // the first revision is usually the first scheduling hears of a request: insert first, no read
        var outcome = store.apply(newOrKnown(requestId, revision).causedBy(decision), OnHoldGauge.tracking(change));
        if (outcome.written()) {
            metrics.record(outcome.result().result());
            onHold.moved(outcome.result());
        }
    }

    /**
     * The request a review decision applies to, made when scheduling does not know it yet: a decision of the first
     * revision is inserted first, without a read; a later one reads first.
     */
    private static Target<RequestSchedule> newOrKnown(String requestId, int revision) {
        Target.Creation creation = revision == 1 ? Target.Creation.INSERT_FIRST : Target.Creation.READ_FIRST;
        return Target.orCreate(RequestSchedule.class, requestId, () -> new RequestSchedule(requestId), creation);
    }

    // ---- the customer (HTTP)

    /** What the booking page shows for a presented token. */
    BookingPage page(String token) {
        Optional<String> hash = tokens.hashOf(token);
        if (hash.isEmpty()) {
            return BookingPage.of(BookingPage.State.UNKNOWN);
        }
        Instant now = clock.instant();
        Optional<RequestSchedule> usable = requests.findByUsableLink(hash.get(), now);
        if (usable.isEmpty()) {
            return requests.findByLink(hash.get())
                    .flatMap(request -> request.linkByTokenHash(hash.get()))
                    .map(link -> BookingPage.of(link.status() == LinkStatus.BOOKED
                            ? BookingPage.State.USED : BookingPage.State.GONE))
                    .orElse(BookingPage.of(BookingPage.State.UNKNOWN));
        }
        RequestSchedule request = usable.get();
        BookingLink link = request.linkByTokenHash(hash.get()).orElseThrow();
        Optional<Engineer> engineer = roster.withAvailability(request.engineer());
        List<Instant> slots = engineer.map(e -> openSlots(e, now, slotsUntil(request, link), null)).orElse(List.of());
        return new BookingPage(BookingPage.State.OPEN, request.ticketId(), request.engineer(),
                (int) properties.callLength().toMinutes(), link.expiresAt(), slots,
                request.contact() == null ? null : request.contact().timeZone());
    }

    /**
     * Books the call: exactly one of any number of concurrent redemptions of a link wins (the aggregate's versioned
     * write, which also carries ReviewCallBooked and TicketOnHold); the others see the link used.
     *
     * @throws RuleViolation not found (unknown token), no longer available (used/expired/revoked), unacceptable
     *                       (slot not offered), illegal transition (slot just taken, engineer changed)
     */
    public BookedCallView redeem(String token, Instant slotStart) {
        Instant now = clock.instant();
        String hash = tokens.hashOf(token).orElseThrow(() -> refused(RuleViolation.notFound(LINK_UNAVAILABLE)));
        RequestSchedule request = requests.findByUsableLink(hash, now).orElseThrow(() -> refused(
                requests.findByLink(hash).isPresent() ? RuleViolation.noLongerAvailable(LINK_UNAVAILABLE)
                        : RuleViolation.notFound(LINK_UNAVAILABLE)));
        BookingLink link = request.linkByTokenHash(hash).orElseThrow();
        Engineer engineer = roster.withAvailability(request.engineer()).orElseThrow(() -> refused(
                RuleViolation.unacceptable("This slot is not offered by this booking link")));
        if (!openSlots(engineer, now, slotsUntil(request, link), null).contains(slotStart)) {
            // a concurrent redemption of this link may just have taken the slot: then the link is what is gone
            if (requests.findByUsableLink(hash, now).isEmpty()) {
                throw refused(RuleViolation.noLongerAvailable(LINK_UNAVAILABLE));
            }
            throw refused(RuleViolation.unacceptable("This slot is not offered by this booking link; "
                    + "pick one of the open slots on the booking page"));
        }
        BookingTokens.Token manageToken = tokens.newToken();
        NewCall newCall = new NewCall(RandomIds.uuid(), manageToken.hash(), properties.callUrl(manageToken.raw()),
                engineer.meetingUrl());
        Outcome<RequestSchedule, OnHoldGauge.Tracked<ScheduleEffects>> outcome;
        try {
            outcome = store.apply(Target.existing(RequestSchedule.class, request.id()), OnHoldGauge.tracking(r ->
                    r.book(hash, slotStart, properties.callLength(), engineer.name(), engineer.email(), newCall, now)));
        } catch (RuleViolation e) {
            throw refused(e);
        } catch (DuplicateKeyException e) {
            throw refused(RuleViolation.illegalTransition("This slot was just booked by someone else; pick another one"));
        }
        RequestSchedule booked = outcome.aggregateOrThrow(() -> refused(RuleViolation.noLongerAvailable(LINK_UNAVAILABLE)));
        metrics.booked();
        metrics.record(outcome.result().result());
        onHold.moved(outcome.result());
        var call = booked.call();
        return new BookedCallView(booked.id(), booked.ticketId(), call.engineer(), call.start(), call.end());
    }

    // ---- expiry (scheduled)

    /** Records and announces (BookingLinkExpired EXPIRED) the links that ran out unused. */
    public int expireRunOutLinks() {
        Instant now = clock.instant();
        int expired = 0;
        for (String id : requests.withLinksRunOut(now, SWEEP_BATCH)) {
            var outcome = store.apply(Target.existing(RequestSchedule.class, id),
                    OnHoldGauge.tracking(request -> request.expireLinks(now)));
            if (outcome.found()) {
                metrics.record(outcome.result().result());
                expired += outcome.result().result().linksClosed();
                onHold.moved(outcome.result());
            }
        }
        return expired;
    }

    /**
     * The engineer's open slots from now until {@code until}, around the calls booked with them (a day either side,
     * for the buffer and the daily maximum); {@code ignoring} is a call not to count (the one being moved), and its
     * own slot is not offered.
     */
    List<Instant> openSlots(Engineer engineer, Instant now, Instant until, Instant ignoring) {
        Duration length = properties.callLength();
        List<Instant> booked = new java.util.ArrayList<>(requests.bookedCallStarts(engineer.name(),
                now.minus(Duration.ofDays(1)), until.plus(Duration.ofDays(1)), length));
        if (ignoring != null) {
            booked.remove(ignoring);
        }
        List<Instant> slots = availability.openSlots(engineer, now, until, length, booked);
        return ignoring == null ? slots : slots.stream().filter(slot -> !slot.equals(ignoring)).toList();
    }

    /** The slots the engineer's availability offers at all, whatever is booked. */
    List<Instant> slotGrid(Engineer engineer, Instant now, Instant until) {
        return availability.openSlots(engineer, now, until, properties.callLength(), List.of());
    }

    private RuleViolation refused(RuleViolation problem) {
        metrics.rejected();
        return problem;
    }

    private static void requireRequestId(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            throw new PoisonEventException("The event has no request id");
        }
    }
}
