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
 * The read model of one request (a document, not an HTTP answer: {@link RequestDetailsView} is), built only from events (intake's own, review's and
 * scheduling's). {@link dev.upgradeassist.platform.outbox.AggregateStore#apply} records each
 * applied event id in the same write, so redeliveries and replays change nothing. Events may also
 * arrive late or out of order across topics; the status therefore only moves forward by
 * (revision, rank, time), decisions about an older revision are ignored, and scheduling events
 * from before the current revision was submitted do not change the status.
 * <p>
 * This class is the document (its fields, as stored, and their reads); how events change it is
 * {@link RequestProjection} (intake's and review's events, the status order) and {@link SchedulingProjection}
 * (scheduling's); who caused an event is {@link Actors}. The fields are package-private for those.
 */
@Document(RequestRecord.COLLECTION)
class RequestRecord extends AggregateRoot {

    static final String COLLECTION = "request_views";
    /** The field the customer's request page is found by. */
    static final String CUSTOMER_TOKEN_HASH = "customerTokenHash";

    /**
     * The SHA-256 of the customer's request page token
     * ({@link dev.upgradeassist.platform.links.CustomerPageTokens#hashFor}): the page's link finds the request by it.
     * Never the token itself. Set on every write of the record; records from before it was kept get it at start-up
     * ({@link CustomerTokenHashBackfill}).
     */
    @Indexed
    String customerTokenHash;
    String ticketId;
    String priority;
    Form form;
    String organizationId;
    @Indexed
    Region region;
    @Indexed
    String assignee;
    Instant assigneeAt;
    List<String> ccs = new ArrayList<>();

    /** The revision of the submission data (form, organization, region) shown. */
    int submissionRevision;
    @Indexed
    RequestStatus status;
    int statusRevision;
    int statusRank = -1;
    Instant statusAt;
    /** The status is an engineer's decision (a request for changes) ordered by time, not by rank, in its revision. */
    boolean statusByTime;
    /** When the revision the status belongs to was submitted. */
    Instant revisionSince;
    DeclineReason declineReason;
    /** Why the request was closed without an outcome (status CLOSED), else null. */
    RequestClosed.Reason closedReason;

    /**
     * The SLA as the request's aggregate knew it when this view last applied an event about the request (every change
     * of the clocks raises or follows an event the view applies): the running clock's due time, and whether a breach
     * was ever recorded. {@code dueAt} (the running clock's) and {@code hasDue} order the queue by {@code sort=due}.
     */
    Instant firstResponseDueAt;
    Instant nextResponseDueAt;
    boolean slaBreached;
    Instant dueAt;
    boolean hasDue;
    /**
     * The version of the request's document the SLA above was read at: a projection that read it earlier (another
     * listener's, or a poll's copy) never replaces it with an older state. Null in views written before it was kept.
     */
    Long clocksVersion;

    /** Revision and time of the review decision whose deficiencies, findings and stops are shown. */
    int decisionRevision;
    Instant decisionAt;
    List<Deficiency> deficiencies = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<String> requiredStops = new ArrayList<>();
    /** Who decided the shown revision's review, how, and what they told the customer (null before any decision). */
    ReviewDecision reviewDecision;

    /** Every comment, PUBLIC and INTERNAL, in order; the PORTAL's view leaves out the INTERNAL ones. */
    List<Comment> comments = new ArrayList<>();

    LinkState bookingLink;
    ReviewCall reviewCall;
    /** When the latest review call was cancelled: a booking or reschedule from before it does not bring it back. */
    Instant reviewCallEndedAt;
    List<TimelineEntry> timeline = new ArrayList<>();

    @Indexed
    Instant receivedAt;
    Instant firstReviewedAt;
    Instant approvedAt;
    Instant onHoldAt;
    boolean reviewStageRecorded;
    boolean onHoldStageRecorded;

    @Transient
    List<StageSample> stageSamples = new ArrayList<>();

    record LinkState(String linkId, LinkStatus status, Instant expiresAt, Instant since) {
    }

    enum LinkStatus { ISSUED, BOOKED, EXPIRED, REVOKED }

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
    RequestRecord() {
    }

    RequestRecord(String requestId) {
        super(requestId);
    }

    /** Applies one event; the caller records the event id with it. */
    void apply(DomainEvent event) {
        RequestProjection.apply(this, event);
    }

    void collectStageSamples() {
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

    /** Keeps the hash of the customer's request page token (it never changes for a request). */
    void customerTokenHash(String hash) {
        customerTokenHash = hash;
    }

    /**
     * Copies the request's SLA as its aggregate had it at {@code version} (null: unknown), unless the view already
     * shows the SLA of a later version.
     */
    void clocks(UpgradeRequest.Sla sla, Long version) {
        if (sla == null || (version != null && clocksVersion != null && version < clocksVersion)) {
            return;
        }
        if (version != null) {
            clocksVersion = version;
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

    LinkState bookingLink() {
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
