package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;

/** One row of the engineers' queue. */
record RequestSummaryView(String id, String ticketId, RequestStatus status, String priority, Form form,
                          String organizationId, Region region, String assignee, Instant receivedAt) {

    static RequestSummaryView of(RequestView view) {
        return new RequestSummaryView(view.getId(), view.ticketId(), view.status(),
                view.priority() == null ? "HIGH" : view.priority(), view.form(), view.organizationId(), view.region(),
                view.assignee(), view.receivedAt());
    }
}
