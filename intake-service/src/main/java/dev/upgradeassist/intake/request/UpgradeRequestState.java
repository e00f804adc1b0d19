package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.request.UpgradeRequest.KeyedComment;
import dev.upgradeassist.intake.request.UpgradeRequest.ReviewCall;
import dev.upgradeassist.intake.request.UpgradeRequest.Sla;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The state of an {@link UpgradeRequest} as it is stored (the field names are the document's: Spring Data maps the
 * fields, so stored documents read as before) and its reads; the subclass holds the commands that change it, with
 * {@link RequestClocks}, {@link RequestComments} and {@link DecisionLearning}. The fields are package-private for
 * those collaborators only.
 */
abstract class UpgradeRequestState extends AggregateRoot {

    @Indexed(unique = true)
    String ticketId;
    int revision;
    String priority;
    UpgradeSubmission submission;
    Organization organization;
    CustomerContact contact;
    String assignee;
    /** When {@link #assignee} was set (an assignment here, or a hand-off scheduling reported): older news is ignored. */
    Instant assigneeAt;
    /** The comments posted with an {@code Idempotency-Key}: a retry with the same key answers the first comment. */
    List<KeyedComment> keyedComments = new ArrayList<>();
    Instant receivedAt;
    Instant updatedAt;
    /** When the current revision was submitted: scheduling's events from before it belong to an older revision. */
    Instant revisionSince;
    /** Completed (an outcome of success) or declined for good: neither amendments nor outcomes any more. */
    Closure closure;
    /** Whether the upgrade is scheduled (on hold) or rollback was advised: the only times an outcome is taken. */
    boolean awaitingOutcome;
    /** The time of the latest decision about the current revision that set {@link #awaitingOutcome}. */
    Instant awaitingOutcomeDecidedAt;

    // ---- clocks (issue 18): what runs, when it is due, and which timers have fired ----
    /** Why the request was closed without an outcome ({@link Closure#CLOSED}), else null. */
    RequestClosed.Reason closedReason;
    /** The running SLA clock: {@code FIRST_RESPONSE} or {@code NEXT_RESPONSE}, or null when none runs. */
    SlaBreached.Kind slaKind;
    @Indexed
    Instant slaStartedAt;
    Instant slaDueAt;
    /** The calendar the running clock's due time was computed on ({@code 24x5}, {@code 24x7}, {@code US_GOVERNMENT}). */
    String slaCalendar;
    /** The running clock passed its due time (raised once); it still ends with the next response. */
    @Indexed
    boolean slaClockBreached;
    /** A breach was ever recorded on this request: stays true after a late response. */
    boolean slaBreached;
    /** The request waits on the customer (AWAITING_INFO: InfoMissing or ChangesRequested about the current revision). */
    boolean awaitingCustomer;
    /** The time of the latest review decision about the current revision (decisions are ordered by time). */
    Instant reviewDecidedAt;
    /** When the request entered AWAITING_INFO. */
    Instant awaitingEnteredAt;
    /** The customer's latest action (submission, amendment, comment). */
    Instant lastCustomerActionAt;
    /** max(entered AWAITING_INFO, customer's latest action): the pending reminder and auto-close count from it. */
    Instant awaitingSince;
    Instant pendingReminderAt;
    Instant pendingCloseAt;
    /** An engineer turned auto-close off for this request (default: on). */
    boolean autoCloseDisabled;
    /** The maintenance window's end while on hold with no outcome, and when its re-check is due. */
    Instant onHoldWindowEnd;
    Instant onHoldRecheckAt;
    /** The booked review call, as booked (then rescheduled, handed off), and when its reminder is due. */
    ReviewCall call;
    Instant callReminderAt;
    /**
     * When the latest call ended before it was held: cancelled (by the customer, or with a decline or a request for
     * changes). A booking or a reschedule from before it is stale and arms nothing.
     */
    Instant callEndedAt;
    /** Keys of the timers that fired (kind + the instant that makes them unique): each fires once, whatever is replayed. */
    Set<String> firedTimers = new LinkedHashSet<>();
    /** The earliest due time of a timer that has not fired: what the poller queries. */
    @Indexed
    Instant nextTimerAt;

    UpgradeRequestState() {
    }

    UpgradeRequestState(String id) {
        super(id);
    }

    // ---- read accessors

    /** The SLA as the view shows it: the running clock's due time, and whether a breach was ever recorded. */
    public Sla sla() {
        return Sla.of(slaKind, slaDueAt, slaBreached);
    }

    public boolean autoCloseEnabled() {
        return !autoCloseDisabled;
    }

    public RequestClosed.Reason closedReason() {
        return closedReason;
    }

    public Instant nextTimerAt() {
        return nextTimerAt;
    }

    public boolean awaitingCustomer() {
        return awaitingCustomer;
    }

    public Instant pendingReminderAt() {
        return pendingReminderAt;
    }

    public Instant pendingCloseAt() {
        return pendingCloseAt;
    }

    public Instant onHoldRecheckAt() {
        return onHoldRecheckAt;
    }

    public Instant callReminderAt() {
        return callReminderAt;
    }

    public ReviewCall call() {
        return call;
    }

    public String ticketId() {
        return ticketId;
    }

    public int revision() {
        return revision;
    }

    public String priority() {
        return priority;
    }

    public UpgradeSubmission submission() {
        return submission;
    }

    public Organization organization() {
        return organization;
    }

    public CustomerContact contact() {
        return contact;
    }

    public String assignee() {
        return assignee;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Closure closure() {
        return closure;
    }

    public boolean awaitingOutcome() {
        return awaitingOutcome;
    }

    Form form() {
        return submission == null ? null : submission.form();
    }

    Region region() {
        return submission == null ? null : submission.region();
    }

    /** Internal CCs: the organization's TAM, when it has one. */
    public List<String> ccs() {
        return contact != null && contact.tamEmail() != null ? List.of(contact.tamEmail()) : List.of();
    }
}
