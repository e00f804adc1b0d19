package dev.upgradeassist.platform.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.upgradeassist.embeddedmongo.IdLookupBackends;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexes of an aggregate collection, on a real MongoDB-protocol server (in memory). */
class AggregateIndexesTest {

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;

    @BeforeEach
    void start() {
        server = new MongoServer(new IdLookupBackends.Memory());
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new MongoTemplate(client, "aggregate-indexes-test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private java.util.List<String> indexNames(String collection) {
        return mongo.indexOps(collection).getIndexInfo().stream().map(IndexInfo::getName).toList();
    }

    @Test
    void a_new_collection_gets_the_outbox_index_and_no_id_version_index() {
        mongo.createCollection("fresh");

        AggregateIndexes.ensure(mongo, "fresh");

        assertThat(indexNames("fresh")).contains(AggregateIndexes.OUTBOX_PENDING)
                .doesNotContain(AggregateIndexes.ID_VERSION);
    }

    @Test
    void the_id_version_index_of_an_earlier_version_is_dropped_and_versioned_writes_still_hold() {
        mongo.createCollection("earlier");
        mongo.indexOps("earlier").createIndex(new CompoundIndexDefinition(new Document("_id", 1).append("version", 1))
                .unique().named(AggregateIndexes.ID_VERSION));
        mongo.getCollection("earlier").insertOne(new Document("_id", "a").append("version", 0L));
        assertThat(indexNames("earlier")).contains(AggregateIndexes.ID_VERSION);

        AggregateIndexes.ensure(mongo, "earlier");
        AggregateIndexes.ensure(mongo, "earlier"); // every start: nothing left to drop

        assertThat(indexNames("earlier")).contains(AggregateIndexes.OUTBOX_PENDING)
                .doesNotContain(AggregateIndexes.ID_VERSION);
        var written = mongo.getCollection("earlier").replaceOne(new Document("_id", "a").append("version", 0L),
                new Document("_id", "a").append("version", 1L));
        var stale = mongo.getCollection("earlier").replaceOne(new Document("_id", "a").append("version", 0L),
                new Document("_id", "a").append("version", 1L));
        assertThat(written.getModifiedCount()).isEqualTo(1);
        assertThat(stale.getMatchedCount()).as("a stale version matches nothing").isZero();
    }
}
