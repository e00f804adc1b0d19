package dev.upgradeassist.intake.conversation;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.intake.request.UpgradeRequest;

import java.time.Instant;

/** A comment as recorded: who wrote it, in which role, who may read it, and when. */
record CommentView(String id, String author, CommentAdded.AuthorRole authorRole, CommentAdded.Visibility visibility,
                   String body, Instant at) {

    static CommentView of(UpgradeRequest.Comment comment) {
        return new CommentView(comment.id(), comment.author(), comment.authorRole(), comment.visibility(),
                comment.body(), comment.at());
    }
}
