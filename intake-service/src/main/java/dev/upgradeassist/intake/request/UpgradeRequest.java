package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.ids.RandomIds;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
 * <p>
 * The aggregate is split by job: this class holds the customers' and engineers' commands; the stored state (the
 * document's field names) and its reads are {@link UpgradeRequestState}; which command a {@link Closure} still allows
 * is {@link RequestTransitions}' table; the clocks (SLA, reminders, auto-close, their timers) are
 * {@link RequestClocks}; the comments are {@link RequestComments}; what other services' events teach it is
 * {@link DecisionLearning}.
 */
@Document("upgrade_requests")
public class UpgradeRequest extends UpgradeRequestState {

    /** Both portal forms create the ticket at HIGH priority. */
    public static final String PRIORITY = "HIGH";

    /**
     * The stored fields that {@link #learn(DomainEvent, ClockPolicy)} never changes: what the customer submitted and
     * who they are, the ticket, the comments. Learning writes every other field ({@link #LEARNED_FIELDS}) and leaves
     * these as stored, so the large submission is not sent again for every decision. A field added later is written
     * by learning until it is named here.
     */
    static final Set<String> NEVER_LEARNED = Set.of("ticketId", "revision", "priority", "submission", "organization",
            "contact", "keyedComments", "receivedAt");

    /**
     * What a learned decision writes: every stored field of the request but {@link #NEVER_LEARNED} (the platform's
     * id, version, outbox and applied event ids are written by the store itself). {@code DecisionWriteIT} compares
     * what this leaves stored with a whole write, for each event learned.
     */
    public static final List<String> LEARNED_FIELDS = Arrays.stream(UpgradeRequestState.class.getDeclaredFields())
            .filter(field -> !Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers()))
            .map(Field::getName)
            .filter(name -> !NEVER_LEARNED.contains(name))
            .toList();

    /**
     * What learning never looks at, so a read for it may leave it out (property paths): of {@link #NEVER_LEARNED},
     * all but the ticket, the revision and the contact, which its events carry, and the submission's form and
     * region, which its events carry too. {@code PolledBatchReads} reads the requests of a polled batch of decisions
     * without these; {@code DecisionWriteIT} learns every kind of event from such a read and compares what is
     * stored with what a whole read and write store.
     */
    public static final List<String> UNREAD_BY_LEARNING = unreadByLearning();

    private static List<String> unreadByLearning() {
        List<String> unread = new java.util.ArrayList<>(List.of("priority", "organization", "keyedComments",
                "receivedAt"));
        for (var component : UpgradeSubmission.class.getRecordComponents()) {
            if (!Set.of("form", "region").contains(component.getName())) {
                unread.add("submission." + component.getName());
            }
        }
        return List.copyOf(unread);
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

    /** The SLA as the request view shows it. */
    public record Sla(Instant firstResponseDueAt, Instant nextResponseDueAt, boolean breached) {

        /** As stored: the running clock's kind (null: none runs), its due time, and whether a breach was ever recorded. */
        static Sla of(SlaBreached.Kind running, Instant dueAt, boolean breached) {
            return new Sla(running == SlaBreached.Kind.FIRST_RESPONSE ? dueAt : null,
                    running == SlaBreached.Kind.NEXT_RESPONSE ? dueAt : null, breached);
        }
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
        RequestClocks.startSla(request, SlaBreached.Kind.FIRST_RESPONSE, now, clocks);
        RequestClocks.rearm(request);
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
     * @throws RuleViolation (an illegal transition) when the request is completed, declined for good or closed by an
     *                       engineer
     */
    public void amend(UpgradeSubmission newSubmission, Organization newOrganization, ClockPolicy clocks, Clock clock) {
        RequestTransitions.require(this, RequestCommand.AMEND);
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
        RequestClocks.stopWaitingOnCustomer(this);
        RequestClocks.cancelOnHoldRecheck(this); // no outcome is taken until the amended revision is scheduled again
        if (slaKind == null) {
            RequestClocks.startSla(this, SlaBreached.Kind.NEXT_RESPONSE, now, clocks);
        }
        RequestClocks.rearm(this);
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
     * @throws RuleViolation (an illegal transition) unless the upgrade is scheduled (on hold) or rollback was advised
     */
    public void reportOutcome(OutcomeResult result, String details, Clock clock) {
        RequestTransitions.require(this, RequestCommand.REPORT_OUTCOME);
        Instant now = clock.instant();
        updatedAt = now;
        if (result == OutcomeResult.SUCCEEDED) {
            closure = Closure.COMPLETED;
            awaitingOutcome = false;
            RequestClocks.endAllClocks(this);
        }
        lastCustomerActionAt = now;
        RequestClocks.cancelOnHoldRecheck(this); // an outcome is what the re-check would have asked for
        RequestClocks.rearm(this);
        raise(new UpgradeOutcomeReported(RandomIds.uuid(), now, id, ticketId, result, details));
    }

    /** As below, with the default clocks. */
    Commented comment(String author, CommentAdded.AuthorRole authorRole, CommentAdded.Visibility visibility,
                      String body, String idempotencyKey, String hash, Clock clock) {
        return comment(author, authorRole, visibility, body, idempotencyKey, hash, ClockPolicy.DEFAULTS, clock);
    }

    /**
     * A comment on the request; raises {@link CommentAdded} with the request's ticket, form, region, contact and the
     * current assignee (as this request knows it: its own assignments and scheduling's hand-offs). With an
     * idempotency key, a retry of the same comment (same author, role, visibility and body) returns the first one
     * and changes nothing ({@link Commented#recorded()} false). An engineer's PUBLIC comment is a response (it ends the
     * running SLA clock); a customer's comment starts the next-response clock unless one runs or the request waits on
     * the customer (AWAITING_INFO, when no SLA time runs), and restarts the pending reminder's and auto-close's count.
     *
     * @param idempotencyKey null, or the caller's key for this comment
     * @param hash           a hash of what was posted (author, role, visibility, body); only with a key
     * @throws RuleViolation an illegal transition when the request is completed or closed; unacceptable when the key
     *                       was used for a different comment
     */
    public Commented comment(String author, CommentAdded.AuthorRole authorRole, CommentAdded.Visibility visibility,
                             String body, String idempotencyKey, String hash, ClockPolicy clocks, Clock clock) {
        return RequestComments.comment(this, author, authorRole, visibility, body, idempotencyKey, hash, clocks, clock);
    }

    /** As below, with the default clocks. */
    void learn(DomainEvent event) {
        learn(event, ClockPolicy.DEFAULTS);
    }

    /**
     * Learns another service's decision about this request (the caller records the event id with it, once): a final
     * decline or a completion closes it; on hold and rollback advice open it to an outcome; a decline for now of the
     * current revision closes it to outcomes. A decision about an older revision changes nothing. And what the event
     * means for the clocks: review's decisions about the current revision are responses (but
     * {@link PlanAwaitingApproval}), InfoMissing and ChangesRequested make the request wait on the customer, a booked
     * call arms its reminder (a hand-off moves it to the new engineer, a reschedule to the new start, a cancel drops
     * it), on hold arms the re-check, a link an engineer re-issued takes the request off hold (no re-check, no
     * outcome) until the next on hold. Events are never refused: a stale or repeated one changes nothing.
     */
    public void learn(DomainEvent event, ClockPolicy clocks) {
        DecisionLearning.learnOnce(this, event);
        if (closure != Closure.COMPLETED && closure != Closure.CLOSED) {
            RequestClocks.learnClocks(this, event, clocks);
        } else {
            RequestClocks.endAllClocks(this);
        }
        RequestClocks.rearm(this);
    }

    /** Whether {@link #learn(DomainEvent)} takes anything from this event: other events need no write. */
    public static boolean learnsFrom(DomainEvent event) {
        return DecisionLearning.learnsFrom(event);
    }

    /**
     * An engineer closes the request without an outcome ({@code ENGINEER_CLOSED}); raises {@link RequestClosed} with the
     * engineer as actor. Every clock stops.
     *
     * @throws RuleViolation (an illegal transition) when the request is completed or already closed
     */
    public void close(String actor, Clock clock) {
        RequestTransitions.require(this, RequestCommand.CLOSE);
        RequestClocks.closeNow(this, RequestClosed.Reason.ENGINEER_CLOSED, actor, clock.instant());
        RequestClocks.rearm(this);
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
        RequestClocks.rearm(this);
        return true;
    }

    /** Fires every timer due at {@code now} that has not fired ({@link RequestClocks#fireDue}). */
    public Firing fireDue(Instant now) {
        return RequestClocks.fireDue(this, now);
    }

    /** For the collaborators of this package: raises an event (the outbox is written with the document). */
    void raiseEvent(DomainEvent event) {
        raise(event);
    }

    private static CustomerContact contactFor(String ticketId, UpgradeSubmission submission, Organization organization) {
        String tamEmail = organization.tam() == null ? null : organization.tam().email();
        MaintenanceWindow window = submission.maintenanceWindow();
        return new CustomerContact(ticketId,
                submission.requester() == null ? null : submission.requester().name(),
                submission.requester() == null ? null : submission.requester().email(),
                submission.contactEmail(), tamEmail, window == null ? null : window.timeZone());
    }
}
