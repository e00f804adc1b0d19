package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.RollbackAdvised;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.ids.RandomIds;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's upgrade-assistance request as intake owns it: the current submission and its
 * revision, the organization snapshot, who to contact and who is assigned. Every change raises its
 * event into the outbox in the same single-document write.
 * <p>
 * It also learns the decisions that close a request or open it to an outcome (review's final declines and requests for
 * changes, scheduling's on hold, rollback advice and completion: {@link #learn(DomainEvent)}) and who holds the ticket
 * after a hand-off, so that an amendment, an outcome or a comment is decided against this document in the same
 * conditional write that records it, never against the eventually consistent request view: of an amendment and an
 * outcome that race, one wins and the other is refused.
 */
@Document("upgrade_requests")
public class UpgradeRequest extends AggregateRoot {

    /** Both portal forms create the ticket at HIGH priority. */
    public static final String PRIORITY = "HIGH";

    @Indexed(unique = true)
    private String ticketId;
    private int revision;
    private String priority;
    private UpgradeSubmission submission;
    private Organization organization;
    private CustomerContact contact;
    private String assignee;
    /** When {@link #assignee} was set (an assignment here, or a hand-off scheduling reported): older news is ignored. */
    private Instant assigneeAt;
    /** The comments posted with an {@code Idempotency-Key}: a retry with the same key answers the first comment. */
    private List<KeyedComment> keyedComments = new ArrayList<>();
    private Instant receivedAt;
    private Instant updatedAt;
    /** When the current revision was submitted: scheduling's events from before it belong to an older revision. */
    private Instant revisionSince;
    /** Completed (an outcome of success) or declined for good: neither amendments nor outcomes any more. */
    private Closure closure;
    /** Whether the upgrade is scheduled (on hold) or rollback was advised: the only times an outcome is taken. */
    private boolean awaitingOutcome;
    /** The time of the latest decision about the current revision that set {@link #awaitingOutcome}. */
    private Instant awaitingOutcomeDecidedAt;

    // ---- clocks (issue 18): what runs, when it is due, and which timers have fired ----
    /** Why the request was closed without an outcome ({@link Closure#CLOSED}), else null. */
    private RequestClosed.Reason closedReason;
    /** The running SLA clock: {@code FIRST_RESPONSE} or {@code NEXT_RESPONSE}, or null when none runs. */
    private SlaBreached.Kind slaKind;
    @Indexed
    private Instant slaStartedAt;
    private Instant slaDueAt;
    /** The calendar the running clock's due time was computed on ({@code 24x5}, {@code 24x7}, {@code US_GOVERNMENT}). */
    private String slaCalendar;
    /** The running clock passed its due time (raised once); it still ends with the next response. */
    @Indexed
    private boolean slaClockBreached;
    /** A breach was ever recorded on this request: stays true after a late response. */
    private boolean slaBreached;
    /** The request waits on the customer (AWAITING_INFO: InfoMissing or ChangesRequested about the current revision). */
    private boolean awaitingCustomer;
    /** The time of the latest review decision about the current revision (decisions are ordered by time). */
    private Instant reviewDecidedAt;
    /** When the request entered AWAITING_INFO. */
    private Instant awaitingEnteredAt;
    /** The customer's latest action (submission, amendment, comment). */
    private Instant lastCustomerActionAt;
    /** max(entered AWAITING_INFO, customer's latest action): the pending reminder and auto-close count from it. */
    private Instant awaitingSince;
    private Instant pendingReminderAt;
    private Instant pendingCloseAt;
    /** An engineer turned auto-close off for this request (default: on). */
    private boolean autoCloseDisabled;
    /** The maintenance window's end while on hold with no outcome, and when its re-check is due. */
    private Instant onHoldWindowEnd;
    private Instant onHoldRecheckAt;
    /** The booked review call, as booked (then rescheduled, handed off), and when its reminder is due. */
    private ReviewCall call;
    private Instant callReminderAt;
    /**
     * When the latest call ended before it was held: cancelled (by the customer, or with a decline or a request for
     * changes). A booking or a reschedule from before it is stale and arms nothing.
     */
    private Instant callEndedAt;
    /** Keys of the timers that fired (kind + the instant that makes them unique): each fires once, whatever is replayed. */
    private Set<String> firedTimers = new LinkedHashSet<>();
    /** The earliest due time of a timer that has not fired: what the poller queries. */
    @Indexed
    private Instant nextTimerAt;

    /**
     * Why a request can no longer be amended. Issue 18 adds {@code CLOSED} (closed without an outcome), which refuses
     * comments as COMPLETED does: {@link #refusesComments()} is the hook {@link #comment} asks.
     */
    public enum Closure {
        COMPLETED(true),
        /** The customer may still write (to ask why, or to say they will submit anew): only amendments end. */
        DECLINED_FOR_GOOD(false),
        /**
         * Closed without an outcome ({@link #closedReason()}): no comment, no outcome; an amendment reopens a request
         * closed with {@code NO_RESPONSE}.
         */
        CLOSED(true);

        private final boolean refusesComments;

        Closure(boolean refusesComments) {
            this.refusesComments = refusesComments;
        }

        public boolean refusesComments() {
            return refusesComments;
        }
    }

    /** A command the request's state refuses (the caller answers 409). */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** An {@code Idempotency-Key} used before on this request for a different comment (the caller answers 422). */
    public static final class KeyReused extends RuntimeException {
        KeyReused() {
            super("This Idempotency-Key was already used on this request for a different comment", null, false, false);
        }
    }

    /** A comment as recorded: what {@link CommentAdded} carries about it. */
    public record Comment(String id, String author, CommentAdded.AuthorRole authorRole,
                          CommentAdded.Visibility visibility, String body, Instant at) {
    }

    /**
     * A booked review call as the reminder needs it. {@code callId} and {@code sequence} are the call's identity and
     * its invitation's {@code SEQUENCE} (null for calls booked before they were published, or stored before intake
     * learned them); {@code changedAt} the time of the latest booking or reschedule learned (null: {@code bookedAt}).
     */
    public record ReviewCall(Instant start, Instant end, String engineer, String engineerEmail, Instant bookedAt,
                             String callId, Integer sequence, Instant changedAt) {

        /** The time of the latest change learned about this call. */
        Instant lastChangedAt() {
            return changedAt != null ? changedAt : bookedAt;
        }
    }

    /** What a firing did, for the metrics: each value once per timer. */
    public enum Fired { FIRST_RESPONSE_BREACHED, NEXT_RESPONSE_BREACHED, PENDING_REMINDER, CLOSED_NO_RESPONSE,
        ON_HOLD_RECHECK, CALL_REMINDER }

    /** The outcome of {@link #fireDue}: what fired, and whether the document changed at all (then it is written). */
    public record Firing(List<Fired> fired, boolean changed) {
    }

    /** The SLA as the request view shows it. */
    public record Sla(Instant firstResponseDueAt, Instant nextResponseDueAt, boolean breached) {
    }

    private enum TimerKind { SLA, PENDING_REMINDER, PENDING_CLOSE, ON_HOLD_RECHECK, CALL_REMINDER }

    private record Timer(TimerKind kind, Instant dueAt, String key) {
    }

    /** The comment a command answers with; {@code recorded} false when it is an idempotent retry's earlier one. */
    public record Commented(Comment comment, boolean recorded) {
    }

    /** A comment posted with an idempotency key: the key, a hash of what was posted, and the comment (no body). */
    record KeyedComment(String key, String hash, String commentId, String author, CommentAdded.AuthorRole authorRole,
                        CommentAdded.Visibility visibility, Instant at) {
    }

    @PersistenceCreator
    UpgradeRequest() {
    }

    private UpgradeRequest(String id) {
        super(id);
    }

    /** As {@link #receive(String, String, UpgradeSubmission, Organization, ClockPolicy, Clock)} with the default clocks. */
    static UpgradeRequest receive(String id, String ticketId, UpgradeSubmission submission,
                                  Organization organization, Clock clock) {
        return receive(id, ticketId, submission, organization, ClockPolicy.DEFAULTS, clock);
    }

    /** A new request, revision 1; raises {@link RequestReceived}; its first-response clock starts. */
    public static UpgradeRequest receive(String id, String ticketId, UpgradeSubmission submission,
                                         Organization organization, ClockPolicy clocks, Clock clock) {
        UpgradeRequest request = new UpgradeRequest(id);
        Instant now = clock.instant();
        request.ticketId = ticketId;
        request.revision = 1;
        request.priority = PRIORITY;
        request.submission = submission;
        request.organization = organization;
        request.contact = contactFor(ticketId, submission, organization);
        request.receivedAt = now;
        request.updatedAt = now;
        request.revisionSince = now;
        request.lastCustomerActionAt = now;
        request.startSla(SlaBreached.Kind.FIRST_RESPONSE, now, clocks);
        request.rearm();
        request.raise(new RequestReceived(RandomIds.uuid(), now, id, ticketId, request.revision,
                request.priority, submission, organization, request.contact));
        return request;
    }

    /** As {@link #amend(UpgradeSubmission, Organization, ClockPolicy, Clock)} with the default clocks. */
    void amend(UpgradeSubmission newSubmission, Organization newOrganization, Clock clock) {
        amend(newSubmission, newOrganization, ClockPolicy.DEFAULTS, clock);
    }

    /**
     * The customer replaced the submission: a new revision, reviewed again; raises {@link RequestAmended}. It ends the
     * wait on the customer and starts the next-response clock (unless a clock runs); a request closed for
     * {@code NO_RESPONSE} is reopened by it.
     *
     * @throws Refused when the request is completed, declined for good or closed by an engineer
     */
    public void amend(UpgradeSubmission newSubmission, Organization newOrganization, ClockPolicy clocks, Clock clock) {
        if (closure == Closure.CLOSED && closedReason != RequestClosed.Reason.NO_RESPONSE) {
            throw new Refused("The request was closed by an engineer and can no longer be amended; submit a new request");
        }
        if (closure == Closure.COMPLETED) {
            throw new Refused("The request is completed and can no longer be amended; submit a new request");
        }
        if (closure == Closure.DECLINED_FOR_GOOD) {
            throw new Refused("The request was declined for good (not entitled or out of scope) and can no longer "
                    + "be amended; submit a new request");
        }
        Instant now = clock.instant();
        if (closure == Closure.CLOSED) {
            closure = null; // NO_RESPONSE: the customer answered after all
            closedReason = null;
        }
        revisionSince = now;
        awaitingOutcome = false;
        awaitingOutcomeDecidedAt = null;
        revision++;
        submission = newSubmission;
        organization = newOrganization;
        contact = contactFor(ticketId, newSubmission, newOrganization);
        updatedAt = now;
        lastCustomerActionAt = now;
        reviewDecidedAt = null;
        stopWaitingOnCustomer();
        cancelOnHoldRecheck(); // no outcome is taken until the amended revision is scheduled again
        if (slaKind == null) {
            startSla(SlaBreached.Kind.NEXT_RESPONSE, now, clocks);
        }
        rearm();
        raise(new RequestAmended(RandomIds.uuid(), now, id, ticketId, revision, priority,
                newSubmission, newOrganization, contact));
    }

    /**
     * The triaging engineer takes the ticket; the TAM (if any) is CC'd. Assigning the engineer who
     * already has it changes nothing and raises nothing.
     *
     * @return true when the assignee changed
     */
    public boolean assign(String engineer, String actor, Clock clock) {
        if (engineer.equals(assignee)) {
            return false;
        }
        Instant now = clock.instant();
        assignee = engineer;
        assigneeAt = now;
        updatedAt = now;
        raise(new EngineerAssigned(RandomIds.uuid(), now, id, ticketId, engineer, ccs(), actor));
        return true;
    }

    /**
     * The customer reports how the upgrade went; raises {@link UpgradeOutcomeReported}. Success completes the request
     * (scheduling completes it on this event): nothing can be amended or reported after it.
     *
     * @throws Refused unless the upgrade is scheduled (on hold) or rollback was advised
     */
    public void reportOutcome(OutcomeResult result, String details, Clock clock) {
        if (closure != null || !awaitingOutcome) {
            throw new Refused("An outcome can be reported only while the upgrade is scheduled (ON_HOLD) or rollback "
                    + "was advised (ROLLBACK_ADVISED)" + (closure == Closure.COMPLETED ? "; the request is completed" : ""));
        }
        Instant now = clock.instant();
        updatedAt = now;
        if (result == OutcomeResult.SUCCEEDED) {
            closure = Closure.COMPLETED;
            awaitingOutcome = false;
            endAllClocks();
        }
        lastCustomerActionAt = now;
        cancelOnHoldRecheck(); // an outcome is what the re-check would have asked for
        rearm();
        raise(new UpgradeOutcomeReported(RandomIds.uuid(), now, id, ticketId, result, details));
    }

    /**
     * A comment on the request; raises {@link CommentAdded} with the request's ticket, form, region, contact and the
     * current assignee (as this request knows it: its own assignments and scheduling's hand-offs). With an
     * idempotency key, a retry of the same comment (same author, role, visibility and body) returns the first one
     * and changes nothing ({@link Commented#recorded()} false).
     *
     * @param idempotencyKey null, or the caller's key for this comment
     * @param hash           a hash of what was posted (author, role, visibility, body); only with a key
     * @throws Refused    when the request is completed (and, with issue 18, closed)
     * @throws KeyReused  when the key was used for a different comment
     */
    Commented comment(String author, CommentAdded.AuthorRole authorRole, CommentAdded.Visibility visibility,
                      String body, String idempotencyKey, String hash, Clock clock) {
        return comment(author, authorRole, visibility, body, idempotencyKey, hash, ClockPolicy.DEFAULTS, clock);
    }

    /**
     * As above; an engineer's PUBLIC comment is a response (it ends the running SLA clock); a customer's comment starts
     * the next-response clock unless one runs or the request waits on the customer (AWAITING_INFO, when no SLA time
     * runs), and restarts the pending reminder's and auto-close's count.
     */
    public Commented comment(String author, CommentAdded.AuthorRole authorRole, CommentAdded.Visibility visibility,
                             String body, String idempotencyKey, String hash, ClockPolicy clocks, Clock clock) {
        Optional<Comment> earlier = keyed(idempotencyKey, hash, body);
        if (earlier.isPresent()) {
            return new Commented(earlier.get(), false);
        }
        if (closure != null && closure.refusesComments()) {
            throw new Refused(closure == Closure.COMPLETED
                    ? "The request is completed and takes no more comments; submit a new request"
                    : "The request is closed and takes no more comments");
        }
        // to the millisecond, as stored: a retry's answer (read back) and the view show the same time
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Comment comment = new Comment(RandomIds.uuid(), author, authorRole, visibility, body, now);
        if (idempotencyKey != null) {
            keyedComments = keyedComments == null ? new ArrayList<>() : keyedComments;
            keyedComments.add(new KeyedComment(idempotencyKey, hash, comment.id(), author, authorRole, visibility, now));
        }
        updatedAt = now;
        if (authorRole == CommentAdded.AuthorRole.CUSTOMER) {
            lastCustomerActionAt = now;
            if (awaitingCustomer) {
                schedulePending(clocks);
            } else if (slaKind == null && closure != Closure.COMPLETED) {
                startSla(SlaBreached.Kind.NEXT_RESPONSE, now, clocks);
            }
        } else if (visibility == CommentAdded.Visibility.PUBLIC) {
            responded(now);
        }
        rearm();
        raise(new CommentAdded(RandomIds.uuid(), now, id, comment.id(), author, authorRole, visibility, body, ticketId,
                submission == null ? null : submission.form(), submission == null ? null : submission.region(),
                assignee, contact));
        return new Commented(comment, true);
    }

    /** The comment an idempotency key was used for, when it was; {@link KeyReused} when for a different one. */
    private Optional<Comment> keyed(String idempotencyKey, String hash, String body) {
        if (idempotencyKey == null || keyedComments == null) {
            return Optional.empty();
        }
        for (KeyedComment keyed : keyedComments) {
            if (keyed.key().equals(idempotencyKey)) {
                if (!keyed.hash().equals(hash)) {
                    throw new KeyReused();
                }
                return Optional.of(new Comment(keyed.commentId(), keyed.author(), keyed.authorRole(),
                        keyed.visibility(), body, keyed.at()));
            }
        }
        return Optional.empty();
    }

    /**
     * Learns another service's decision about this request (the caller records the event id with it, once): a final
     * decline or a completion closes it; on hold and rollback advice open it to an outcome; a decline for now of the
     * current revision closes it to outcomes. A decision about an older revision changes nothing.
     */
    void learn(DomainEvent event) {
        learn(event, ClockPolicy.DEFAULTS);
    }

    /**
     * As above, and what the event means for the clocks: review's decisions about the current revision are responses
     * (but {@link PlanAwaitingApproval}), InfoMissing and ChangesRequested make the request wait on the customer, a
     * booked call arms its reminder (a hand-off moves it to the new engineer, a reschedule to the new start, a cancel
     * drops it), on hold arms the re-check, a link an engineer re-issued takes the request off hold (no re-check, no
     * outcome) until the next on hold.
     */
    public void learn(DomainEvent event, ClockPolicy clocks) {
        learnOnce(event);
        if (closure != Closure.COMPLETED && closure != Closure.CLOSED) {
            learnClocks(event, clocks);
        } else {
            endAllClocks();
        }
        rearm();
    }

    private void learnOnce(DomainEvent event) {
        if (event instanceof EngineerHandedOff e) {
            learnAssignee(e.toEngineer(), e.occurredAt());
        } else if (event instanceof TicketOnHold e) {
            learnAssignee(e.assignee(), e.occurredAt());
        } else if (event instanceof RollbackAdvised e) {
            learnAssignee(e.assignee(), e.occurredAt());
        }
        if (closure != null) {
            return;
        }
        if (event instanceof RequestCompleted) {
            closure = Closure.COMPLETED;
            awaitingOutcome = false;
            endAllClocks();
        } else if (event instanceof RequestDeclined e) {
            if (e.revision() >= revision && e.reason() != null && e.reason().closesRequest()) {
                closure = Closure.DECLINED_FOR_GOOD;
                awaitingOutcome = false;
            } else if (e.revision() >= revision) {
                decided(false, e.occurredAt());
            }
        } else if (event instanceof ChangesRequested e) {
            // the customer is asked to amend: no outcome until the amended revision is scheduled again
            if (e.revision() >= revision) {
                decided(false, e.occurredAt());
            }
        } else if (event instanceof TicketOnHold || event instanceof RollbackAdvised) {
            // scheduling's events carry no revision: they belong to the current one unless they predate it
            if (revisionSince == null || !event.occurredAt().isBefore(revisionSince)) {
                decided(true, event.occurredAt());
            }
        } else if (event instanceof BookingLinkIssued e && isReissue(e)) {
            // an engineer issued a new link (allowed while the link is out or on hold): the request waits for its call
            // again, not for an outcome, until scheduling puts it on hold once more (booked, or the link ran out)
            if (revisionSince == null || !event.occurredAt().isBefore(revisionSince)) {
                decided(false, event.occurredAt());
            }
        }
    }

    /** A link an engineer issued again ({@code reissuedBy}), not the one issued on approval. */
    private static boolean isReissue(BookingLinkIssued event) {
        return event.reissuedBy() != null && !event.reissuedBy().isBlank();
    }

    /** Whether {@link #learn(DomainEvent)} takes anything from this event: other events need no write. */
    public static boolean learnsFrom(DomainEvent event) {
        return event instanceof RequestDeclined || event instanceof TicketOnHold || event instanceof RollbackAdvised
                || event instanceof RequestCompleted || event instanceof ChangesRequested
                || event instanceof EngineerHandedOff || event instanceof InfoMissing || event instanceof PlanApproved
                || event instanceof PlanAwaitingApproval || event instanceof ReviewCallBooked
                || event instanceof ReviewCallRescheduled || event instanceof ReviewCallCancelled
                || event instanceof BookingLinkIssued e && isReissue(e);
    }

    // ------------------------------------------------------------------------------------------------ clocks

    /**
     * An engineer closes the request without an outcome ({@code ENGINEER_CLOSED}); raises {@link RequestClosed} with the
     * engineer as actor. Every clock stops.
     *
     * @throws Refused when the request is completed or already closed
     */
    public void close(String actor, Clock clock) {
        if (closure == Closure.COMPLETED) {
            throw new Refused("The request is completed; there is nothing to close");
        }
        if (closure == Closure.CLOSED) {
            throw new Refused("The request is already closed (" + closedReason + ")");
        }
        closeNow(RequestClosed.Reason.ENGINEER_CLOSED, actor, clock.instant());
        rearm();
    }

    /**
     * Turns auto-close on or off for this request (the pending reminder still goes when it is off, saying no close
     * follows).
     *
     * @return true when the setting changed
     */
    public boolean autoClose(boolean enabled) {
        if (autoCloseDisabled == !enabled) {
            return false;
        }
        autoCloseDisabled = !enabled;
        rearm();
        return true;
    }

    /**
     * Fires every timer due at {@code now} that has not fired, earliest first, through this document's outbox: a
     * breached SLA clock ({@link SlaBreached}; the clock keeps running until the next response), the pending reminder
     * ({@link PendingReminderDue}), the auto-close ({@link RequestClosed} {@code NO_RESPONSE} by {@code system}), the
     * on-hold re-check ({@link OnHoldRecheckDue}) and the call reminder ({@link CallReminderDue}; only before the call
     * starts). Each timer's key is recorded with its effect, so it fires once whoever polls and whatever is replayed.
     */
    public Firing fireDue(Instant now) {
        Instant before = nextTimerAt;
        List<Fired> fired = new ArrayList<>();
        boolean changed = false;
        for (Optional<Timer> due = nextDue(now); due.isPresent(); due = nextDue(now)) {
            Timer timer = due.get();
            if (firedTimers == null) {
                firedTimers = new LinkedHashSet<>();
            }
            firedTimers.add(timer.key());
            changed = true;
            switch (timer.kind()) {
                case SLA -> {
                    slaClockBreached = true;
                    slaBreached = true;
                    raise(new SlaBreached(RandomIds.uuid(), now, id, ticketId, slaKind, slaStartedAt, slaDueAt,
                            slaCalendar, form(), region(), assignee, contact));
                    fired.add(slaKind == SlaBreached.Kind.FIRST_RESPONSE
                            ? Fired.FIRST_RESPONSE_BREACHED : Fired.NEXT_RESPONSE_BREACHED);
                }
                case PENDING_REMINDER -> {
                    raise(new PendingReminderDue(RandomIds.uuid(), now, id, ticketId, awaitingSince,
                            autoCloseDisabled ? null : pendingCloseAt, form(), region(), assignee, contact));
                    fired.add(Fired.PENDING_REMINDER);
                }
                case PENDING_CLOSE -> {
                    closeNow(RequestClosed.Reason.NO_RESPONSE, "system", now);
                    fired.add(Fired.CLOSED_NO_RESPONSE);
                }
                case ON_HOLD_RECHECK -> {
                    raise(new OnHoldRecheckDue(RandomIds.uuid(), now, id, ticketId, onHoldWindowEnd, form(), region(),
                            assignee, contact));
                    fired.add(Fired.ON_HOLD_RECHECK);
                }
                case CALL_REMINDER -> {
                    if (now.isBefore(call.start())) { // a reminder after the call began is no use: recorded, not sent
                        raise(new CallReminderDue(RandomIds.uuid(), now, id, ticketId, call.start(), call.end(),
                                call.engineer(), call.engineerEmail(), form(), contact));
                        fired.add(Fired.CALL_REMINDER);
                    }
                }
            }
        }
        if (changed) {
            updatedAt = now;
        }
        rearm();
        return new Firing(List.copyOf(fired), changed || !java.util.Objects.equals(before, nextTimerAt));
    }

    private Optional<Timer> nextDue(Instant now) {
        return timers().stream()
                .filter(timer -> !timer.dueAt().isAfter(now))
                .filter(timer -> firedTimers == null || !firedTimers.contains(timer.key()))
                .min(Comparator.comparing(Timer::dueAt));
    }

    /** The timers armed now (fired ones included; {@link #rearm()} and {@link #nextDue} leave those out). */
    private List<Timer> timers() {
        List<Timer> timers = new ArrayList<>();
        if (slaKind != null && slaDueAt != null && !slaClockBreached) {
            timers.add(new Timer(TimerKind.SLA, slaDueAt, "sla:" + slaKind + ":" + slaStartedAt));
        }
        if (closure == Closure.COMPLETED || closure == Closure.CLOSED) {
            return timers;
        }
        if (awaitingCustomer && pendingReminderAt != null) {
            timers.add(new Timer(TimerKind.PENDING_REMINDER, pendingReminderAt, "pending-reminder:" + pendingReminderAt));
        }
        if (awaitingCustomer && pendingCloseAt != null && !autoCloseDisabled) {
            timers.add(new Timer(TimerKind.PENDING_CLOSE, pendingCloseAt, "pending-close:" + pendingCloseAt));
        }
        if (onHoldRecheckAt != null) {
            timers.add(new Timer(TimerKind.ON_HOLD_RECHECK, onHoldRecheckAt, "on-hold-recheck:" + onHoldWindowEnd));
        }
        if (call != null && callReminderAt != null) {
            timers.add(new Timer(TimerKind.CALL_REMINDER, callReminderAt, "call-reminder:" + call.start()));
        }
        return timers;
    }

    /** Sets {@link #nextTimerAt}: the earliest due time of a timer that has not fired, or null. */
    private void rearm() {
        nextTimerAt = timers().stream()
                .filter(timer -> firedTimers == null || !firedTimers.contains(timer.key()))
                .map(Timer::dueAt)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    private void learnClocks(DomainEvent event, ClockPolicy clocks) {
        Instant at = event.occurredAt();
        if (event instanceof InfoMissing e && e.revision() >= revision) {
            responded(at);
            reviewDecided(true, at, clocks);
        } else if (event instanceof ChangesRequested e && e.revision() >= revision) {
            responded(at);
            reviewDecided(true, at, clocks);
            cancelCallBookedBefore(at);
            cancelOnHoldRecheck();
        } else if (event instanceof PlanApproved e && e.revision() >= revision) {
            responded(at); // automatic (mode AUTOMATIC) or the engineer's (mode ENGINEER)
            reviewDecided(false, at, clocks);
        } else if (event instanceof RequestDeclined e && e.revision() >= revision) {
            responded(at);
            reviewDecided(false, at, clocks);
            cancelCallBookedBefore(at);
            cancelOnHoldRecheck();
        } else if (event instanceof PlanAwaitingApproval e && e.revision() >= revision) {
            reviewDecided(false, at, clocks); // not a response: an IN_REVIEW request is answered only by an engineer
        } else if (event instanceof TicketOnHold e) {
            if ((revisionSince == null || !at.isBefore(revisionSince)) && e.upgradeStart() != null && awaitingOutcome) {
                onHoldWindowEnd = e.upgradeStart().plus(Duration.ofMinutes(Math.max(0, e.windowDurationMinutes())));
                onHoldRecheckAt = onHoldWindowEnd.plus(clocks.onHoldRecheck());
            }
        } else if (event instanceof RollbackAdvised) {
            cancelOnHoldRecheck(); // an outcome (problems) was reported
        } else if (event instanceof BookingLinkIssued e && isReissue(e)) {
            if (!awaitingOutcome) { // the re-issue is the latest decision (a later on hold would have re-armed it)
                cancelOnHoldRecheck();
            }
        } else if (event instanceof ReviewCallBooked e) {
            if (e.start() != null && !callEventIsStale(e.callId(), e.sequence(), at)
                    && (call == null || call.bookedAt() == null || !at.isBefore(call.bookedAt()))) {
                call = new ReviewCall(e.start(), e.end(), e.engineer(), e.engineerEmail(), at, e.callId(),
                        e.sequence(), at);
                callReminderAt = e.start().minus(clocks.callReminder());
            }
        } else if (event instanceof ReviewCallRescheduled e) {
            // the reminder moves to the new start: its key is the start, so one fired for the old start blocks nothing
            if (e.start() != null && !callEventIsStale(e.callId(), e.sequence(), at)) {
                boolean named = e.engineer() != null && !e.engineer().isBlank();
                String engineer = named ? e.engineer() : call == null ? null : call.engineer();
                String engineerEmail = named ? e.engineerEmail() : call == null ? null : call.engineerEmail();
                Instant end = e.end() != null ? e.end()
                        : call == null || call.end() == null ? null
                        : e.start().plus(Duration.between(call.start(), call.end()));
                call = new ReviewCall(e.start(), end, engineer, engineerEmail, call == null ? at : call.bookedAt(),
                        e.callId() != null ? e.callId() : call == null ? null : call.callId(), e.sequence(), at);
                callReminderAt = e.start().minus(clocks.callReminder());
            }
        } else if (event instanceof ReviewCallCancelled e) {
            if (!callEventIsStale(e.callId(), e.sequence(), at)) {
                call = null;
                callReminderAt = null;
                callEnded(at);
            }
        } else if (event instanceof EngineerHandedOff e) {
            if (call != null && e.toEngineer() != null && !e.toEngineer().isBlank()) {
                call = new ReviewCall(call.start(), call.end(), e.toEngineer(), e.toEngineerEmail(), call.bookedAt(),
                        call.callId(), call.sequence(), call.changedAt());
            }
        }
    }

    /**
     * Whether a booking, reschedule or cancellation is older than what this request knows of its call: from before the
     * latest call ended (cancelled), an earlier {@code sequence} of the same call (the same fact again under another
     * event id included), or, for another call or without ids, from before the known call's latest change.
     */
    private boolean callEventIsStale(String callId, int sequence, Instant at) {
        if (callEndedAt != null && at.isBefore(callEndedAt)) {
            return true;
        }
        if (call == null) {
            return false;
        }
        if (callId != null && callId.equals(call.callId()) && call.sequence() != null) {
            return sequence <= call.sequence();
        }
        Instant known = call.lastChangedAt();
        return known != null && at.isBefore(known);
    }

    private void callEnded(Instant at) {
        if (at != null && (callEndedAt == null || at.isAfter(callEndedAt))) {
            callEndedAt = at;
        }
    }

    /** A review decision about the current revision, ordered by time: waiting on the customer or not. */
    private void reviewDecided(boolean waitsOnCustomer, Instant at, ClockPolicy clocks) {
        if (reviewDecidedAt != null && at.isBefore(reviewDecidedAt)) {
            return;
        }
        reviewDecidedAt = at;
        if (waitsOnCustomer) {
            awaitingCustomer = true;
            awaitingEnteredAt = at;
            schedulePending(clocks);
        } else {
            stopWaitingOnCustomer();
        }
    }

    /** The pending reminder and auto-close count from entering AWAITING_INFO or the customer's last action, whichever is later. */
    private void schedulePending(ClockPolicy clocks) {
        awaitingSince = lastCustomerActionAt != null && lastCustomerActionAt.isAfter(awaitingEnteredAt)
                ? lastCustomerActionAt : awaitingEnteredAt;
        pendingReminderAt = awaitingSince.plus(clocks.pendingReminder());
        pendingCloseAt = awaitingSince.plus(clocks.pendingClose());
    }

    private void stopWaitingOnCustomer() {
        awaitingCustomer = false;
        awaitingEnteredAt = null;
        awaitingSince = null;
        pendingReminderAt = null;
        pendingCloseAt = null;
    }

    private void startSla(SlaBreached.Kind kind, Instant at, ClockPolicy clocks) {
        BusinessCalendar calendar = clocks.calendarFor(form());
        slaKind = kind;
        slaStartedAt = at;
        slaDueAt = calendar.plus(at, kind == SlaBreached.Kind.FIRST_RESPONSE ? clocks.firstResponse() : clocks.nextResponse());
        slaCalendar = calendar.name();
        slaClockBreached = false;
    }

    /** A response from Support at {@code at} ends the running clock it answers (one started before it). */
    private void responded(Instant at) {
        if (slaKind != null && (at == null || slaStartedAt == null || !at.isBefore(slaStartedAt))) {
            endSla();
        }
    }

    private void endSla() {
        slaKind = null;
        slaStartedAt = null;
        slaDueAt = null;
        slaCalendar = null;
        slaClockBreached = false;
    }

    private void cancelOnHoldRecheck() {
        onHoldWindowEnd = null;
        onHoldRecheckAt = null;
    }

    /**
     * A decline or a request for changes at {@code at}: scheduling cancels any call booked before it that is still to
     * come (its {@code ReviewCallCancelled} follows), so a booking from before it that is learned later arms nothing.
     */
    private void cancelCallBookedBefore(Instant at) {
        if (call != null && (call.bookedAt() == null || at == null || !at.isBefore(call.bookedAt()))) {
            call = null;
            callReminderAt = null;
        }
        if (call == null) {
            callEnded(at);
        }
    }

    private void endAllClocks() {
        endSla();
        stopWaitingOnCustomer();
        cancelOnHoldRecheck();
        call = null;
        callReminderAt = null;
    }

    private void closeNow(RequestClosed.Reason reason, String actor, Instant now) {
        closure = Closure.CLOSED;
        closedReason = reason;
        awaitingOutcome = false;
        endAllClocks();
        updatedAt = now;
        raise(new RequestClosed(RandomIds.uuid(), now, id, ticketId, revision, reason, actor, form(), region(),
                assignee, contact));
    }

    private dev.upgradeassist.contracts.model.Form form() {
        return submission == null ? null : submission.form();
    }

    private dev.upgradeassist.contracts.model.Region region() {
        return submission == null ? null : submission.region();
    }

    /** The SLA as the view shows it: the running clock's due time, and whether a breach was ever recorded. */
    public Sla sla() {
        return new Sla(slaKind == SlaBreached.Kind.FIRST_RESPONSE ? slaDueAt : null,
                slaKind == SlaBreached.Kind.NEXT_RESPONSE ? slaDueAt : null, slaBreached);
    }

    public boolean isAutoClose() {
        return !autoCloseDisabled;
    }

    public RequestClosed.Reason getClosedReason() {
        return closedReason;
    }

    public Instant getNextTimerAt() {
        return nextTimerAt;
    }

    public boolean isAwaitingCustomer() {
        return awaitingCustomer;
    }

    public Instant getPendingReminderAt() {
        return pendingReminderAt;
    }

    public Instant getPendingCloseAt() {
        return pendingCloseAt;
    }

    public Instant getOnHoldRecheckAt() {
        return onHoldRecheckAt;
    }

    public Instant getCallReminderAt() {
        return callReminderAt;
    }

    public ReviewCall getCall() {
        return call;
    }


    /** Scheduling reports who holds the ticket now; an older report than the assignee known changes nothing. */
    private void learnAssignee(String engineer, Instant at) {
        if (engineer != null && !engineer.isBlank()
                && (assigneeAt == null || at == null || !at.isBefore(assigneeAt))) {
            assignee = engineer;
            assigneeAt = at == null ? assigneeAt : at;
        }
    }

    /** The latest decision (by its time) about the current revision says whether an outcome is awaited. */
    private void decided(boolean awaiting, Instant at) {
        if (awaitingOutcomeDecidedAt == null || at == null || !at.isBefore(awaitingOutcomeDecidedAt)) {
            awaitingOutcome = awaiting;
            awaitingOutcomeDecidedAt = at;
        }
    }

    /** Internal CCs: the organization's TAM, when it has one. */
    public List<String> ccs() {
        return contact != null && contact.tamEmail() != null ? List.of(contact.tamEmail()) : List.of();
    }

    private static CustomerContact contactFor(String ticketId, UpgradeSubmission submission, Organization organization) {
        String tamEmail = organization.tam() == null ? null : organization.tam().email();
        MaintenanceWindow window = submission.maintenanceWindow();
        return new CustomerContact(ticketId,
                submission.requester() == null ? null : submission.requester().name(),
                submission.requester() == null ? null : submission.requester().email(),
                submission.contactEmail(), tamEmail, window == null ? null : window.timeZone());
    }

    public String getTicketId() {
        return ticketId;
    }

    public int getRevision() {
        return revision;
    }

    public String getPriority() {
        return priority;
    }

    public UpgradeSubmission getSubmission() {
        return submission;
    }

    public Organization getOrganization() {
        return organization;
    }

    public CustomerContact getContact() {
        return contact;
    }

    public String getAssignee() {
        return assignee;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Closure getClosure() {
        return closure;
    }

    public boolean isAwaitingOutcome() {
        return awaitingOutcome;
    }
}
