package dev.upgradeassist.scheduling.request;

/**
 * Where a request stands, as far as scheduling is concerned, and which stage may follow which
 * ({@link #canBecome(Stage)}).
 */
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
    DECLINED;

    /**
     * The allowed transitions: a completed request stays completed; every other stage may be followed by any stage
     * but {@code OPEN} (a newer revision's approval re-opens even a declined request; ON_HOLD follows ON_HOLD when a
     * re-approval changes the schedule).
     */
    public boolean canBecome(Stage next) {
        return switch (this) {
            case COMPLETED -> false;
            case OPEN, CALL_LINK_ISSUED, ON_HOLD, CHANGES_REQUESTED, ROLLBACK_ADVISED, DECLINED -> next != OPEN;
        };
    }

    /** Completed or declined: the customer can no longer change the call, and nobody can hand the request off. */
    public boolean isClosed() {
        return this == COMPLETED || this == DECLINED;
    }

    /** A link can be booked only while the request waits for its call. */
    boolean acceptsBooking() {
        return this == CALL_LINK_ISSUED;
    }

    /** An engineer can re-issue a link only while the approved request waits for its call or its upgrade. */
    boolean acceptsReissuedLink() {
        return this == CALL_LINK_ISSUED || this == ON_HOLD;
    }
}
