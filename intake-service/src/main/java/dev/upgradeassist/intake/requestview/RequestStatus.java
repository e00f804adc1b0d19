package dev.upgradeassist.intake.requestview;

/**
 * Where a request stands, as the portal and the engineers see it. Within one revision the statuses
 * only move forward along {@link #rank()}: review decisions (rank 1) come before the scheduling
 * statuses (CALL_LINK_ISSUED &lt; CALL_BOOKED &lt; ON_HOLD &lt; ROLLBACK_ADVISED &lt; COMPLETED), so a
 * late or replayed event never moves a request backwards.
 */
public enum RequestStatus {
    SUBMITTED(0),
    AWAITING_INFO(1),
    APPROVED(1),
    DECLINED(1),
    CALL_LINK_ISSUED(2),
    CALL_BOOKED(3),
    ON_HOLD(4),
    ROLLBACK_ADVISED(5),
    COMPLETED(6);

    private final int rank;

    RequestStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
