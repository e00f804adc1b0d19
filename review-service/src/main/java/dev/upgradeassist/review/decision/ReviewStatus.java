package dev.upgradeassist.review.decision;

/** Where a request stands after its latest review decision. */
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

    /** Whether an engineer may ask for changes: the revision is complete and waits on Support, not the customer. */
    boolean acceptsChangeRequests() {
        return this == IN_REVIEW || this == APPROVED;
    }
}
