package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;

/**
 * One row of the engineers' queue: with the running response clock's due time ({@code sla}) and whether a breach was
 * recorded ({@code breached}, also in {@code sla}).
 */
record RequestSummaryView(String id, String ticketId, RequestStatus status, String priority, Form form,
                          String organizationId, Region region, String assignee, Instant receivedAt,
                          RequestDetailsView.SlaView sla, boolean breached, RequestClosed.Reason closedReason) {

    static RequestSummaryView of(RequestRecord view) {
        return new RequestSummaryView(view.id(), view.ticketId(), view.status(),
                view.priority() == null ? "HIGH" : view.priority(), view.form(), view.organizationId(), view.region(),
                view.assignee(), view.receivedAt(),
                new RequestDetailsView.SlaView(view.firstResponseDueAt(), view.nextResponseDueAt(), view.slaBreached()),
                view.slaBreached(), view.closedReason());
    }
}
