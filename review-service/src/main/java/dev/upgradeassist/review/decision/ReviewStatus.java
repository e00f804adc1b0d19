package dev.upgradeassist.review.decision;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a request stands after its latest review decision, and where it may go from there ({@link #canBecome}).
 *
 * <p>The transitions: a decision on a newer revision ({@link #INFO_MISSING}, {@link #IN_REVIEW}, {@link #APPROVED},
 * {@link #DECLINED}) from every status but {@link #COMPLETED}; an engineer's approval from {@link #IN_REVIEW}; a
 * request for changes (an engineer's, or the re-check's) from {@link #IN_REVIEW} or {@link #APPROVED}; an engineer's
 * decline from every open status; a reported success ({@link #COMPLETED}) and intake's closure ({@link #CLOSED}) from
 * every status after the first decision. Commands that ask for another transition are refused; the facts intake
 * reports (an outcome, a closure) are recorded as they come, and a stale or repeated one changes nothing.
 */
public enum ReviewStatus {
    /** Nothing decided yet (the aggregate exists only between creation and its first decision). */
    PENDING,
    /** The automatic checks found deficiencies: waits on the customer's amendment. */
    INFO_MISSING,
    /** Approval mode {@code ENGINEER}: complete, waits for an engineer's approval (or request for changes). */
    IN_REVIEW,
    APPROVED,
    /** An engineer asked for changes: waits on the customer's amendment, as {@link #INFO_MISSING} does. */
    CHANGES_REQUESTED,
    DECLINED,
    /** The customer reported the upgrade's outcome: nothing more is decided. */
    COMPLETED,
    /**
     * Intake closed the request ({@code RequestClosed}: no response from the customer, or closed by an engineer):
     * engineers' decisions are refused; a newer revision (an amendment intake accepted) is reviewed as usual.
     */
    CLOSED;

    /** The statuses a review of a revision decides. */
    private static final Set<ReviewStatus> DECISIONS = EnumSet.of(INFO_MISSING, IN_REVIEW, APPROVED, DECLINED);

    /** Whether a request in this status may move to {@code next}. */
    public boolean canBecome(ReviewStatus next) {
        return switch (this) {
            case PENDING -> DECISIONS.contains(next);
            case INFO_MISSING, DECLINED -> DECISIONS.contains(next) || next == COMPLETED || next == CLOSED;
            case IN_REVIEW, APPROVED -> DECISIONS.contains(next) || next == CHANGES_REQUESTED || next == COMPLETED
                    || next == CLOSED;
            case CHANGES_REQUESTED -> DECISIONS.contains(next) || next == COMPLETED || next == CLOSED;
            case COMPLETED -> next == CLOSED;
            case CLOSED -> DECISIONS.contains(next) || next == COMPLETED;
        };
    }

    /** Whether an engineer may ask for changes: the revision is complete and waits on Support, not the customer. */
    boolean acceptsChangeRequests() {
        return canBecome(CHANGES_REQUESTED);
    }

    /** Whether an engineer may approve: only a complete revision waiting for that approval. */
    boolean awaitsApproval() {
        return this == IN_REVIEW;
    }
}
