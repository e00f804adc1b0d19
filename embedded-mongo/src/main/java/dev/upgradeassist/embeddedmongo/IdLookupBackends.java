package dev.upgradeassist.embeddedmongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's backends, with the one query plan they lack and MongoDB always takes: a filter with an equality
 * (or an {@code $in}) on {@code _id} and other conditions (an optimistic-locking save {@code {_id, version}}, a claim
 * {@code {_id, version}} by findAndModify) reads the one document the {@code _id} index names and checks the other
 * conditions on it.
 *
 * <p>The library uses an index only when the filter's fields are exactly the index's fields, so every such filter was
 * a scan of the whole collection: with 15,000 requests in the store that was most of the server's CPU under load
 * (docs/adr/0016). The same holds for an {@code $in} of ids beside other conditions (the outbox relay's removal of
 * published events: {@code {_id: {$in: [...]}, outbox.eventId: {$in: [...]}}}), answered from the index id by id. The result is the same either way: the {@code _id} equality is a condition every matching document
 * meets, and the full filter is still applied to the document found.
 *
 * <p>Each backend also counts the queries it still answers by a scan of the whole collection, per collection
 * ({@link ScanCounts}), which {@link MongoServerMain} prints, so that a load test can tell which filters lack an
 * index here.
 *
 * <p>And each answers every read from one state of each document, as MongoDB does ({@link Snapshots}), and counts
 * the commands it serves per database, collection and command ({@link CommandCounts}).
 *
 * <p>The local stack's MongoDB-protocol server (local-stack's {@code MongoServerMain}) runs them, and so does every
 * test's in-JVM server (test-support's {@code TestInfrastructure}): the tests see what the stack sees.
 */
public final class IdLookupBackends {

    static final String ID = "_id";

    /**
     * Whether the collections keep a running total of their documents' BSON size, which only {@code collStats} and
     * {@code validate} report and nothing of ours asks for: no. The library computes the size of the old and the new
     * document on every update (and of each document inserted or removed), which was a tenth of this server's CPU
     * under load (docs/benchmarks/2026-12-03-p22-d0.md's profile). Those two commands report a size of 0 here.
     */
    static final boolean TRACKS_DATA_SIZE = false;

    private IdLookupBackends() {
    }

    /**
     * What a read hands out is a deep copy, taken under the collection's lock. The library answers a query with the
     * stored documents themselves (and findAndModify's new document too), and an update changes a stored document in
     * place, key by key; Netty encodes the reply after the lock is released. So a read that met an update of the same
     * document either failed to encode (ConcurrentModificationException: the server closed the connection, and every
     * thread of the client waited for the server to be found again) or, with no exception, sent a mix of the old and
     * the new document: a version of one state with the fields of another. Under load this happened to intake's
     * status reads (docs/benchmarks/2026-12-04-p22-step9.md).
     * <p>
     * The library's own reads for an update or a removal (findAndModify's, deleteDocuments') go through
     * {@link MongoCollection#handleQuery(de.bwaldvogel.mongo.bson.Document, int, int)} and must get the stored
     * documents: the collections below route that method past the copy. (An aggregation reads through it as well and
     * is not copied; nothing of ours aggregates.)
     */
    static final class Snapshots {

        private Snapshots() {
        }

        /** The result with each of its documents copied (a cursor's later batches are copied by {@link #of(List)}). */
        static QueryResult of(QueryResult result) {
            List<Document> copies = new ArrayList<>();
            for (Document document : result) {
                copies.add(copy(document));
            }
            return new QueryResult(copies, result.getCursorId());
        }

        static List<Document> of(List<Document> documents) {
            List<Document> copies = new ArrayList<>(documents.size());
            for (Document document : documents) {
                copies.add(copy(document));
            }
            return copies;
        }

        /** findAndModify's reply with its document ({@code value}) copied. */
        static Document ofReply(Document reply) {
            if (reply != null && reply.get("value") instanceof Document value) {
                reply.put("value", copy(value));
            }
            return reply;
        }

        private static Document copy(Document document) {
            return document == null ? null : document.cloneDeeply();
        }
    }

    /** The queries answered by a scan of the whole collection, per {@code database.collection}. */
    public static final class ScanCounts {

        private final Map<String, LongAdder> scans = new ConcurrentHashMap<>();

        void scanned(String collection) {
            scans.computeIfAbsent(collection, name -> new LongAdder()).increment();
        }

        /** @return the counts so far, by collection name */
        public Map<String, Long> snapshot() {
            Map<String, Long> copy = new TreeMap<>();
            scans.forEach((name, count) -> copy.put(name, count.sum()));
            return copy;
        }
    }

    /**
     * @return the {@code _id} values a filter's documents must have, when the filter has an equality or an
     * {@code $in} of plain values on {@code _id} beside other conditions, at its top or in a top-level {@code $and}
     * (as the driver's {@code Filters.and} sends it); otherwise null (a filter on {@code _id} only is the library's own
     * indexed case)
     */
    static List<Object> idCandidates(Document query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        if (query.containsKey(ID)) {
            return query.size() > 1 ? ids(query.get(ID)) : null;
        }
        if (query.get("$and") instanceof List<?> terms) {
            for (Object term : terms) {
                if (term instanceof Document condition && condition.containsKey(ID)) {
                    List<Object> ids = ids(condition.get(ID));
                    if (ids != null) {
                        return ids;
                    }
                }
            }
        }
        return null;
    }

    /** The ids a condition on {@code _id} allows: {@code v} or {@code {$in: [v...]}} of plain values; else null. */
    private static List<Object> ids(Object condition) {
        if (isPlainValue(condition)) {
            return List.of(condition);
        }
        if (condition instanceof Document operator && operator.size() == 1
                && operator.get("$in") instanceof Collection<?> values
                && values.stream().allMatch(IdLookupBackends::isPlainValue)) {
            return new ArrayList<>(new LinkedHashSet<>(values));
        }
        return null;
    }

    /** The positions of the documents with these ids, from the {@code _id} index. */
    static <P> List<P> positions(Index<P> idIndex, List<Object> ids) {
        List<P> positions = new ArrayList<>(ids.size());
        for (Object id : ids) {
            for (P position : idIndex.getPositions(new Document(ID, id))) {
                positions.add(position);
            }
        }
        return positions;
    }

    private static boolean isPlainValue(Object id) {
        return id != null && !(id instanceof Document) && !(id instanceof Collection<?>) && !(id instanceof Pattern)
                && !BsonRegularExpression.isRegularExpression(id);
    }

    /**
     * The query plan both backends add: the positions of the documents the {@code _id} index names, when the filter
     * is bounded by {@code _id} ({@link #idCandidates}); otherwise null, for the library's own plan, which is counted
     * as a scan when no index can answer the filter.
     */
    static <P> List<P> plan(Document query, List<Index<P>> indexes, String collection, Consumer<String> scans) {
        List<Object> ids = idCandidates(query);
        if (ids != null) {
            for (Index<P> index : indexes) {
                if (index.isUnique() && index.getKeys().size() == 1 && ID.equals(index.getKeys().get(0).getKey())) {
                    return positions(index, ids);
                }
            }
        }
        if (indexes.stream().noneMatch(index -> index.canHandle(query))) {
            scans.accept(collection);
        }
        return null;
    }

    /** The in-memory backend (the load tests' and {@code --backend=memory}'s). */
    public static final class Memory extends MemoryBackend {

        private final ScanCounts scans = new ScanCounts();
        private final CommandCounts commands = new CommandCounts();

        public ScanCounts scans() {
            return scans;
        }

        /** Counted ({@link CommandCounts}), and {@link CommandCounts#COMMAND} answered. */
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            return commands.serve(databaseName, command, query,
                    () -> super.handleCommand(channel, databaseName, command, query));
        }

        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryDatabase(databaseName, getCursorRegistry()) {
                @Override
                protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                    return new IdLookupMemoryCollection(this, collectionName, options, cursorRegistry, scans);
                }
            };
        }
    }

    static final class IdLookupMemoryCollection extends MemoryCollection {

        private final ScanCounts scans;

        IdLookupMemoryCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                                 CursorRegistry cursorRegistry, ScanCounts scans) {
            super(database, collectionName, options, cursorRegistry);
            this.scans = scans;
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            List<Integer> positions = plan(query, getIndexes(), getFullName(), scans::scanned);
            return positions != null
                    ? matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                    : super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** See {@link IdLookupBackends#TRACKS_DATA_SIZE}. */
        @Override
        protected boolean tracksDataSize() {
            return TRACKS_DATA_SIZE;
        }

        /** A client's query: its documents as they are now ({@link Snapshots}). */
        @Override
        public synchronized QueryResult handleQuery(QueryParameters parameters) {
            return Snapshots.of(super.handleQuery(parameters));
        }

        /** The library's own read for an update or a removal: the stored documents ({@link Snapshots}). */
        @Override
        public QueryResult handleQuery(Document query, int numberToSkip, int limit) {
            return super.handleQuery(new QueryParameters(query, numberToSkip, limit));
        }

        /** A query's later batches, copied when the query is answered ({@link Snapshots}). */
        @Override
        protected Cursor createCursor(List<Document> remainingDocuments) {
            return super.createCursor(Snapshots.of(remainingDocuments));
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            return Snapshots.ofReply(super.findAndModify(query));
        }
    }

    /** The H2 file backend ({@code run-local.sh}'s default, so the data outlives a restart). */
    public static final class H2 extends H2Backend {

        /** mongo-java-server's names for a collection's maps in the MVStore (H2Database's private constants) */
        private static final String DATA_MAP_PREFIX = "databases.";
        private static final String META_MAP_PREFIX = "meta.";

        private final ScanCounts scans;
        private final CommandCounts commands = new CommandCounts();

        public H2(String fileName) {
            this(MVStore.open(fileName), new ScanCounts());
        }

        private H2(MVStore store, ScanCounts scans) {
            super(store);
            this.scans = scans;
        }

        public ScanCounts scans() {
            return scans;
        }

        /** Counted ({@link CommandCounts}), and {@link CommandCounts#COMMAND} answered. */
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            return commands.serve(databaseName, command, query,
                    () -> super.handleCommand(channel, databaseName, command, query));
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            MVStore store = getMvStore();
            return new H2Database(databaseName, store, getCursorRegistry()) {
                @Override
                protected MongoCollection<Object> openOrCreateCollection(String collectionName,
                                                                         CollectionOptions options) {
                    String fullName = getFullCollectionNamespace(collectionName);
                    MVMap<Object, Document> data = store.openMap(DATA_MAP_PREFIX + fullName);
                    MVMap<String, Object> meta = store.openMap(META_MAP_PREFIX + fullName);
                    // H2Backend's constructor opens the databases already in the file, and reads their index
                    // descriptions, before this.scans is set: those first scans are not counted
                    return new IdLookupH2Collection(this, collectionName, options, data, meta, cursorRegistry,
                            name -> {
                                if (scans != null) {
                                    scans.scanned(name);
                                }
                            });
                }
            };
        }
    }

    static final class IdLookupH2Collection extends H2Collection {

        private final Consumer<String> scans;

        IdLookupH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                             MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursorRegistry,
                             Consumer<String> scans) {
            super(database, collectionName, options, data, meta, cursorRegistry);
            this.scans = scans;
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            List<Object> positions = plan(query, getIndexes(), getFullName(), scans);
            return positions != null
                    ? matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                    : super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** See {@link IdLookupBackends#TRACKS_DATA_SIZE}. */
        @Override
        protected boolean tracksDataSize() {
            return TRACKS_DATA_SIZE;
        }

        /** A client's query: its documents as they are now ({@link Snapshots}). */
        @Override
        public synchronized QueryResult handleQuery(QueryParameters parameters) {
            return Snapshots.of(super.handleQuery(parameters));
        }

        /** The library's own read for an update or a removal: the stored documents ({@link Snapshots}). */
        @Override
        public QueryResult handleQuery(Document query, int numberToSkip, int limit) {
            return super.handleQuery(new QueryParameters(query, numberToSkip, limit));
        }

        /** A query's later batches, copied when the query is answered ({@link Snapshots}). */
        @Override
        protected Cursor createCursor(List<Document> remainingDocuments) {
            return super.createCursor(Snapshots.of(remainingDocuments));
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            return Snapshots.ofReply(super.findAndModify(query));
        }
    }
}
