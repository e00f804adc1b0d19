package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.request.UpgradeRequest;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/upgrade-requests/{id}}: exactly the shape of the portal contract. */
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
        List<TimelineView> timeline) {

    record BookingLinkView(RequestView.BookingLinkStatus status, Instant expiresAt) {
    }

    record ReviewCallView(Instant start, Instant end) {
    }

    record TimelineView(String type, Instant at, String actor) {
    }

    static RequestDetailsView of(RequestView view) {
        return new RequestDetailsView(view.getId(), view.ticketId(), view.status(),
                view.priority() == null ? "HIGH" : view.priority(), view.form(), view.organizationId(), view.region(),
                view.assignee(), List.copyOf(view.ccs()), List.copyOf(view.deficiencies()),
                List.copyOf(view.findings()), List.copyOf(view.requiredStops()),
                view.bookingLink() == null ? null
                        : new BookingLinkView(view.bookingLink().status(), view.bookingLink().expiresAt()),
                view.reviewCall() == null ? null : new ReviewCallView(view.reviewCall().start(), view.reviewCall().end()),
                view.timeline().stream().map(entry -> new TimelineView(entry.type(), entry.at(),
                        entry.actor() == null ? "system" : entry.actor())).toList());
    }

    /** A request whose RequestReceived has not been projected yet: what intake itself knows. */
    static RequestDetailsView received(UpgradeRequest request) {
        UpgradeSubmission submission = request.getSubmission();
        return new RequestDetailsView(request.getId(), request.getTicketId(), RequestStatus.SUBMITTED,
                request.getPriority(), submission.form(), submission.organizationId(), submission.region(),
                request.getAssignee(), request.ccs(), List.of(), List.of(), List.of(), null, null,
                List.of(new TimelineView("RequestReceived", request.getReceivedAt(), "customer")));
    }
}
