package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.intake.request.UpgradeRequest.Comment;
import dev.upgradeassist.intake.request.UpgradeRequest.Commented;
import dev.upgradeassist.intake.request.UpgradeRequest.KeyedComment;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.ids.RandomIds;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Optional;

/**
 * The conversation on a request ({@link UpgradeRequest#comment}), on the request's own fields: a comment, what it means
 * for the clocks, and the idempotency keys that make a retried comment answer the first one.
 */
final class RequestComments {

    private RequestComments() {
    }

    static Commented comment(UpgradeRequest r, String author, CommentAdded.AuthorRole authorRole, CommentAdded.Visibility visibility,
                             String body, String idempotencyKey, String hash, ClockPolicy clocks, Clock clock) {
        Optional<Comment> earlier = keyed(r, idempotencyKey, hash, body);
        if (earlier.isPresent()) {
            return new Commented(earlier.get(), false);
        }
        RequestTransitions.require(r, RequestCommand.COMMENT);
        // to the millisecond, as stored: a retry's answer (read back) and the view show the same time
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Comment comment = new Comment(RandomIds.uuid(), author, authorRole, visibility, body, now);
        if (idempotencyKey != null) {
            r.keyedComments = r.keyedComments == null ? new ArrayList<>() : r.keyedComments;
            r.keyedComments.add(new KeyedComment(idempotencyKey, hash, comment.id(), author, authorRole, visibility, now));
        }
        r.updatedAt = now;
        if (authorRole == CommentAdded.AuthorRole.CUSTOMER) {
            r.lastCustomerActionAt = now;
            if (r.awaitingCustomer) {
                RequestClocks.schedulePending(r, clocks);
            } else if (r.slaKind == null && r.closure != Closure.COMPLETED) {
                RequestClocks.startSla(r, SlaBreached.Kind.NEXT_RESPONSE, now, clocks);
            }
        } else if (visibility == CommentAdded.Visibility.PUBLIC) {
            RequestClocks.responded(r, now);
        }
        RequestClocks.rearm(r);
        r.raiseEvent(new CommentAdded(RandomIds.uuid(), now, r.id(), comment.id(), author, authorRole, visibility, body, r.ticketId,
                r.form(), r.region(), r.assignee, r.contact));
        return new Commented(comment, true);
    }

    /** The comment an idempotency key was used for, when it was; a {@link RuleViolation} when for a different one. */
    private static Optional<Comment> keyed(UpgradeRequest r, String idempotencyKey, String hash, String body) {
        if (idempotencyKey == null || r.keyedComments == null) {
            return Optional.empty();
        }
        for (KeyedComment keyed : r.keyedComments) {
            if (keyed.key().equals(idempotencyKey)) {
                if (!keyed.hash().equals(hash)) {
                    throw RuleViolation.unacceptable(
                            "This Idempotency-Key was already used on this request for a different comment");
                }
                return Optional.of(new Comment(keyed.commentId(), keyed.author(), keyed.authorRole(),
                        keyed.visibility(), body, keyed.at()));
            }
        }
        return Optional.empty();
    }

}
