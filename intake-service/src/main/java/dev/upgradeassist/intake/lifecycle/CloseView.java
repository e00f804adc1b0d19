package dev.upgradeassist.intake.lifecycle;

import dev.upgradeassist.contracts.RequestClosed;

/** A request an engineer closed: status {@code CLOSED}, the reason, who closed it and the revision it was at. */
record CloseView(String id, String ticketId, String status, RequestClosed.Reason closedReason, String closedBy,
                 int revision) {
}
