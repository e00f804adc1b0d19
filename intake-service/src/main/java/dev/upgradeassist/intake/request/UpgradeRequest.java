package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.RollbackAdvised;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * Why a request can no longer be amended. Issue 18 adds {@code CLOSED} (closed without an outcome), which refuses
     * comments as COMPLETED does: {@link #refusesComments()} is the hook {@link #comment} asks.
     */
    public enum Closure {
        COMPLETED(true),
        /** The customer may still write (to ask why, or to say they will submit anew): only amendments end. */
        DECLINED_FOR_GOOD(false);

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

    /** A new request, revision 1; raises {@link RequestReceived}. */
    public static UpgradeRequest receive(String id, String ticketId, UpgradeSubmission submission,
                                         Organization organization, Clock clock) {
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
        request.raise(new RequestReceived(RandomIds.uuid(), now, id, ticketId, request.revision,
                request.priority, submission, organization, request.contact));
        return request;
    }

    /**
     * The customer replaced the submission: a new revision, reviewed again; raises {@link RequestAmended}.
     *
     * @throws Refused when the request is completed or declined for good
     */
    public void amend(UpgradeSubmission newSubmission, Organization newOrganization, Clock clock) {
        if (closure == Closure.COMPLETED) {
            throw new Refused("The request is completed and can no longer be amended; submit a new request");
        }
        if (closure == Closure.DECLINED_FOR_GOOD) {
            throw new Refused("The request was declined for good (not entitled or out of scope) and can no longer "
                    + "be amended; submit a new request");
        }
        Instant now = clock.instant();
        revisionSince = now;
        awaitingOutcome = false;
        awaitingOutcomeDecidedAt = null;
        revision++;
        submission = newSubmission;
        organization = newOrganization;
        contact = contactFor(ticketId, newSubmission, newOrganization);
        updatedAt = now;
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
        }
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
    public Commented comment(String author, CommentAdded.AuthorRole authorRole, CommentAdded.Visibility visibility,
                             String body, String idempotencyKey, String hash, Clock clock) {
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
    public void learn(DomainEvent event) {
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
        }
    }

    /** Whether {@link #learn(DomainEvent)} takes anything from this event: other events need no write. */
    public static boolean learnsFrom(DomainEvent event) {
        return event instanceof RequestDeclined || event instanceof TicketOnHold || event instanceof RollbackAdvised
                || event instanceof RequestCompleted || event instanceof ChangesRequested
                || event instanceof EngineerHandedOff;
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
