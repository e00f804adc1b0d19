package dev.upgradeassist.platform.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.domain.Sort;

/**
 * The indexes every aggregate collection carries.
 * <ul>
 *   <li>{@code outbox_pending}: sparse, on the pending events' ids, so that the relay's safety-net scan finds
 *   the documents with something to publish without reading the others (on real MongoDB).</li>
 * </ul>
 * The unique {@code id_version} index on {@code (_id, version)} that ADR 0006 added is no longer made, and is dropped
 * where an earlier version made it (docs/adr/0020-no-id-version-index.md): real MongoDB serves every
 * {@code {_id, version}} write from the {@code _id} index, and so does the embedded MongoDB-protocol server since
 * ADR 0016 (its query plan reads the one document the {@code _id} index names). The index only cost a second index
 * entry, removed and added again, on every versioned write.
 */
public final class AggregateIndexes {

    private static final Logger log = LoggerFactory.getLogger(AggregateIndexes.class);

    /** The name of the {@code (_id, version)} index of earlier versions, dropped where it exists. */
    public static final String ID_VERSION = "id_version";
    public static final String OUTBOX_PENDING = "outbox_pending";

    private AggregateIndexes() {
    }

    public static void ensure(MongoTemplate mongo, String collection) {
        try {
            var indexes = mongo.indexOps(collection);
            indexes.createIndex(new Index().on("outbox.eventId", Sort.Direction.ASC).sparse().named(OUTBOX_PENDING));
        } catch (RuntimeException e) {
            log.warn("Could not index the aggregate collection {}: {}", collection, e.toString());
        }
        try {
            var indexes = mongo.indexOps(collection);
            if (indexes.getIndexInfo().stream().anyMatch(index -> ID_VERSION.equals(index.getName()))) {
                indexes.dropIndex(ID_VERSION);
                log.info("Dropped the index {} of {}: the _id index serves every versioned write", ID_VERSION,
                        collection);
            }
        } catch (RuntimeException e) {
            log.warn("Could not drop the index {} of {}: {}", ID_VERSION, collection, e.toString());
        }
    }
}
