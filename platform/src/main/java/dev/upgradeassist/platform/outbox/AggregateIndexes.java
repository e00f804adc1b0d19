package dev.upgradeassist.platform.outbox;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.domain.Sort;

/**
 * The indexes every aggregate collection carries.
 * <ul>
 *   <li>{@code outbox_pending}: sparse, on the pending events' ids, so that the relay's safety-net scan finds
 *   the documents with something to publish without reading the others (on real MongoDB).</li>
 *   <li>{@code id_version}: unique on {@code (_id, version)}, the exact shape of every optimistic write
 *   ({@code replaceOne({_id, version})}, {@code findAndModify({_id, version})}). Real MongoDB serves these from
 *   the {@code _id} index anyway; the embedded MongoDB-protocol server (mongo-java-server) only uses an index
 *   whose keys are exactly the query's keys and otherwise reads every document of the collection, which made
 *   each write cost O(collection size). See docs/adr/0006-query-shapes-for-the-embedded-mongodb.md.</li>
 * </ul>
 */
public final class AggregateIndexes {

    private static final Logger log = LoggerFactory.getLogger(AggregateIndexes.class);

    public static final String ID_VERSION = "id_version";
    public static final String OUTBOX_PENDING = "outbox_pending";

    private AggregateIndexes() {
    }

    public static void ensure(MongoTemplate mongo, String collection) {
        try {
            var indexes = mongo.indexOps(collection);
            indexes.createIndex(new Index().on("outbox.eventId", Sort.Direction.ASC).sparse().named(OUTBOX_PENDING));
            indexes.createIndex(new CompoundIndexDefinition(new Document("_id", 1).append("version", 1))
                    .unique().named(ID_VERSION));
        } catch (RuntimeException e) {
            log.warn("Could not index the aggregate collection {}: {}", collection, e.toString());
        }
    }
}
