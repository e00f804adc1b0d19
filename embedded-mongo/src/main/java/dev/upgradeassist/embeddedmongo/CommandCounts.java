package dev.upgradeassist.embeddedmongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The commands the server served on a collection, per database, collection and command, with the time it took to
 * serve them; read with the command {@code {upgradeAssistCommandCounts: 1}} on any database.
 *
 * <p>The load harness reads them before and after a stretch of load: each service has a database of its own, so they
 * say how many round trips each service made, per collection and command. They used to come from the services' own
 * driver metrics ({@code mongodb_driver_commands_seconds}), which the services no longer record: a command listener
 * makes the driver decode every command it sends (an insert's whole document included) for the listener's event
 * (docs/adr/0026).
 *
 * <p>A command that names no collection (the driver's {@code hello} and {@code ping}, {@code buildInfo}, this one) is
 * not counted.
 */
public final class CommandCounts {

    /** The command that answers with the counts so far. */
    public static final String COMMAND = "upgradeAssistCommandCounts";

    private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();

    private record Key(String database, String collection, String command) {
    }

    private static final class Tally {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    /**
     * Serves one command with {@code next}, counted; or answers {@link #COMMAND}.
     *
     * @param command the command's name as the client sent it (the first key of {@code query})
     */
    Document serve(String database, String command, Document query, Supplier<Document> next) {
        if (COMMAND.equals(command)) {
            return snapshot();
        }
        String collection = collectionOf(command, query);
        if (collection == null) {
            return next.get();
        }
        long start = System.nanoTime();
        try {
            return next.get();
        } finally {
            Tally tally = tallies.computeIfAbsent(new Key(database, collection, command), key -> new Tally());
            tally.count.increment();
            tally.nanos.add(System.nanoTime() - start);
        }
    }

    /**
     * {@code {ok: 1, commands: [{database, collection, command, count, nanos}, ...]}}: every counted command so far
     * ({@code count} and {@code nanos} as 64-bit integers).
     */
    Document snapshot() {
        List<Document> commands = new ArrayList<>();
        tallies.forEach((key, tally) -> {
            Document entry = new Document();
            entry.put("database", key.database());
            entry.put("collection", key.collection());
            entry.put("command", key.command());
            entry.put("count", tally.count.sum());
            entry.put("nanos", tally.nanos.sum());
            commands.add(entry);
        });
        Document reply = new Document("commands", commands);
        reply.put("ok", 1.0);
        return reply;
    }

    /**
     * The collection a command works on: its first value for the CRUD commands ({@code find: "requests"}),
     * {@code collection} for a {@code getMore}; null for a command on no collection.
     */
    static String collectionOf(String command, Document query) {
        Object named = "getMore".equals(command) ? query.get("collection") : query.get(command);
        return named instanceof String collection && !collection.isEmpty() ? collection : null;
    }
}
