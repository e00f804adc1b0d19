package dev.upgradeassist.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.QueryParameters;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MongoDB-protocol server's backends answer a filter with an {@code _id} equality and more from the {@code _id}
 * index, with the same results as MongoDB, and count the queries they still answer by scanning a collection.
 */
class IdLookupBackendsTest {

    private static final String SCANNED = "upgrade_assist.requests";

    @TempDir
    static Path dir;

    private MongoServer server;
    private MongoClient client;

    record Backend(String name, Supplier<MongoBackend> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Backend> backends() {
        return Stream.of(new Backend("memory", IdLookupBackends.Memory::new),
                new Backend("h2", () -> new IdLookupBackends.H2(dir.resolve("h2-" + System.nanoTime() + ".mv.db").toString())));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    private MongoCollection<Document> start(MongoBackend backend) {
        server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        MongoCollection<Document> requests = client.getDatabase("upgrade_assist").getCollection("requests");
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            documents.add(new Document("_id", "req-" + i).append("version", 1L).append("status", i % 2 == 0 ? "A" : "B"));
        }
        requests.insertMany(documents);
        return requests;
    }

    /** A filter as Spring Data's Criteria sends it: one document, {@code {_id: id, version: v}}. */
    private static Document idAndVersion(String id, long version) {
        return new Document("_id", id).append("version", version);
    }

    private static long count(MongoCollection<Document> collection, org.bson.conversions.Bson filter) {
        long n = 0;
        for (Document ignored : collection.find(filter)) {
            n++;
        }
        return n;
    }

    private static long scans(MongoBackend backend) {
        IdLookupBackends.ScanCounts counts = backend instanceof IdLookupBackends.Memory memory
                ? memory.scans() : ((IdLookupBackends.H2) backend).scans();
        return counts.snapshot().getOrDefault(SCANNED, 0L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aVersionedSaveUpdatesTheOneDocumentWithoutAScan(Backend kind) {
        MongoBackend backend = kind.make().get();
        MongoCollection<Document> requests = start(backend);

        UpdateResult saved = requests.updateOne(idAndVersion("req-7", 1L),
                Updates.combine(Updates.set("version", 2L), Updates.set("status", "C")));
        UpdateResult stale = requests.updateOne(idAndVersion("req-7", 1L),
                Updates.set("status", "D"));

        assertThat(saved.getMatchedCount()).isEqualTo(1);
        assertThat(stale.getMatchedCount()).as("the version no longer matches: optimistic locking still refuses").isZero();
        assertThat(requests.find(Filters.eq("_id", "req-7")).first())
                .containsEntry("version", 2L).containsEntry("status", "C");
        assertThat(count(requests, new Document("status", "C"))).as("no other document changed").isEqualTo(1);
        assertThat(scans(backend)).as("only the count by status scanned the collection").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aClaimByIdAndVersionFindsAndModifiesWithoutAScan(Backend kind) {
        MongoBackend backend = kind.make().get();
        MongoCollection<Document> requests = start(backend);

        Document claimed = requests.findOneAndUpdate(idAndVersion("req-8", 1L),
                Updates.inc("version", 1L), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        Document lost = requests.findOneAndUpdate(idAndVersion("req-8", 1L),
                Updates.inc("version", 1L));
        Document absent = requests.find(idAndVersion("req-999", 1L)).first();
        Document otherStatus = requests.find(new Document("_id", "req-9").append("status", "A")).first();

        assertThat(claimed).containsEntry("_id", "req-8").containsEntry("version", 2L);
        assertThat(lost).isNull();
        assertThat(absent).isNull();
        assertThat(otherStatus).as("req-9 has status B: the other conditions are still applied").isNull();
        assertThat(scans(backend)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void onlyFiltersWithoutAnIdConditionScanAndAreCounted(Backend kind) {
        MongoBackend backend = kind.make().get();
        MongoCollection<Document> requests = start(backend);

        long relayRemoval = requests.updateMany(new Document("_id", new Document("$in", List.of("req-10", "req-11", "nope")))
                        .append("status", new Document("$in", List.of("A", "B"))),
                new Document("$inc", new Document("version", 1L))).getMatchedCount();
        long inList = count(requests, new Document("_id", new Document("$in", List.of("req-1", "req-2", "req-3")))
                .append("status", "B"));
        long byStatus = count(requests, new Document("status", "A"));
        long byId = count(requests, new Document("_id", "req-4"));
        long nested = count(requests, Filters.and(Filters.eq("_id", "req-5"), Filters.eq("status", "B")));

        assertThat(relayRemoval).as("as the outbox relay removes published events: by _id $in and more").isEqualTo(2);
        assertThat(count(requests, new Document("version", 2L))).isEqualTo(2);
        assertThat(inList).as("req-1 and req-3 have status B").isEqualTo(2);
        assertThat(byStatus).isEqualTo(250);
        assertThat(byId).isEqualTo(1);
        assertThat(nested).as("{$and: [{_id}, {status}]}, as the driver's Filters.and sends it").isEqualTo(1);
        assertThat(scans(backend)).as("the status and the version filters scanned; the _id equality and $in ones did not")
                .isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aReadHandsOutOneStateOfTheDocumentWhateverIsUpdatedWhileItsReplyIsEncoded(Backend kind) {
        MongoBackend backend = kind.make().get();
        MongoCollection<Document> requests = start(backend);
        de.bwaldvogel.mongo.MongoCollection<?> stored = backend.resolveDatabase("upgrade_assist")
                .resolveCollection("requests", true);

        // what a query's and a findAndModify's replies hold once the collection's lock is released, while Netty
        // encodes them
        List<de.bwaldvogel.mongo.bson.Document> found = stored.handleQuery(
                new QueryParameters(new de.bwaldvogel.mongo.bson.Document("_id", "req-7"), 0, 0)).collectDocuments();
        Object claimed = stored.findAndModify(new de.bwaldvogel.mongo.bson.Document("query",
                new de.bwaldvogel.mongo.bson.Document("_id", "req-8"))
                .append("update", new de.bwaldvogel.mongo.bson.Document("$set",
                        new de.bwaldvogel.mongo.bson.Document("status", "CLAIMED")))
                .append("new", true)).get("value");
        // then other connections update both documents
        requests.updateOne(idAndVersion("req-7", 1L), Updates.combine(Updates.set("version", 2L),
                Updates.set("status", "C"), Updates.unset("missing")));
        requests.updateOne(Filters.eq("_id", "req-8"), Updates.combine(Updates.inc("version", 1L),
                Updates.set("status", "D")));

        assertThat(found).singleElement().satisfies(document -> {
            assertThat(document.get("version")).isEqualTo(1L);
            assertThat(document.get("status")).isEqualTo("B");
        });
        assertThat(claimed).isInstanceOfSatisfying(de.bwaldvogel.mongo.bson.Document.class, document -> {
            assertThat(document.get("version")).isEqualTo(1L);
            assertThat(document.get("status")).isEqualTo("CLAIMED");
        });
        // the library's own reads for its updates still reach the stored documents
        assertThat(requests.find(Filters.eq("_id", "req-7")).first())
                .containsEntry("version", 2L).containsEntry("status", "C");
        assertThat(requests.find(Filters.eq("_id", "req-8")).first())
                .containsEntry("version", 2L).containsEntry("status", "D");
        assertThat(requests.deleteOne(Filters.eq("_id", "req-9")).getDeletedCount()).isEqualTo(1);
        assertThat(requests.find(Filters.eq("_id", "req-9")).first()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void countsTheCommandsItServesPerDatabaseCollectionAndCommand(Backend kind) {
        MongoCollection<Document> requests = start(kind.make().get());
        MongoCollection<Document> ledger = client.getDatabase("notification").getCollection("ledger");
        ledger.insertOne(new Document("_id", "n-1"));
        ledger.insertOne(new Document("_id", "n-2"));
        requests.find(Filters.eq("_id", "req-1")).first();
        requests.updateOne(idAndVersion("req-1", 1L), Updates.set("status", "C"));
        requests.findOneAndUpdate(Filters.eq("_id", "req-2"), Updates.set("status", "D"));
        // a cursor read in batches: its later batches are getMore commands on the same collection
        assertThat(requests.find().batchSize(200).into(new ArrayList<>())).hasSize(500);

        Document reply = client.getDatabase("admin").runCommand(new Document(CommandCounts.COMMAND, 1));

        List<String> counted = new ArrayList<>();
        for (Document entry : reply.getList("commands", Document.class)) {
            counted.add(entry.getString("database") + " " + entry.getString("collection") + ":"
                    + entry.getString("command") + " " + entry.getLong("count"));
            assertThat(entry.getLong("nanos")).as("time spent serving %s", entry).isPositive();
        }
        assertThat(counted).containsExactlyInAnyOrder(
                "upgrade_assist requests:insert 1", // start()'s insertMany: one command
                "upgrade_assist requests:find 2",
                "upgrade_assist requests:getMore 2",
                "upgrade_assist requests:update 1",
                "upgrade_assist requests:findAndModify 1",
                "notification ledger:insert 2");
    }

    @org.junit.jupiter.api.Test
    void theH2BackendReadsAFileThatTheLibrarysOwnBackendWrote() {
        String file = dir.resolve("compat-" + System.nanoTime() + ".mv.db").toString();
        de.bwaldvogel.mongo.backend.h2.H2Backend plain = new de.bwaldvogel.mongo.backend.h2.H2Backend(file);
        MongoCollection<Document> written = start(plain);
        written.updateOne(idAndVersion("req-3", 1L), new Document("$set", new Document("status", "kept")));
        client.close();
        server.shutdownNow();
        plain.close();

        IdLookupBackends.H2 reopened = new IdLookupBackends.H2(file);
        server = new MongoServer(reopened);
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        MongoCollection<Document> requests = client.getDatabase("upgrade_assist").getCollection("requests");

        assertThat(client.listDatabaseNames().into(new ArrayList<>())).contains("upgrade_assist");
        assertThat(count(requests, new Document())).as("the same maps: the run-local data of before is still there")
                .isEqualTo(500);
        assertThat(requests.find(idAndVersion("req-3", 1L)).first()).containsEntry("status", "kept");
        assertThat(scans(reopened)).as("only the count of everything scanned").isEqualTo(1);
    }
}
