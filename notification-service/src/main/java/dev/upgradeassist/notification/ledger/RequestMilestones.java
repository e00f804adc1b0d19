package dev.upgradeassist.notification.ledger;

import org.bson.Document;
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

    /**
     * RequestReceived: remembers its occurredAt (the earliest wins, so a redelivery or replay changes nothing).
     * Every query here is by {@code _id} alone, which the embedded MongoDB-protocol server serves from its index.
     */
    void submitted(String requestId, Instant occurredAt) {
        mongo.upsert(new Query(Criteria.where("_id").is(requestId)),
                new Update().min("submittedAt", Date.from(occurredAt)), COLLECTION);
    }

    /** An email of this request was sent: records the stage if it is the first one and the submission is known. */
    void emailSent(String requestId, Instant sentAt) {
        Document before = mongo.findAndModify(new Query(Criteria.where("_id").is(requestId)),
                new Update().min("firstEmailAt", Date.from(sentAt)),
                FindAndModifyOptions.options().upsert(true).returnNew(false), Document.class, COLLECTION);
        boolean first = before == null || !before.containsKey("firstEmailAt");
        if (first && before != null && before.get("submittedAt") instanceof Date submitted) {
            metrics.firstEmail(Duration.between(submitted.toInstant(), sentAt));
        }
    }
}
