package dev.upgradeassist.review.decision;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An engineer approves the revision in review (approval mode {@code ENGINEER}).
 *
 * @param feedback what the customer is told with the approval (optional)
 * @param revision the revision the engineer reviewed (optional): when it is not the current one, the approval is
 *                 stale and refused (409)
 */
record ApproveBody(
        @Size(max = ApproveBody.MAX_FEEDBACK) String feedback,
        @Positive Integer revision) {

    static final int MAX_FEEDBACK = 20_000;
}
