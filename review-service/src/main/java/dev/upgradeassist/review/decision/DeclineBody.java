package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.model.DeclineReason;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An engineer's manual decision (domain §d D2/D3).
 *
 * @param reason      {@code POSTPONE_RECOMMENDED} (poorly planned, likely downtime: please reschedule)
 *                    or {@code ENGINEER_DECLINED}
 * @param explanation what the customer is told
 * @param engineer    accepted for old clients and ignored: {@code declinedBy} is the authenticated engineer, never a
 *                    name from the body
 */
record DeclineBody(
        @NotNull ManualReason reason,
        @NotBlank @Size(max = 10_000) String explanation,
        @Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N} ._'@-]*", message = "must be a name") String engineer) {

    /** The reasons an engineer may give; entitlement and scope are decided by review itself. */
    enum ManualReason {
        POSTPONE_RECOMMENDED(DeclineReason.POSTPONE_RECOMMENDED),
        ENGINEER_DECLINED(DeclineReason.ENGINEER_DECLINED);

        private final DeclineReason reason;

        ManualReason(DeclineReason reason) {
            this.reason = reason;
        }

        DeclineReason reason() {
            return reason;
        }
    }
}
