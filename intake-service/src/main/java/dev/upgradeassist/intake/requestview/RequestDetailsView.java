package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.request.RequestClockFields;
import dev.upgradeassist.intake.request.UpgradeRequest;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/upgrade-requests/{id}}: the shape of the portal contract, plus {@code comments} and
 * {@code reviewDecision}. For the customer ({@link Audience#CUSTOMER}) INTERNAL comments and their timeline entries are
 * left out.
 */
record RequestDetailsView(
        String id,
        String ticketId,
        RequestStatus status,
        String priority,
        Form form,
        String organizationId,
        Region region,
        String assignee,
        List<String> ccs,
        List<Deficiency> deficiencies,
        List<Finding> findings,
        List<String> requiredStops,
        BookingLinkView bookingLink,
        ReviewCallView reviewCall,
        List<TimelineView> timeline,
        List<CommentView> comments,
        ReviewDecisionView reviewDecision,
        SlaView sla,
        boolean autoClose,
        RequestClosed.Reason closedReason) {

    /**
     * The running response clock's due time ({@code firstResponseDueAt} or {@code nextResponseDueAt}; both null when
     * no clock runs: answered, or waiting on the customer) and whether a breach was ever recorded (it stays).
     */
    record SlaView(Instant firstResponseDueAt, Instant nextResponseDueAt, boolean breached) {

        static SlaView of(UpgradeRequest.Sla sla) {
            return sla == null ? new SlaView(null, null, false)
                    : new SlaView(sla.firstResponseDueAt(), sla.nextResponseDueAt(), sla.breached());
        }
    }

    /** Who reads: Support (engineers) sees everything, the customer (PORTAL) never an INTERNAL comment. */
    enum Audience { SUPPORT, CUSTOMER }

    record BookingLinkView(RequestRecord.LinkStatus status, Instant expiresAt) {
    }

    record ReviewCallView(Instant start, Instant end) {
    }

    record TimelineView(String type, Instant at, String actor) {
    }

    record CommentView(String id, String author, CommentAdded.AuthorRole authorRole,
                       CommentAdded.Visibility visibility, String body, Instant at) {
    }

    /**
     * The latest review decision about the shown revision: {@code decision} AWAITING_APPROVAL (IN_REVIEW), APPROVED,
     * CHANGES_REQUESTED, INFO_MISSING or DECLINED; {@code by} the engineer or {@code system}; {@code approvalMode} for
     * an approval; {@code feedback} the engineer's text for the customer (a decline's explanation), or null.
     */
    record ReviewDecisionView(RequestRecord.Decision decision, int revision, String by,
                              PlanApproved.ApprovalMode approvalMode, String feedback, Instant at) {
    }

    /** The view, with the SLA and auto-close as the request's own document has them now (null: as the view last saw them). */
    static RequestDetailsView of(RequestRecord view, Audience audience, RequestClockFields request) {
        boolean customer = audience != Audience.SUPPORT;
        RequestRecord.ReviewDecision decision = view.reviewDecision();
        return new RequestDetailsView(view.id(), view.ticketId(), view.status(),
                view.priority() == null ? "HIGH" : view.priority(), view.form(), view.organizationId(), view.region(),
                view.assignee(), List.copyOf(view.ccs()), List.copyOf(view.deficiencies()),
                List.copyOf(view.findings()), List.copyOf(view.requiredStops()),
                view.bookingLink() == null ? null
                        : new BookingLinkView(view.bookingLink().status(), view.bookingLink().expiresAt()),
                view.reviewCall() == null ? null : new ReviewCallView(view.reviewCall().start(), view.reviewCall().end()),
                view.timeline().stream()
                        .filter(entry -> !customer || entry.customerMaySee())
                        .map(entry -> new TimelineView(entry.type(), entry.at(),
                                entry.actor() == null ? "system" : entry.actor())).toList(),
                view.comments().stream()
                        .filter(comment -> !customer || comment.customerMaySee())
                        .map(comment -> new CommentView(comment.id(), comment.author(), comment.authorRole(),
                                comment.visibility(), comment.body(), comment.at())).toList(),
                decision == null ? null : new ReviewDecisionView(decision.decision(), decision.revision(),
                        decision.by(), decision.approvalMode(), decision.feedback(), decision.at()),
                request != null ? SlaView.of(request.sla())
                        : new SlaView(view.firstResponseDueAt(), view.nextResponseDueAt(), view.slaBreached()),
                request == null || request.autoCloseEnabled(),
                view.closedReason());
    }

    /** A request whose RequestReceived has not been projected yet: what intake itself knows. */
    static RequestDetailsView received(UpgradeRequest request) {
        UpgradeSubmission submission = request.submission();
        return new RequestDetailsView(request.id(), request.ticketId(), RequestStatus.SUBMITTED,
                request.priority(), submission.form(), submission.organizationId(), submission.region(),
                request.assignee(), request.ccs(), List.of(), List.of(), List.of(), null, null,
                List.of(new TimelineView("RequestReceived", request.receivedAt(), "customer")), List.of(), null,
                SlaView.of(request.sla()), request.autoCloseEnabled(), request.closedReason());
    }
}
