package dev.upgradeassist.intake.requestview;

/**
 * Where a request stands, as the portal and the engineers see it. Within one revision the statuses
 * only move forward along {@link #rank()}: review decisions (rank 1) come before the scheduling
 * statuses (CALL_LINK_ISSUED &lt; CALL_BOOKED &lt; ON_HOLD &lt; ROLLBACK_ADVISED &lt; COMPLETED), so a
 * late or replayed event never moves a request backwards. Review decisions among themselves follow time
 * (IN_REVIEW, then the engineer's APPROVED), and an engineer's decline or request for changes is ordered by
 * time against everything in its revision (it may come after the call).
 */
public enum RequestStatus {
    SUBMITTED(0),
    /** Complete and waiting for an engineer's approval (approval mode ENGINEER). */
    IN_REVIEW(1),
    AWAITING_INFO(1),
    APPROVED(1),
    DECLINED(1),
    CALL_LINK_ISSUED(2),
    CALL_BOOKED(3),
    ON_HOLD(4),
    ROLLBACK_ADVISED(5),
    COMPLETED(6),
    /**
     * Closed without an outcome (issue 18 projects it, with its reason); accepted as a queue filter already, and
     * nothing sets it yet.
     */
    CLOSED(6);

    private final int rank;

    RequestStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
