package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.model.Form;
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
 * {@code submitted_to_first_email} stage is recorded exactly once, replays included; and the portal form it came from
 * as the events that carry it said ({@code RequestReceived}, {@code RequestAmended}, {@code PlanApproved}), for the
 * emails of the events that do not (no Cc on the US Government instance).
 * Plain documents in {@code request_milestones} (not an aggregate: nothing to publish).
 */
@Component
class RequestMilestones {

    static final String COLLECTION = "request_milestones";

    /** How many requests this instance remembers as having their first email recorded. */
    private static final int REMEMBERED = 20_000;

    private final MongoTemplate mongo;
    private final NotificationMetrics metrics;
    private final LedgerWrites writes;
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

    /** The forms of requests this instance has seen or read (known forms only; bounded, oldest forgotten first). */
    private final Map<String, Form> forms = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Form> eldest) {
            return size() > REMEMBERED;
        }
    });

    RequestMilestones(MongoTemplate mongo, NotificationMetrics metrics, LedgerWrites writes) {
        this.writes = writes;
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
        listed(requestId, key, MilestoneFacts.submitted(submittedAt), null);
    }

    /**
     * As {@link #listed(String, String, Instant)}, writing in the same upsert what the email's event tells the
     * milestones ({@link MilestoneFacts}) and the request's form when the event said it.
     */
    void listed(String requestId, String key, MilestoneFacts facts, Form form) {
        if (requestId == null) {
            return;
        }
        Update update = new Update().addToSet("keys", key).setOnInsert("keysComplete", true);
        if (facts != null && facts.submittedAt() != null) {
            // RequestReceived's email: the start of the stage, in the same write (the earliest wins)
            update.min("submittedAt", Date.from(facts.submittedAt()));
        }
        if (facts != null && facts.approvedStart() != null) {
            // PlanApproved's email: the window a later re-check of the revision tells Support of
            ApprovedWindows.approved(update, facts.approvedRevision(), facts.approvedStart());
        }
        if (form != null) {
            update.set("form", form.name());
        }
        if (LedgerWrites.deferring()) {
            writes.milestone(requestId, update); // with the poll's other upserts, before its ledger inserts
        } else {
            mongo.upsert(new Query(Criteria.where("_id").is(requestId)), update, COLLECTION);
        }
        if (form != null) {
            forms.put(requestId, form);
        }
    }

    /**
     * The form of the request as an earlier event said it, or null when no event that carries it has been handled yet
     * (Kafka orders a request's events within a topic, not across topics). Read once per request and instance.
     */
    Form form(String requestId) {
        if (requestId == null) {
            return null;
        }
        Form known = forms.get(requestId);
        if (known != null) {
            return known;
        }
        Document document = milestone(requestId);
        String name = document == null ? null : document.getString("form");
        Form form = name == null ? null : java.util.Arrays.stream(Form.values()).filter(f -> f.name().equals(name))
                .findFirst().orElse(null);
        if (form != null) {
            forms.put(requestId, form);
        }
        return form;
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
        writes.flushBeforeRead(requestId);
        return mongo.findById(requestId, Document.class, COLLECTION);
    }
}
