package dev.upgradeassist.notification.ledger;

import java.time.Instant;

/**
 * What an email's event tells the request's milestones ({@code request_milestones}), written in the same upsert that
 * lists the email's ledger key under its request: one write per email, not one per fact.
 *
 * @param submittedAt      RequestReceived's email: when the request was submitted, the start of the
 *                         {@code submitted_to_first_email} stage (the earliest wins); else null
 * @param approvedRevision PlanApproved's email: the approved revision ({@link ApprovedWindows}); ignored without
 *                         {@code approvedStart}
 * @param approvedStart    PlanApproved's email: when that revision's upgrade starts; else null
 */
public record MilestoneFacts(Instant submittedAt, int approvedRevision, Instant approvedStart) {

    /** Nothing beyond the email's key. */
    public static final MilestoneFacts NONE = new MilestoneFacts(null, 0, null);

    /** The email of a RequestReceived submitted at {@code submittedAt} (null: {@link #NONE}). */
    public static MilestoneFacts submitted(Instant submittedAt) {
        return submittedAt == null ? NONE : new MilestoneFacts(submittedAt, 0, null);
    }

    /** The email of a PlanApproved: the approved revision and when its upgrade starts. */
    public static MilestoneFacts approved(int revision, Instant upgradeStart) {
        return new MilestoneFacts(null, revision, upgradeStart);
    }
}
