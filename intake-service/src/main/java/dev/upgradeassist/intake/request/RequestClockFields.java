package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.platform.messaging.PolledBatchReads;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The SLA and auto-close of a request as its own document has them now, read without the rest of the document: the
 * status GET shows them fresh, and mapping the whole aggregate (submission, organization, outbox, clocks, comments)
 * for four fields was most of that read's cost. The field names are {@link UpgradeRequestState}'s, as stored
 * ({@code UpgradeRequestStoredShapeTest}); {@link #of(Document)} reads them as {@link UpgradeRequestState#sla()} and
 * {@link UpgradeRequestState#autoCloseEnabled()} do ({@code RequestClockFieldsTest} holds the two together).
 *
 * @param version the version of the request's document they were read at (null when it has none): of two reads, the
 *                higher version is the later state
 */
public record RequestClockFields(UpgradeRequest.Sla sla, boolean autoCloseEnabled, Long version) {

    static final String SLA_KIND = "slaKind";
    static final String SLA_DUE_AT = "slaDueAt";
    static final String SLA_BREACHED = "slaBreached";
    static final String AUTO_CLOSE_DISABLED = "autoCloseDisabled";
    static final String VERSION = "version";
    private static final List<String> FIELDS = List.of(SLA_KIND, SLA_DUE_AT, SLA_BREACHED, AUTO_CLOSE_DISABLED, VERSION);

    /** The request's clock fields by its id (one find with a projection), or empty when intake has no such request. */
    public static Optional<RequestClockFields> read(MongoTemplate mongo, String id) {
        return Optional.ofNullable(find(mongo, collection(mongo), id)).map(RequestClockFields::of);
    }

    /**
     * As {@link #read(MongoTemplate, String)}, from the copy the consumer's last poll read ahead when it did
     * ({@link #readAhead}), else read now.
     */
    public static Optional<RequestClockFields> read(MongoTemplate mongo, String id, PolledBatchReads polled) {
        String collection = collection(mongo);
        return polled.readAhead(collection, id, requestId -> find(mongo, collection, requestId)).map(RequestClockFields::of);
    }

    /** What a poll reads ahead for {@link #read(MongoTemplate, String, PolledBatchReads)}. */
    public static PolledBatchReads.FieldsAhead readAhead(MongoTemplate mongo) {
        return new PolledBatchReads.FieldsAhead(collection(mongo), FIELDS);
    }

    private static String collection(MongoTemplate mongo) {
        return mongo.getCollectionName(UpgradeRequest.class);
    }

    private static Document find(MongoTemplate mongo, String collection, String id) {
        Query byId = new Query(Criteria.where("_id").is(id));
        FIELDS.forEach(field -> byId.fields().include(field));
        return mongo.findOne(byId, Document.class, collection);
    }

    /** The fields of a request already read whole. */
    public static RequestClockFields from(UpgradeRequest request) {
        return new RequestClockFields(request.sla(), request.autoCloseEnabled(), request.version());
    }

    /** The fields of a stored (or projected) request document. */
    static RequestClockFields of(Document document) {
        Object kindName = document.get(SLA_KIND);
        SlaBreached.Kind kind = kindName == null ? null : SlaBreached.Kind.valueOf(kindName.toString());
        Object due = document.get(SLA_DUE_AT);
        java.time.Instant dueAt = due instanceof Date date ? date.toInstant() : null;
        boolean breached = Boolean.TRUE.equals(document.get(SLA_BREACHED));
        boolean autoCloseDisabled = Boolean.TRUE.equals(document.get(AUTO_CLOSE_DISABLED));
        Long version = document.get(VERSION) instanceof Number number ? number.longValue() : null;
        return new RequestClockFields(UpgradeRequest.Sla.of(kind, dueAt, breached), !autoCloseDisabled, version);
    }
}
