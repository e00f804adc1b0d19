package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.InfoMissing;
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
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The read model of one request, built only from events (intake's own, review's and
 * scheduling's). {@link dev.upgradeassist.platform.outbox.AggregateStore#apply} records each
 * applied event id in the same write, so redeliveries and replays change nothing. Events may also
 * arrive late or out of order across topics; the status therefore only moves forward by
 * (revision, rank, time), decisions about an older revision are ignored, and scheduling events
 * from before the current revision was submitted do not change the status.
 */
@Document(RequestView.COLLECTION)
class RequestView extends AggregateRoot {

    static final String COLLECTION = "request_views";

    private String ticketId;
    private String priority;
    private Form form;
    private String organizationId;
    @Indexed
    private Region region;
    @Indexed
    private String assignee;
    private Instant assigneeAt;
    private List<String> ccs = new ArrayList<>();

    /** The revision of the submission data (form, organization, region) shown. */
    private int submissionRevision;
    @Indexed
    private RequestStatus status;
    private int statusRevision;
    private int statusRank = -1;
    private Instant statusAt;
    /** The status is an engineer's decision (a request for changes) ordered by time, not by rank, in its revision. */
    private boolean statusByTime;
    /** When the revision the status belongs to was submitted. */
    private Instant revisionSince;
    private DeclineReason declineReason;
    /** Why the request was closed without an outcome (status CLOSED), else null. */
    private RequestClosed.Reason closedReason;

    /**
     * The SLA as the request's aggregate knew it when this view last applied an event about the request (every change
     * of the clocks raises or follows an event the view applies): the running clock's due time, and whether a breach
     * was ever recorded. {@code dueAt} (the running clock's) and {@code hasDue} order the queue by {@code sort=due}.
     */
    private Instant firstResponseDueAt;
    private Instant nextResponseDueAt;
    private boolean slaBreached;
    private Instant dueAt;
    private boolean hasDue;

    /** Revision and time of the review decision whose deficiencies, findings and stops are shown. */
    private int decisionRevision;
    private Instant decisionAt;
    private List<Deficiency> deficiencies = new ArrayList<>();
    private List<Finding> findings = new ArrayList<>();
    private List<String> requiredStops = new ArrayList<>();
    /** Who decided the shown revision's review, how, and what they told the customer (null before any decision). */
    private ReviewDecision reviewDecision;

    /** Every comment, PUBLIC and INTERNAL, in order; the PORTAL's view leaves out the INTERNAL ones. */
    private List<Comment> comments = new ArrayList<>();

    private BookingLink bookingLink;
    private ReviewCall reviewCall;
    /** When the latest review call was cancelled: a booking or reschedule from before it does not bring it back. */
    private Instant reviewCallEndedAt;
    private List<TimelineEntry> timeline = new ArrayList<>();

    @Indexed
    private Instant receivedAt;
    private Instant firstReviewedAt;
    private Instant approvedAt;
    private Instant onHoldAt;
    private boolean reviewStageRecorded;
    private boolean onHoldStageRecorded;

    @Transient
    private List<StageSample> stageSamples = new ArrayList<>();

    record BookingLink(String linkId, BookingLinkStatus status, Instant expiresAt, Instant since) {
    }

    enum BookingLinkStatus { ISSUED, BOOKED, EXPIRED, REVOKED }

    /**
     * The booked call: its slot, and (null for calls from before they were published) its id, its invitation's
     * {@code SEQUENCE} and when it was booked or last rescheduled, to tell a stale change from a current one.
     */
    record ReviewCall(Instant start, Instant end, String callId, Integer sequence, Instant since) {
    }

    /**
     * {@code actor}: an engineer's name, {@code customer}, {@code operator} or {@code system} ({@link #actorOf});
     * {@code visibility}: for a comment's entry, the comment's ({@code PUBLIC}/{@code INTERNAL}), else null.
     */
    record TimelineEntry(String eventId, String type, Instant at, String actor, String visibility) {

        /** Shown to the customer: anything but a comment's entry unless that comment is PUBLIC (fails closed). */
        boolean customerMaySee() {
            // a missed response target is Support's business (it emails Support, never the customer)
            if (dev.upgradeassist.contracts.SlaBreached.class.getSimpleName().equals(type)) {
                return false;
            }
            return !CommentAdded.class.getSimpleName().equals(type)
                    || CommentAdded.Visibility.PUBLIC.name().equals(visibility);
        }
    }

    record Comment(String id, String author, CommentAdded.AuthorRole authorRole, CommentAdded.Visibility visibility,
                   String body, Instant at) {

        /** Shown to the customer only when PUBLIC (a comment without a visibility is not). */
        boolean customerMaySee() {
            return visibility == CommentAdded.Visibility.PUBLIC;
        }
    }

    /** What review decided about a revision. */
    enum Decision { AWAITING_APPROVAL, APPROVED, CHANGES_REQUESTED, INFO_MISSING, DECLINED }

    /**
     * The latest review decision about the shown revision: {@code by} is the engineer or {@code system},
     * {@code approvalMode} only for an approval, {@code feedback} the text for the customer (the engineer's feedback,
     * or a decline's explanation), or null.
     */
    record ReviewDecision(Decision decision, int revision, String by, PlanApproved.ApprovalMode approvalMode,
                          String feedback, Instant at) {
    }

    /** A stage duration to record once the write that completed it has been saved. */
    record StageSample(String stage, Duration duration) {
    }

    @PersistenceCreator
    RequestView() {
    }

    RequestView(String requestId) {
        super(requestId);
    }

    /** Applies one event; the caller records the event id with it. */
    void apply(DomainEvent event) {
        addToTimeline(event);
        if (event instanceof RequestReceived e) {
            receivedAt = receivedAt == null || e.occurredAt().isBefore(receivedAt) ? e.occurredAt() : receivedAt;
            submitted(e.revision(), e.occurredAt(), e.ticketId(), e.priority(), e.submission(), e.contact());
        } else if (event instanceof RequestAmended e) {
            submitted(e.revision(), e.occurredAt(), e.ticketId(), e.priority(), e.submission(), e.contact());
        } else if (event instanceof EngineerAssigned e) {
            fillTicketId(e.ticketId());
            assign(e.engineer(), e.occurredAt());
            if (e.ccs() != null) {
                e.ccs().forEach(this::addCc);
            }
        } else if (event instanceof UpgradeOutcomeReported e) {
            fillTicketId(e.ticketId());
        } else if (event instanceof InfoMissing e) {
            decided(e.revision(), e.occurredAt(), RequestStatus.AWAITING_INFO, e.contact());
            if (decisionIsCurrent(e.revision(), e.occurredAt())) {
                showDecision(e.revision(), e.occurredAt(), e.deficiencies(), e.findings(), e.requiredStops());
                reviewDecision = new ReviewDecision(Decision.INFO_MISSING, e.revision(), "system", null, null,
                        e.occurredAt());
            }
        } else if (event instanceof PlanApproved e) {
            decided(e.revision(), e.occurredAt(), RequestStatus.APPROVED, e.contact());
            fillTicketId(e.ticketId());
            form = form == null ? e.form() : form;
            region = region == null ? e.region() : region;
            if (decisionIsCurrent(e.revision(), e.occurredAt())) {
                showDecision(e.revision(), e.occurredAt(), List.of(), e.findings(), e.requiredStops());
                approvedAt = e.occurredAt();
                reviewDecision = new ReviewDecision(Decision.APPROVED, e.revision(), actorOf(e),
                        e.approvalMode() == null ? PlanApproved.ApprovalMode.AUTOMATIC : e.approvalMode(),
                        e.feedback(), e.occurredAt());
            }
        } else if (event instanceof PlanAwaitingApproval e) {
            decided(e.revision(), e.occurredAt(), RequestStatus.IN_REVIEW, e.contact());
            fillTicketId(e.ticketId());
            form = form == null ? e.form() : form;
            region = region == null ? e.region() : region;
            if (decisionIsCurrent(e.revision(), e.occurredAt())) {
                // the automatic checks' result is the engineer's pre-check
                showDecision(e.revision(), e.occurredAt(), List.of(), e.findings(), e.requiredStops());
                reviewDecision = new ReviewDecision(Decision.AWAITING_APPROVAL, e.revision(), "system", null, null,
                        e.occurredAt());
            }
        } else if (event instanceof ChangesRequested e) {
            fillFrom(e.contact());
            firstReviewedAt = firstReviewedAt == null || e.occurredAt().isBefore(firstReviewedAt)
                    ? e.occurredAt() : firstReviewedAt;
            advance(RequestStatus.AWAITING_INFO, e.revision(), e.occurredAt(), true);
            if (decisionIsCurrent(e.revision(), e.occurredAt())) {
                showDecision(e.revision(), e.occurredAt(), e.deficiencies(), e.findings(), e.requiredStops());
                reviewDecision = new ReviewDecision(Decision.CHANGES_REQUESTED, e.revision(), actorOf(e), null,
                        e.feedback(), e.occurredAt());
            }
        } else if (event instanceof RequestDeclined e) {
            if (decided(e.revision(), e.occurredAt(), RequestStatus.DECLINED, e.contact())) {
                declineReason = e.reason();
            }
            if (decisionIsCurrent(e.revision(), e.occurredAt())) {
                decisionRevision = e.revision();
                decisionAt = e.occurredAt();
                reviewDecision = new ReviewDecision(Decision.DECLINED, e.revision(), actorOf(e), null,
                        e.explanation(), e.occurredAt());
            }
        } else if (event instanceof CommentAdded e) {
            fillTicketId(e.ticketId());
            fillFrom(e.contact());
            addComment(e);
        } else if (event instanceof BookingLinkIssued e) {
            fillFrom(e.contact());
            if (bookingLink == null || !e.occurredAt().isBefore(bookingLink.since())) {
                bookingLink = new BookingLink(e.linkId(), BookingLinkStatus.ISSUED, e.expiresAt(), e.occurredAt());
            }
            if (isReissue(e)) {
                reissued(e.occurredAt());
            } else {
                scheduled(RequestStatus.CALL_LINK_ISSUED, e.occurredAt());
            }
        } else if (event instanceof ReviewCallBooked e) {
            fillFrom(e.contact());
            if ((bookingLink == null || !e.occurredAt().isBefore(bookingLink.since())
                    || Objects.equals(bookingLink.linkId(), e.linkId()))
                    && !callChangeIsStale(e.callId(), e.sequence(), e.occurredAt())) {
                Instant expiresAt = bookingLink != null && Objects.equals(bookingLink.linkId(), e.linkId())
                        ? bookingLink.expiresAt() : null;
                bookingLink = new BookingLink(e.linkId(), BookingLinkStatus.BOOKED, expiresAt, e.occurredAt());
                reviewCall = new ReviewCall(e.start(), e.end(), e.callId(), e.sequence(), e.occurredAt());
            }
            scheduled(RequestStatus.CALL_BOOKED, e.occurredAt());
        } else if (event instanceof ReviewCallRescheduled e) {
            // the call moves; the status stays (the ticket is on hold with its call, or waits for it)
            fillFrom(e.contact());
            if (!callChangeIsStale(e.callId(), e.sequence(), e.occurredAt())) {
                reviewCall = new ReviewCall(e.start(), e.end(),
                        e.callId() != null || reviewCall == null ? e.callId() : reviewCall.callId(), e.sequence(),
                        e.occurredAt());
            }
        } else if (event instanceof ReviewCallCancelled e) {
            // no status of its own: a customer's cancel is followed by TicketOnHold, a decline's or a request for
            // changes' cancel follows the decision, which set the status
            fillFrom(e.contact());
            if (!callChangeIsStale(e.callId(), e.sequence(), e.occurredAt())) {
                reviewCall = null;
                reviewCallEndedAt = reviewCallEndedAt == null || e.occurredAt().isAfter(reviewCallEndedAt)
                        ? e.occurredAt() : reviewCallEndedAt;
            }
        } else if (event instanceof BookingLinkExpired e) {
            linkExpired(e);
        } else if (event instanceof EngineerHandedOff e) {
            fillFrom(e.contact());
            assign(e.toEngineer(), e.occurredAt());
        } else if (event instanceof TicketOnHold e) {
            fillFrom(e.contact());
            assign(e.assignee(), e.occurredAt());
            onHoldAt = onHoldAt == null || e.occurredAt().isBefore(onHoldAt) ? e.occurredAt() : onHoldAt;
            scheduled(RequestStatus.ON_HOLD, e.occurredAt());
        } else if (event instanceof RollbackAdvised e) {
            fillFrom(e.contact());
            assign(e.assignee(), e.occurredAt());
            scheduled(RequestStatus.ROLLBACK_ADVISED, e.occurredAt());
        } else if (event instanceof RequestCompleted e) {
            fillFrom(e.contact());
            assign(e.assignee(), e.occurredAt());
            scheduled(RequestStatus.COMPLETED, e.occurredAt());
        } else if (event instanceof RequestClosed e) {
            fillFrom(e.contact());
            fillTicketId(e.ticketId());
            if (advance(RequestStatus.CLOSED, Math.max(e.revision(), 1), e.occurredAt(), true)) {
                closedReason = e.reason();
            }
        }
        // SlaBreached, PendingReminderDue, OnHoldRecheckDue, CallReminderDue: the timeline entry (and the clocks)
        collectStageSamples();
    }

    private void submitted(int revision, Instant at, String ticket, String newPriority, UpgradeSubmission submission,
                           CustomerContact contact) {
        fillTicketId(ticket);
        fillFrom(contact);
        if (revision >= submissionRevision) {
            submissionRevision = revision;
            priority = newPriority == null ? priority : newPriority;
            if (submission != null) {
                form = submission.form();
                organizationId = submission.organizationId();
                region = submission.region();
            }
        }
        if (advance(RequestStatus.SUBMITTED, revision, at)) {
            declineReason = null;
            closedReason = null;
            if (decisionRevision < revision) {
                deficiencies = new ArrayList<>();
                findings = new ArrayList<>();
                requiredStops = new ArrayList<>();
                reviewDecision = null;
            }
        }
        if (revision == statusRevision) {
            revisionSince = at;
        }
    }

    private boolean decided(int revision, Instant at, RequestStatus next, CustomerContact contact) {
        fillFrom(contact);
        firstReviewedAt = firstReviewedAt == null || at.isBefore(firstReviewedAt) ? at : firstReviewedAt;
        return advance(next, revision, at);
    }

    /** A decision's data is shown when it is about the current revision and not older than the one shown. */
    private boolean decisionIsCurrent(int revision, Instant at) {
        if (revision < Math.max(statusRevision, submissionRevision)) {
            return false;
        }
        return revision > decisionRevision || decisionAt == null || !at.isBefore(decisionAt);
    }

    private void showDecision(int revision, Instant at, List<Deficiency> newDeficiencies, List<Finding> newFindings,
                              List<String> stops) {
        decisionRevision = revision;
        decisionAt = at;
        deficiencies = newDeficiencies == null ? new ArrayList<>() : new ArrayList<>(newDeficiencies);
        findings = newFindings == null ? new ArrayList<>() : new ArrayList<>(newFindings);
        requiredStops = stops == null ? new ArrayList<>() : new ArrayList<>(stops);
    }

    /** A link an engineer issued again ({@code reissuedBy}), not the one issued on approval. */
    private static boolean isReissue(BookingLinkIssued event) {
        return event.reissuedBy() != null && !event.reissuedBy().isBlank();
    }

    /**
     * An engineer re-issued the link (scheduling allows it while the link is out or on hold, with no call booked): the
     * request waits for its call again, even from ON_HOLD. Ordered by time within the revision, not by rank, so the
     * booking or on hold that follows moves it on, and a scheduling event from before it does not undo it.
     */
    private void reissued(Instant at) {
        if (revisionSince != null && at.isBefore(revisionSince)) {
            return;
        }
        advance(RequestStatus.CALL_LINK_ISSUED, Math.max(statusRevision, 1), at, true);
    }

    /**
     * Whether a booking, reschedule or cancellation is older than what the view shows of the call: from before the
     * latest cancellation, an earlier {@code sequence} of the same call, or (another call, or no ids) from before the
     * shown call was booked or last moved.
     */
    private boolean callChangeIsStale(String callId, int sequence, Instant at) {
        if (reviewCallEndedAt != null && at.isBefore(reviewCallEndedAt)) {
            return true;
        }
        if (reviewCall == null) {
            return false;
        }
        if (callId != null && callId.equals(reviewCall.callId()) && reviewCall.sequence() != null) {
            return sequence < reviewCall.sequence();
        }
        return reviewCall.since() != null && at.isBefore(reviewCall.since());
    }

    /** Scheduling events carry no revision: they belong to the current one, unless they predate it. */
    private void scheduled(RequestStatus next, Instant at) {
        if (revisionSince != null && at.isBefore(revisionSince)) {
            return;
        }
        advance(next, Math.max(statusRevision, 1), at);
    }

    /**
     * Moves the status when (revision, rank, time) is not behind the current one. Within a revision a
     * decline is ordered by time against everything else (an engineer may decline after the call),
     * and COMPLETED is final.
     */
    private boolean advance(RequestStatus next, int revision, Instant at) {
        return advance(next, revision, at, false);
    }

    /** @param byTime an engineer's decision that is ordered by time against everything in its revision */
    private boolean advance(RequestStatus next, int revision, Instant at, boolean byTime) {
        int order;
        if (revision != statusRevision) {
            order = Integer.compare(revision, statusRevision);
        } else if (status == RequestStatus.COMPLETED || status == RequestStatus.CLOSED) {
            order = -1; // final within the revision (a NO_RESPONSE close is reopened by an amendment: a newer revision)
        } else if (byTime || statusByTime || next == RequestStatus.DECLINED || status == RequestStatus.DECLINED) {
            order = statusAt == null ? 1 : at.compareTo(statusAt);
        } else if (next.rank() != statusRank) {
            order = Integer.compare(next.rank(), statusRank);
        } else {
            order = statusAt == null ? 1 : at.compareTo(statusAt);
        }
        if (order < 0) {
            return false;
        }
        status = next;
        statusRevision = revision;
        statusRank = next.rank();
        statusAt = at;
        statusByTime = byTime;
        return true;
    }

    private void linkExpired(BookingLinkExpired e) {
        BookingLinkStatus expired = e.reason() == BookingLinkExpired.Reason.REVOKED
                ? BookingLinkStatus.REVOKED : BookingLinkStatus.EXPIRED;
        if (bookingLink == null) {
            bookingLink = new BookingLink(e.linkId(), expired, null, e.occurredAt());
        } else if (Objects.equals(bookingLink.linkId(), e.linkId())
                && (bookingLink.status() != BookingLinkStatus.BOOKED || expired == BookingLinkStatus.REVOKED)) {
            bookingLink = new BookingLink(bookingLink.linkId(), expired, bookingLink.expiresAt(), bookingLink.since());
        }
    }

    private void assign(String engineer, Instant at) {
        if (engineer != null && !engineer.isBlank() && (assigneeAt == null || !at.isBefore(assigneeAt))) {
            assignee = engineer;
            assigneeAt = at;
        }
    }

    private void fillFrom(CustomerContact contact) {
        if (contact != null) {
            fillTicketId(contact.ticketId());
            addCc(contact.tamEmail());
        }
    }

    private void fillTicketId(String ticket) {
        if (ticketId == null && ticket != null) {
            ticketId = ticket;
        }
    }

    private void addCc(String email) {
        if (email != null && !email.isBlank() && !ccs.contains(email)) {
            ccs.add(email);
        }
    }

    private void addComment(CommentAdded e) {
        if (e.commentId() == null || comments.stream().anyMatch(comment -> e.commentId().equals(comment.id()))) {
            return;
        }
        comments.add(new Comment(e.commentId(), actorOf(e), e.authorRole(), e.visibility(), e.body(), e.occurredAt()));
        // in the order they were written (a stable sort: comments of the same instant keep their arrival order)
        comments.sort(Comparator.comparing(Comment::at));
    }

    private void addToTimeline(DomainEvent event) {
        if (timeline.stream().noneMatch(entry -> entry.eventId().equals(event.eventId()))) {
            String visibility = event instanceof CommentAdded e
                    ? (e.visibility() == null ? null : e.visibility().name()) : null;
            timeline.add(new TimelineEntry(event.eventId(), event.getClass().getSimpleName(), event.occurredAt(),
                    actorOf(event), visibility));
            timeline.sort(Comparator.comparing(TimelineEntry::at));
        }
    }

    /**
     * Who caused an event: the customer for what the portal sends (the request, its amendments, the outcome, a
     * customer's comment) and for booking the review call through their link; the authenticated engineer for an
     * assignment, a hand-off, an engineer's approval, request for changes, decline or comment; else the system
     * (automatic review decisions, links, expiry, on hold, rollback advice, completion). Events from before the actor
     * was recorded name the engineer they carry.
     */
    static String actorOf(DomainEvent event) {
        if (event instanceof RequestReceived || event instanceof RequestAmended || event instanceof UpgradeOutcomeReported
                || event instanceof ReviewCallBooked) {
            return "customer";
        }
        if (event instanceof ReviewCallRescheduled e) {
            return isEngineer(e.actor()) ? e.actor() : "customer"; // the customer, through their manage link
        }
        if (event instanceof ReviewCallCancelled e) {
            // the customer, or the engineer who declined or requested changes; review-service (automatic): system
            if ("customer".equals(e.actor())
                    || isBlank(e.actor()) && e.reason() == ReviewCallCancelled.Reason.CUSTOMER_CANCELLED) {
                return "customer";
            }
            return isEngineer(e.actor()) ? e.actor() : "system";
        }
        if (event instanceof BookingLinkIssued e && isReissue(e)) {
            return e.reissuedBy(); // the engineer who issued the link again
        }
        if (event instanceof CommentAdded e) {
            return e.authorRole() == CommentAdded.AuthorRole.CUSTOMER || isBlank(e.author()) ? "customer" : e.author();
        }
        if (event instanceof PlanApproved e) {
            return isEngineer(e.approvedBy()) ? e.approvedBy() : "system"; // review-service, or null: automatic
        }
        if (event instanceof ChangesRequested e) {
            return isEngineer(e.requestedBy()) ? e.requestedBy() : "system";
        }
        if (event instanceof EngineerAssigned e) {
            return e.actor() != null ? e.actor() : e.engineer();
        }
        if (event instanceof EngineerHandedOff e) {
            return e.actor() != null ? e.actor() : e.fromEngineer();
        }
        if (event instanceof RequestDeclined e && isEngineer(e.declinedBy())) {
            return e.declinedBy();
        }
        if (event instanceof RequestClosed e && !isBlank(e.actor())) {
            return e.actor(); // the engineer who closed it, or system (auto-close)
        }
        return "system";
    }

    /** A person's name, not a service's ({@code review-service}) nor empty. */
    private static boolean isEngineer(String name) {
        return !isBlank(name) && !name.endsWith("-service");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private void collectStageSamples() {
        if (!reviewStageRecorded && receivedAt != null && firstReviewedAt != null) {
            reviewStageRecorded = true;
            stageSamples.add(new StageSample(IntakeMetrics.SUBMITTED_TO_REVIEWED, Duration.between(receivedAt, firstReviewedAt)));
        }
        if (!onHoldStageRecorded && approvedAt != null && onHoldAt != null) {
            onHoldStageRecorded = true;
            stageSamples.add(new StageSample(IntakeMetrics.APPROVED_TO_ON_HOLD, Duration.between(approvedAt, onHoldAt)));
        }
    }

    /** The stage durations this change completed (each request records each stage once). */
    List<StageSample> takeStageSamples() {
        List<StageSample> taken = List.copyOf(stageSamples);
        stageSamples.clear();
        return taken;
    }

    /** Copies the request's SLA as its aggregate has it now. */
    void clocks(UpgradeRequest.Sla sla) {
        if (sla == null) {
            return;
        }
        firstResponseDueAt = sla.firstResponseDueAt();
        nextResponseDueAt = sla.nextResponseDueAt();
        slaBreached = sla.breached();
        dueAt = firstResponseDueAt != null ? firstResponseDueAt : nextResponseDueAt;
        hasDue = dueAt != null;
    }

    RequestClosed.Reason closedReason() {
        return closedReason;
    }

    Instant firstResponseDueAt() {
        return firstResponseDueAt;
    }

    Instant nextResponseDueAt() {
        return nextResponseDueAt;
    }

    boolean slaBreached() {
        return slaBreached;
    }

    String ticketId() {
        return ticketId;
    }

    String priority() {
        return priority;
    }

    Form form() {
        return form;
    }

    String organizationId() {
        return organizationId;
    }

    Region region() {
        return region;
    }

    String assignee() {
        return assignee;
    }

    List<String> ccs() {
        return ccs;
    }

    RequestStatus status() {
        return status == null ? RequestStatus.SUBMITTED : status;
    }

    int statusRevision() {
        return statusRevision;
    }

    DeclineReason declineReason() {
        return declineReason;
    }

    List<Deficiency> deficiencies() {
        return deficiencies;
    }

    List<Finding> findings() {
        return findings;
    }

    List<String> requiredStops() {
        return requiredStops;
    }

    BookingLink bookingLink() {
        return bookingLink;
    }

    ReviewCall reviewCall() {
        return reviewCall;
    }

    List<TimelineEntry> timeline() {
        return timeline;
    }

    List<Comment> comments() {
        return comments == null ? List.of() : comments;
    }

    ReviewDecision reviewDecision() {
        return reviewDecision;
    }

    Instant receivedAt() {
        return receivedAt;
    }
}
