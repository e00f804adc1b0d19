package dev.upgradeassist.notification.ledger;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The upgrade start of each approved revision of a request, as its {@code PlanApproved} said, for the emails of later
 * events that do not carry it (review-service's re-check of an approved plan: {@code ChangesRequested} names the
 * revision, not the window). Kept in the request's {@code request_milestones} document under
 * {@code approvedStarts.r<revision>}, written with the key of the PlanApproved email ({@link MilestoneFacts#approved}):
 * a redelivery or replay writes the same value again, and PlanApproved and
 * ChangesRequested of a request share a topic and a key, so the approval is read before the re-check.
 */
@Component
public class ApprovedWindows {

    private static final String FIELD = "approvedStarts";

    private final MongoTemplate mongo;
    private final LedgerWrites writes;

    ApprovedWindows(MongoTemplate mongo, LedgerWrites writes) {
        this.mongo = mongo;
        this.writes = writes;
    }

    /**
     * Adds to {@code update} (the upsert that lists the PlanApproved email's key, {@link RequestMilestones#listed})
     * when the approved plan of this revision starts its upgrade.
     */
    static void approved(Update update, int revision, Instant upgradeStart) {
        update.set(FIELD + ".r" + revision, Date.from(upgradeStart));
    }

    /**
     * The upgrade start of this revision's approved plan; else (approved before this was remembered, or another
     * revision) the start of the latest approved revision before it; empty when none is known.
     */
    public Optional<Instant> upgradeStart(String requestId, int revision) {
        if (requestId == null) {
            return Optional.empty();
        }
        writes.flushBeforeRead(requestId); // a PlanApproved of the same poll deferred the window
        Document milestone = mongo.findById(requestId, Document.class, RequestMilestones.COLLECTION);
        if (milestone == null || !(milestone.get(FIELD) instanceof Document starts)) {
            return Optional.empty();
        }
        if (starts.get("r" + revision) instanceof Date exact) {
            return Optional.of(exact.toInstant());
        }
        Instant found = null;
        int foundRevision = Integer.MIN_VALUE;
        for (String key : starts.keySet()) {
            int r;
            try {
                r = Integer.parseInt(key.substring(1));
            } catch (RuntimeException e) {
                continue;
            }
            if (r < revision && r > foundRevision && starts.get(key) instanceof Date date) {
                found = date.toInstant();
                foundRevision = r;
            }
        }
        return Optional.ofNullable(found);
    }
}
