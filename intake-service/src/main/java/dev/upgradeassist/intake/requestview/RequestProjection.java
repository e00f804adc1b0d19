package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.requestview.RequestRecord.Comment;
import dev.upgradeassist.intake.requestview.RequestRecord.Decision;
import dev.upgradeassist.intake.requestview.RequestRecord.ReviewDecision;
import dev.upgradeassist.intake.requestview.RequestRecord.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How events change a {@link RequestRecord}: intake's own events and review's decisions, the comments and the
 * timeline, and the order the status moves in (by revision, rank and time); scheduling's events are
 * {@link SchedulingProjection}'s. Events may arrive late or out of order: a stale one changes nothing.
 */
final class RequestProjection {

    private RequestProjection() {
    }

    /** Applies one event; the caller records the event id with it. */
    static void apply(RequestRecord r, DomainEvent event) {
        addToTimeline(r, event);
        if (SchedulingProjection.apply(r, event)) {
            // scheduling's events: the booking link, the call, on hold, rollback advice, completion
        } else if (event instanceof RequestReceived e) {
            r.receivedAt = r.receivedAt == null || e.occurredAt().isBefore(r.receivedAt) ? e.occurredAt() : r.receivedAt;
            submitted(r, e.revision(), e.occurredAt(), e.ticketId(), e.priority(), e.submission(), e.contact());
        } else if (event instanceof RequestAmended e) {
            submitted(r, e.revision(), e.occurredAt(), e.ticketId(), e.priority(), e.submission(), e.contact());
        } else if (event instanceof EngineerAssigned e) {
            fillTicketId(r, e.ticketId());
            assign(r, e.engineer(), e.occurredAt());
            if (e.ccs() != null) {
                e.ccs().forEach(cc -> addCc(r, cc));
            }
        } else if (event instanceof UpgradeOutcomeReported e) {
            fillTicketId(r, e.ticketId());
        } else if (event instanceof InfoMissing e) {
            decided(r, e.revision(), e.occurredAt(), RequestStatus.AWAITING_INFO, e.contact());
            if (decisionIsCurrent(r, e.revision(), e.occurredAt())) {
                showDecision(r, e.revision(), e.occurredAt(), e.deficiencies(), e.findings(), e.requiredStops());
                r.reviewDecision = new ReviewDecision(Decision.INFO_MISSING, e.revision(), "system", null, null,
                        e.occurredAt());
            }
        } else if (event instanceof PlanApproved e) {
            decided(r, e.revision(), e.occurredAt(), RequestStatus.APPROVED, e.contact());
            fillTicketId(r, e.ticketId());
            r.form = r.form == null ? e.form() : r.form;
            r.region = r.region == null ? e.region() : r.region;
            if (decisionIsCurrent(r, e.revision(), e.occurredAt())) {
                showDecision(r, e.revision(), e.occurredAt(), List.of(), e.findings(), e.requiredStops());
                r.approvedAt = e.occurredAt();
                r.reviewDecision = new ReviewDecision(Decision.APPROVED, e.revision(), Actors.actorOf(e),
                        e.approvalMode() == null ? PlanApproved.ApprovalMode.AUTOMATIC : e.approvalMode(),
                        e.feedback(), e.occurredAt());
            }
        } else if (event instanceof PlanAwaitingApproval e) {
            decided(r, e.revision(), e.occurredAt(), RequestStatus.IN_REVIEW, e.contact());
            fillTicketId(r, e.ticketId());
            r.form = r.form == null ? e.form() : r.form;
            r.region = r.region == null ? e.region() : r.region;
            if (decisionIsCurrent(r, e.revision(), e.occurredAt())) {
                // the automatic checks' result is the engineer's pre-check
                showDecision(r, e.revision(), e.occurredAt(), List.of(), e.findings(), e.requiredStops());
                r.reviewDecision = new ReviewDecision(Decision.AWAITING_APPROVAL, e.revision(), "system", null, null,
                        e.occurredAt());
            }
        } else if (event instanceof ChangesRequested e) {
            fillFrom(r, e.contact());
            r.firstReviewedAt = r.firstReviewedAt == null || e.occurredAt().isBefore(r.firstReviewedAt)
                    ? e.occurredAt() : r.firstReviewedAt;
            advance(r, RequestStatus.AWAITING_INFO, e.revision(), e.occurredAt(), true);
            if (decisionIsCurrent(r, e.revision(), e.occurredAt())) {
                showDecision(r, e.revision(), e.occurredAt(), e.deficiencies(), e.findings(), e.requiredStops());
                r.reviewDecision = new ReviewDecision(Decision.CHANGES_REQUESTED, e.revision(), Actors.actorOf(e), null,
                        e.feedback(), e.occurredAt());
            }
        } else if (event instanceof RequestDeclined e) {
            if (decided(r, e.revision(), e.occurredAt(), RequestStatus.DECLINED, e.contact())) {
                r.declineReason = e.reason();
            }
            if (decisionIsCurrent(r, e.revision(), e.occurredAt())) {
                r.decisionRevision = e.revision();
                r.decisionAt = e.occurredAt();
                r.reviewDecision = new ReviewDecision(Decision.DECLINED, e.revision(), Actors.actorOf(e), null,
                        e.explanation(), e.occurredAt());
            }
        } else if (event instanceof CommentAdded e) {
            fillTicketId(r, e.ticketId());
            fillFrom(r, e.contact());
            addComment(r, e);
        } else if (event instanceof RequestClosed e) {
            fillFrom(r, e.contact());
            fillTicketId(r, e.ticketId());
            if (advance(r, RequestStatus.CLOSED, Math.max(e.revision(), 1), e.occurredAt(), true)) {
                r.closedReason = e.reason();
            }
        }
        // SlaBreached, PendingReminderDue, OnHoldRecheckDue, CallReminderDue: the timeline entry (and the clocks)
        r.collectStageSamples();
    }

    static void submitted(RequestRecord r, int revision, Instant at, String ticket, String newPriority, UpgradeSubmission submission,
                           CustomerContact contact) {
        fillTicketId(r, ticket);
        fillFrom(r, contact);
        if (revision >= r.submissionRevision) {
            r.submissionRevision = revision;
            r.priority = newPriority == null ? r.priority : newPriority;
            if (submission != null) {
                r.form = submission.form();
                r.organizationId = submission.organizationId();
                r.region = submission.region();
            }
        }
        if (advance(r, RequestStatus.SUBMITTED, revision, at)) {
            r.declineReason = null;
            r.closedReason = null;
            if (r.decisionRevision < revision) {
                r.deficiencies = new ArrayList<>();
                r.findings = new ArrayList<>();
                r.requiredStops = new ArrayList<>();
                r.reviewDecision = null;
            }
        }
        if (revision == r.statusRevision) {
            r.revisionSince = at;
        }
    }

    static boolean decided(RequestRecord r, int revision, Instant at, RequestStatus next, CustomerContact contact) {
        fillFrom(r, contact);
        r.firstReviewedAt = r.firstReviewedAt == null || at.isBefore(r.firstReviewedAt) ? at : r.firstReviewedAt;
        return advance(r, next, revision, at);
    }

    /** A decision's data is shown when it is about the current revision and not older than the one shown. */
    static boolean decisionIsCurrent(RequestRecord r, int revision, Instant at) {
        if (revision < Math.max(r.statusRevision, r.submissionRevision)) {
            return false;
        }
        return revision > r.decisionRevision || r.decisionAt == null || !at.isBefore(r.decisionAt);
    }

    static void showDecision(RequestRecord r, int revision, Instant at, List<Deficiency> newDeficiencies, List<Finding> newFindings,
                              List<String> stops) {
        r.decisionRevision = revision;
        r.decisionAt = at;
        r.deficiencies = newDeficiencies == null ? new ArrayList<>() : new ArrayList<>(newDeficiencies);
        r.findings = newFindings == null ? new ArrayList<>() : new ArrayList<>(newFindings);
        r.requiredStops = stops == null ? new ArrayList<>() : new ArrayList<>(stops);
    }

    /**
     * Moves the status when (revision, rank, time) is not behind the current one. Within a revision a
     * decline is ordered by time against everything else (an engineer may decline after the call),
     * and COMPLETED is final.
     */
    static boolean advance(RequestRecord r, RequestStatus next, int revision, Instant at) {
        return advance(r, next, revision, at, false);
    }

    /** @param byTime an engineer's decision that is ordered by time against everything in its revision */
    static boolean advance(RequestRecord r, RequestStatus next, int revision, Instant at, boolean byTime) {
        int order;
        if (revision != r.statusRevision) {
            order = Integer.compare(revision, r.statusRevision);
        } else if (r.status == RequestStatus.COMPLETED || r.status == RequestStatus.CLOSED) {
            order = -1; // final within the revision (a NO_RESPONSE close is reopened by an amendment: a newer revision)
        } else if (byTime || r.statusByTime || next == RequestStatus.DECLINED || r.status == RequestStatus.DECLINED) {
            order = r.statusAt == null ? 1 : at.compareTo(r.statusAt);
        } else if (next.rank() != r.statusRank) {
            order = Integer.compare(next.rank(), r.statusRank);
        } else {
            order = r.statusAt == null ? 1 : at.compareTo(r.statusAt);
        }
        if (order < 0) {
            return false;
        }
        r.status = next;
        r.statusRevision = revision;
        r.statusRank = next.rank();
        r.statusAt = at;
        r.statusByTime = byTime;
        return true;
    }

    static void assign(RequestRecord r, String engineer, Instant at) {
        if (engineer != null && !engineer.isBlank() && (r.assigneeAt == null || !at.isBefore(r.assigneeAt))) {
            r.assignee = engineer;
            r.assigneeAt = at;
        }
    }

    static void fillFrom(RequestRecord r, CustomerContact contact) {
        if (contact != null) {
            fillTicketId(r, contact.ticketId());
            addCc(r, contact.tamEmail());
        }
    }

    static void fillTicketId(RequestRecord r, String ticket) {
        if (r.ticketId == null && ticket != null) {
            r.ticketId = ticket;
        }
    }

    static void addCc(RequestRecord r, String email) {
        if (email != null && !email.isBlank() && !r.ccs.contains(email)) {
            r.ccs.add(email);
        }
    }

    static void addComment(RequestRecord r, CommentAdded e) {
        if (e.commentId() == null || r.comments.stream().anyMatch(comment -> e.commentId().equals(comment.id()))) {
            return;
        }
        r.comments.add(new Comment(e.commentId(), Actors.actorOf(e), e.authorRole(), e.visibility(), e.body(), e.occurredAt()));
        // in the order they were written (a stable sort: comments of the same instant keep their arrival order)
        r.comments.sort(Comparator.comparing(Comment::at));
    }

    static void addToTimeline(RequestRecord r, DomainEvent event) {
        if (r.timeline.stream().noneMatch(entry -> entry.eventId().equals(event.eventId()))) {
            String visibility = event instanceof CommentAdded e
                    ? (e.visibility() == null ? null : e.visibility().name()) : null;
            r.timeline.add(new TimelineEntry(event.eventId(), event.getClass().getSimpleName(), event.occurredAt(),
                    Actors.actorOf(event), visibility));
            r.timeline.sort(Comparator.comparing(TimelineEntry::at));
        }
    }}
