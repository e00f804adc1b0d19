package dev.upgradeassist.notification.ledger;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Per request: when it was submitted and when its first email went out, so that the
 * {@code submitted_to_first_email} stage is recorded exactly once, replays included.
 * Plain documents in {@code request_milestones} (not an aggregate: nothing to publish).
 */
@Component
class RequestMilestones {

    static final String COLLECTION = "request_milestones";

    private final MongoTemplate mongo;
    private final NotificationMetrics metrics;

    RequestMilestones(MongoTemplate mongo, NotificationMetrics metrics) {
        this.mongo = mongo;
        this.metrics = metrics;
    }

    /** RequestReceived: remembers its occurredAt (the first one wins). */
    void submitted(String requestId, Instant occurredAt) {
        try {
            mongo.upsert(new Query(Criteria.where("_id").is(requestId).and("submittedAt").exists(false)),
                    new Update().set("submittedAt", Date.from(occurredAt)), COLLECTION);
        } catch (DuplicateKeyException e) {
            // known already: a redelivery or replay
        }
    }

    /** An email of this request was sent: records the stage if it is the first one and the submission is known. */
    void emailSent(String requestId, Instant sentAt) {
        Document before;
        try {
            before = mongo.findAndModify(
                    new Query(Criteria.where("_id").is(requestId).and("firstEmailAt").exists(false)),
                    new Update().set("firstEmailAt", Date.from(sentAt)),
                    FindAndModifyOptions.options().upsert(true).returnNew(false), Document.class, COLLECTION);
        } catch (DuplicateKeyException e) {
            return; // the first email was recorded before
        }
        if (before != null && before.get("submittedAt") instanceof Date submitted) {
            metrics.firstEmail(Duration.between(submitted.toInstant(), sentAt));
        }
    }
}
