package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import java.util.Objects;

/**
 * The approval mode in force ({@code upgrade-assist.review.approval-mode}), read for every decision rather than
 * fixed in the policy at start-up: a request keeps what it was decided under (one {@code IN_REVIEW} stays approvable
 * by an engineer after a restart in {@code AUTOMATIC}), and the next revision is decided under the mode of its time.
 * {@link #switchTo} exists for the integration tests, which exercise both modes in the module's one cached Spring
 * context; an operator changes the mode with the setting and a restart.
 */
public class ApprovalModeSetting {

    private volatile ApprovalMode mode;

    public ApprovalModeSetting(ApprovalMode mode) {
        this.mode = Objects.requireNonNull(mode, "approval mode");
    }

    public ApprovalMode current() {
        return mode;
    }

    /** Changes the mode for the decisions from now on; decisions already recorded keep theirs. */
    public void switchTo(ApprovalMode mode) {
        this.mode = Objects.requireNonNull(mode, "approval mode");
    }
}
