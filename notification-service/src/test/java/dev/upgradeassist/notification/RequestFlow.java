package dev.upgradeassist.notification;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.PlanApproved;
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
import dev.upgradeassist.contracts.testing.BookingLinkIssuedBuilder;
import dev.upgradeassist.contracts.testing.CallReminderDueBuilder;
import dev.upgradeassist.contracts.testing.CommentAddedBuilder;
import dev.upgradeassist.contracts.testing.OnHoldRecheckDueBuilder;
import dev.upgradeassist.contracts.testing.PlanApprovedBuilder;
import dev.upgradeassist.contracts.testing.PendingReminderDueBuilder;
import dev.upgradeassist.contracts.testing.RequestClosedBuilder;
import dev.upgradeassist.contracts.testing.ReviewCallBookedBuilder;
import dev.upgradeassist.contracts.testing.ReviewCallCancelledBuilder;
import dev.upgradeassist.contracts.testing.ReviewCallRescheduledBuilder;
import dev.upgradeassist.contracts.testing.SlaBreachedBuilder;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One request's flow of events as the other services publish them, whose people all have unique addresses (so that
 * every test reads only its own mailboxes). An event published again under a new event id is built from the original
 * with the event-contracts builders ({@code dev.upgradeassist.contracts.testing}).
 */
public final class RequestFlow {

    public static final Instant UPGRADE_START = Instant.parse("2026-12-13T03:00:00Z"); // 22:00 New York

    public final String requestId = UUID.randomUUID().toString();
    public final String ticketId;
    public final String requester;
    public final String contactEmail;
    public final String tam;
    public final String engineer;
    public final String otherEngineer;
    public final String requesterName;
    public final boolean withTam;
    /** The portal form: {@code US_FEDERAL} is a request of the US Government instance. */
    public final Form form;

    private RequestFlow(boolean withTam, String requesterName) {
        this(withTam, requesterName, Form.STANDARD);
    }

    private RequestFlow(boolean withTam, String requesterName, Form form) {
        String tag = requestId.substring(0, 8);
        this.ticketId = "UA-" + tag.toUpperCase();
        this.requester = "dana-" + tag + "@acme.example";
        this.contactEmail = "admins-" + tag + "@acme.example";
        this.tam = "tam-" + tag + "@gitlab.example";
        this.engineer = "eng-" + tag + "@gitlab.example";
        this.otherEngineer = "eng2-" + tag + "@gitlab.example";
        this.requesterName = requesterName;
        this.withTam = withTam;
        this.form = form;
    }

    public static RequestFlow request() {
        return new RequestFlow(true, "Dana Ops");
    }

    public static RequestFlow withoutTam() {
        return new RequestFlow(false, "Dana Ops");
    }

    public static RequestFlow named(String requesterName) {
        return new RequestFlow(true, requesterName);
    }

    /** A request from the US Government form, of an organization with a TAM. */
    public static RequestFlow usFederal() {
        return new RequestFlow(true, "Dana Ops", Form.US_FEDERAL);
    }

    public CustomerContact contact() {
        return new CustomerContact(ticketId, requesterName, requester, contactEmail, withTam ? tam : null,
                "America/New_York");
    }

    public CustomerContact contact(String requesterEmail, String contactEmail) {
        return new CustomerContact(ticketId, requesterName, requesterEmail, contactEmail, withTam ? tam : null,
                "America/New_York");
    }

    /** Only the form, which is all notification reads of a submission; none for a standard request (as before). */
    private UpgradeSubmission submission() {
        return form == Form.STANDARD ? null : new UpgradeSubmission(form, null, null, null, Region.AMER, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    public RequestReceived received() {
        return received(contact());
    }

    public RequestReceived received(CustomerContact contact) {
        return new RequestReceived(id(), Instant.now(), requestId, ticketId, 1, "HIGH", submission(), null, contact);
    }

    public RequestAmended amended() {
        return new RequestAmended(id(), Instant.now(), requestId, ticketId, 2, "HIGH", submission(), null, contact());
    }

    public InfoMissing infoMissing() {
        return new InfoMissing(id(), Instant.now(), requestId, 1,
                List.of(new Deficiency("ROLLBACK_PLAN_MISSING", "rollbackPlan", "The rollback plan is missing.",
                                "A rollback plan needs both a way to back up and a way to restore."),
                        new Deficiency("TIMEZONE_MISSING", "maintenanceWindow.timeZone", "The upgrade time has no time zone.",
                                "Please give the planned upgrade date, start time and timezone.")),
                List.of(), List.of("16.3.9", "16.7.10"), contact());
    }

    public PlanApproved approved() {
        return new PlanApproved(id(), Instant.now(), requestId, 1, ticketId, form, Region.AMER,
                List.of(new Finding("NOT_TESTED_IN_STAGING", Finding.Severity.WARNING,
                        "We recommend testing the upgrade in a staging environment first.")),
                List.of("16.3.9", "16.7.10", "17.3.7"), true, true, UPGRADE_START, 240, 90, contact());
    }

    /** An engineer's approval (mode ENGINEER) with the engineer's feedback. */
    public PlanApproved approvedByEngineer(String engineer, String feedback) {
        return PlanApprovedBuilder.from(approved()).approvedBy(engineer).approvalMode(PlanApproved.ApprovalMode.ENGINEER)
                .feedback(feedback).build();
    }

    /** An engineer asks for changes: two items of their own next to one the automatic checks found. */
    public ChangesRequested changesRequested(String feedback) {
        return new ChangesRequested(id(), Instant.now(), requestId, 2, "alice", feedback,
                List.of(new Deficiency(Deficiency.ENGINEER_REQUESTED, "rollbackPlan",
                                "The rollback plan does not say how long a restore takes.",
                                "Time a restore of last night's backup in staging and give the duration."),
                        new Deficiency(Deficiency.ENGINEER_REQUESTED, "upgradePath",
                                "The path skips the 16.11 required stop.",
                                "Use the Upgrade Path tool and list every hop."),
                        new Deficiency("TIMEZONE_MISSING", "maintenanceWindow.timeZone", "The upgrade time has no time zone.",
                                "Please give the planned upgrade date, start time and timezone.")),
                List.of(new Finding("NOT_TESTED_IN_STAGING", Finding.Severity.WARNING,
                        "We recommend testing the upgrade in a staging environment first.")),
                List.of("16.3.9", "16.7.10", "16.11.10"), contact());
    }

    /** An engineer's comment (PUBLIC or INTERNAL) on this request, assigned to {@code alice}. */
    public CommentAdded engineerComment(CommentAdded.Visibility visibility, String body) {
        return comment(id(), "alice", CommentAdded.AuthorRole.ENGINEER, visibility, body, "alice", Region.AMER);
    }

    /** A customer's reply: always PUBLIC. */
    public CommentAdded customerComment(String body, String assignee, Region region) {
        return comment(id(), "customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, body,
                assignee, region);
    }

    public CommentAdded comment(String commentId, String author, CommentAdded.AuthorRole role,
                                CommentAdded.Visibility visibility, String body, String assignee, Region region) {
        return new CommentAdded(id(), Instant.now(), requestId, commentId, author, role, visibility, body, ticketId, form,
                region, assignee, contact());
    }

    /** The same comment published again under a new event id (a producer that re-raised it). */
    public static CommentAdded republished(CommentAdded comment) {
        return CommentAddedBuilder.from(comment).eventId(id()).occurredAt(Instant.now()).build();
    }

    public RequestDeclined declined() {
        return new RequestDeclined(id(), Instant.now(), requestId, 1, DeclineReason.POSTPONE_RECOMMENDED,
                "The window starts in less than a day.", "review-service", contact());
    }

    public BookingLinkIssued bookingLink() {
        return new BookingLinkIssued(id(), Instant.now(), requestId, "link-1", id(),
                "https://upgrade-assist.example/book/abc123?x=1&y=2", Instant.parse("2026-12-10T17:00:00Z"),
                "Sam Engineer", 30, contact());
    }

    public ReviewCallBooked callBooked() {
        return new ReviewCallBooked(id(), Instant.now(), requestId, "link-1", "Sam Engineer", engineer,
                Instant.parse("2026-12-08T15:00:00Z"), Instant.parse("2026-12-08T15:30:00Z"), contact());
    }

    // ------------------------------------------------------------------ the call and its invitations

    public static final Instant BOOKED_START = Instant.parse("2026-12-08T15:00:00Z"); // 10:00 New York
    public static final Instant MOVED_START = Instant.parse("2026-12-09T14:30:00Z"); // 09:30 New York
    public static final String MEETING_URL = "https://meet.gitlab.example/sam-engineer";

    /** The call's stable identity: the invitation's UID is {@code <callId>@upgrade-assist}. */
    public final String callId = "call-" + UUID.randomUUID();
    /** The customer's link to manage the call (only their emails show it). */
    public final String manageUrl = "https://upgrade-assist.example/calls/" + UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");

    /** A booking with the call's identity (sequence 0), the manage link and the meeting room. */
    public ReviewCallBooked callBookedWithInvitation() {
        return new ReviewCallBooked(id(), Instant.now(), requestId, "link-" + callId, "Sam Engineer", engineer,
                BOOKED_START, BOOKED_START.plusSeconds(1800), contact(), callId, 0, manageUrl, MEETING_URL);
    }

    /** The customer moved the call: {@code sequence} is the invitation's new SEQUENCE. */
    public ReviewCallRescheduled callRescheduled(int sequence, Instant previousStart, Instant start) {
        return new ReviewCallRescheduled(id(), Instant.now(), requestId, callId, sequence, "Sam Engineer", engineer,
                previousStart, start, start.plusSeconds(1800), manageUrl, MEETING_URL, "customer", contact());
    }

    public ReviewCallCancelled callCancelled(int sequence, Instant start, ReviewCallCancelled.Reason reason, String actor) {
        return new ReviewCallCancelled(id(), Instant.now(), requestId, callId, sequence, "Sam Engineer", engineer,
                start, start.plusSeconds(1800), reason, actor, contact());
    }

    /** A link an engineer issued again: a new link id. */
    public BookingLinkIssued bookingLinkReissued(String linkId, String by) {
        return new BookingLinkIssued(id(), Instant.now(), requestId, linkId, null,
                "https://upgrade-assist.example/book/" + linkId, Instant.parse("2026-12-10T17:00:00Z"),
                "Sam Engineer", 30, contact(), by);
    }

    public static ReviewCallBooked republished(ReviewCallBooked e) {
        return ReviewCallBookedBuilder.from(e).eventId(id()).occurredAt(Instant.now()).build();
    }

    public static ReviewCallRescheduled republished(ReviewCallRescheduled e) {
        return ReviewCallRescheduledBuilder.from(e).eventId(id()).occurredAt(Instant.now()).build();
    }

    public static ReviewCallCancelled republished(ReviewCallCancelled e) {
        return ReviewCallCancelledBuilder.from(e).eventId(id()).occurredAt(Instant.now()).build();
    }

    public static BookingLinkIssued republished(BookingLinkIssued e) {
        return BookingLinkIssuedBuilder.from(e).eventId(id()).occurredAt(Instant.now()).build();
    }

    public EngineerHandedOff handedOff() {
        return new EngineerHandedOff(id(), Instant.now(), requestId, "Sam Engineer", engineer, "Kim Engineer",
                otherEngineer, "Customer prefers mornings.", Instant.parse("2026-12-08T15:00:00Z"), contact(),
                "Sam Engineer");
    }

    public TicketOnHold onHold() {
        return new TicketOnHold(id(), Instant.now(), requestId, UPGRADE_START, 240, "Sam Engineer", contact());
    }

    public RollbackAdvised rollbackAdvised(boolean now) {
        return new RollbackAdvised(id(), Instant.now(), requestId, now ? 25 : 150, 90, now,
                "Stop the upgrade and restore the backup taken before the first hop.", "Sam Engineer", engineer,
                contact());
    }

    public RequestCompleted completed() {
        return new RequestCompleted(id(), Instant.now(), requestId, "All hops done, background migrations finished.",
                "Sam Engineer", engineer, contact());
    }

    public BookingLinkExpired linkExpired() {
        return new BookingLinkExpired(id(), Instant.now(), requestId, "link-1", BookingLinkExpired.Reason.EXPIRED);
    }

    // ------------------------------------------------------------------ the clocks (intake's timers)

    public static final Instant CLOCK_STARTED = Instant.parse("2026-12-01T10:15:34Z");
    public static final Instant SLA_DUE = Instant.parse("2026-12-01T14:15:34Z"); // 15:15 Berlin, 19:45 Kolkata
    public static final Instant AWAITING_SINCE = Instant.parse("2026-12-03T09:41:02Z");
    public static final Instant CLOSES_AT = Instant.parse("2026-12-17T09:41:02Z"); // 04:41 New York
    public static final Instant WINDOW_END = UPGRADE_START.plusSeconds(240 * 60); // 2026-12-13T07:00Z, 02:00 New York
    public static final Instant CALL_START = Instant.parse("2026-12-08T15:00:00Z"); // 10:00 New York, 20:30 Kolkata

    public SlaBreached slaBreached(SlaBreached.Kind kind, Instant dueAt, String assignee, Region region) {
        return new SlaBreached(id(), Instant.now(), requestId, ticketId, kind, CLOCK_STARTED, dueAt,
                form == Form.US_FEDERAL ? "US_GOVERNMENT" : "24x5", form, region, assignee, contact());
    }

    public SlaBreached slaBreached(String assignee, Region region) {
        return slaBreached(SlaBreached.Kind.FIRST_RESPONSE, SLA_DUE, assignee, region);
    }

    public PendingReminderDue pendingReminder(Instant closesAt) {
        return new PendingReminderDue(id(), Instant.now(), requestId, ticketId, AWAITING_SINCE, closesAt, form, Region.AMER,
                "alice", contact());
    }

    public OnHoldRecheckDue onHoldRecheck(String assignee, Region region) {
        return new OnHoldRecheckDue(id(), Instant.now(), requestId, ticketId, WINDOW_END, form, region, assignee, contact());
    }

    /** A reminder of a call with an engineer of the directory ({@code chandra}, Asia/Kolkata) at their address. */
    public CallReminderDue callReminderWithChandra() {
        return new CallReminderDue(id(), Instant.now(), requestId, ticketId, CALL_START, CALL_START.plusSeconds(1800),
                "chandra", "chandra@gitlab.example", form, contact());
    }

    /** A reminder of a call with an engineer the directory does not know, at this request's engineer address. */
    public CallReminderDue callReminder() {
        return new CallReminderDue(id(), Instant.now(), requestId, ticketId, CALL_START, CALL_START.plusSeconds(1800),
                "Sam Engineer", engineer, form, contact());
    }

    public RequestClosed closed(RequestClosed.Reason reason, String actor) {
        return new RequestClosed(id(), Instant.now(), requestId, ticketId, 2, reason, actor, form, Region.AMER, "alice",
                contact());
    }

    /** The same timer's event published again under a new event id (intake re-raised it). */
    public static SlaBreached republished(SlaBreached e) {
        return SlaBreachedBuilder.from(e).eventId(id()).occurredAt(Instant.now()).build();
    }

    public static PendingReminderDue republished(PendingReminderDue e) {
        return PendingReminderDueBuilder.from(e).eventId(id()).occurredAt(Instant.now()).build();
    }

    public static OnHoldRecheckDue republished(OnHoldRecheckDue e) {
        return OnHoldRecheckDueBuilder.from(e).eventId(id()).occurredAt(Instant.now()).build();
    }

    public static CallReminderDue republished(CallReminderDue e) {
        return CallReminderDueBuilder.from(e).eventId(id()).occurredAt(Instant.now()).build();
    }

    public static RequestClosed republished(RequestClosed e) {
        return RequestClosedBuilder.from(e).eventId(id()).occurredAt(Instant.now()).build();
    }
}
