package dev.upgradeassist.review.decision;

/** Where a request stands after its latest review decision. */
public enum ReviewStatus {
    /** Nothing decided yet (the aggregate exists only between creation and its first decision). */
    PENDING,
    INFO_MISSING,
    APPROVED,
    DECLINED
}
