package dev.upgradeassist.scheduling.request;

import java.time.Instant;

/**
 * A single-use link to book the review call. Only the SHA-256 of its token is stored; the token itself exists only in
 * the link the customer is emailed.
 *
 * @param linkId          stable id, derived from the request and the approval it answers
 * @param approvalEventId the {@code PlanApproved} event the link answers (one link per approval)
 * @param revision        the approved revision
 * @param tokenHash       base64url SHA-256 of the token
 */
public record BookingLink(String linkId, String approvalEventId, int revision, String tokenHash, LinkStatus status,
                          Instant issuedAt, Instant expiresAt, Instant closedAt) {

    /** The same words for an unknown, used, expired or revoked token: the answer never tells which tokens exist. */
    public static final String UNAVAILABLE =
            "This booking link cannot be used. If you still need the review call, reply to your support ticket.";

    public boolean usableAt(Instant now) {
        return status == LinkStatus.ISSUED && expiresAt.isAfter(now);
    }

    BookingLink close(LinkStatus newStatus, Instant at) {
        if (!status.canBecome(newStatus)) {
            throw new IllegalStateException("A " + status + " link cannot become " + newStatus);
        }
        return new BookingLink(linkId, approvalEventId, revision, tokenHash, newStatus, issuedAt, expiresAt, at);
    }
}
