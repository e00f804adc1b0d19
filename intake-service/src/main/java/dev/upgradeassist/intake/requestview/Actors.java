package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;

/** Who caused an event, as the request's timeline and comments show it. */
final class Actors {

    private Actors() {
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
        if (event instanceof BookingLinkIssued e && SchedulingProjection.isReissue(e)) {
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
    }}
