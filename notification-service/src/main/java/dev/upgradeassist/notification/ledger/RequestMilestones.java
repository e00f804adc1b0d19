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
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per request: the ledger keys of its emails, when it was submitted and when its first email went out, so that the
 * {@code submitted_to_first_email} stage is recorded exactly once, replays included.
 * Plain documents in {@code request_milestones} (not an aggregate: nothing to publish).
 */
@Component
class RequestMilestones {

    static final String COLLECTION = "request_milestones";

    /** How many requests this instance remembers as having their first email recorded. */
    private static final int REMEMBERED = 20_000;

    private final MongoTemplate mongo;
    private final NotificationMetrics metrics;
    /**
     * Requests whose first email this instance has seen recorded: a later email of theirs needs no write here
     * (the stage is recorded once, by whoever recorded the first email). Bounded, oldest forgotten first;
     * forgetting one only costs the write again.
     */
    private final Set<String> firstEmailRecorded = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    RequestMilestones(MongoTemplate mongo, NotificationMetrics metrics) {
        this.mongo = mongo;
        this.metrics = metrics;
    }

    /** An email of this request was sent: records the stage if it is the first one and the submission is known. */
    void emailSent(String requestId, Instant sentAt) {
        if (firstEmailRecorded.contains(requestId)) {
            return;
        }
        Document before = mongo.findAndModify(new Query(Criteria.where("_id").is(requestId)),
                new Update().min("firstEmailAt", Date.from(sentAt)).setOnInsert("keysComplete", true),
                FindAndModifyOptions.options().upsert(true).returnNew(false), Document.class, COLLECTION);
        boolean first = before == null || !before.containsKey("firstEmailAt");
        firstEmailRecorded.add(requestId);
        if (first && before != null && before.get("submittedAt") instanceof Date submitted) {
            metrics.firstEmail(Duration.between(submitted.toInstant(), sentAt));
        }
    }

    /**
     * Lists a ledger key under its request, so that the request's history is read by {@code _id}s (the embedded
     * MongoDB-protocol server would read the whole ledger for a query on {@code requestId}). A document made by
     * this code carries {@code keysComplete}: its list holds every key of the request.
     */
    void listed(String requestId, String key, Instant submittedAt) {
        if (requestId == null) {
            return;
        }
        Update update = new Update().addToSet("keys", key).setOnInsert("keysComplete", true);
        if (submittedAt != null) {
            // RequestReceived's email: the start of the stage, in the same write (the earliest wins)
            update.min("submittedAt", Date.from(submittedAt));
        }
        mongo.upsert(new Query(Criteria.where("_id").is(requestId)), update, COLLECTION);
    }

    List<String> keys(String requestId) {
        Document document = milestone(requestId);
        return document == null ? List.of() : document.getList("keys", String.class, List.of());
    }

    /** False for a request whose milestones predate the key list (or that has none): then its history is queried. */
    boolean listsAllKeys(String requestId) {
        Document document = milestone(requestId);
        return document != null && Boolean.TRUE.equals(document.getBoolean("keysComplete"));
    }

    private Document milestone(String requestId) {
        return mongo.findById(requestId, Document.class, COLLECTION);
    }
}
