package dev.upgradeassist.scheduling.request;

import dev.upgradeassist.contracts.ReviewCallCancelled;

import java.time.Instant;

/**
 * A call that was cancelled, kept so that its manage token answers "cancelled" (410) rather than "unknown" (404). It
 * holds no slot: the slot is free again.
 *
 * @param sequence the cancellation's SEQUENCE
 */
public record CancelledCall(String callId, String engineer, Instant start, Instant end, int sequence,
                            String manageTokenHash, ReviewCallCancelled.Reason reason, String actor,
                            Instant cancelledAt) {
}
