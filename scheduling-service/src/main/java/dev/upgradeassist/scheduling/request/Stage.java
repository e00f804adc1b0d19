package dev.upgradeassist.scheduling.request;

/** Where a request stands, as far as scheduling is concerned. */
public enum Stage {
    /** Known (assigned, say) but not approved yet. */
    OPEN,
    /** Approved with a review call offered: waiting for the customer to book it. */
    CALL_LINK_ISSUED,
    /** The upgrade is scheduled (and the call, if any, booked): waiting for the customer's outcome. */
    ON_HOLD,
    /**
     * An engineer asked the customer for changes (ChangesRequested): back with the customer, waiting for an amended
     * revision's approval. No link is open; a call booked before is kept.
     */
    CHANGES_REQUESTED,
    /** The customer reported problems and was advised to roll back; a later outcome may still complete it. */
    ROLLBACK_ADVISED,
    COMPLETED,
    DECLINED
}
