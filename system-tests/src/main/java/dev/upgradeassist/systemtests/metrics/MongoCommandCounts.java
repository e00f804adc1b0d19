package dev.upgradeassist.systemtests.metrics;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The round trips each service made to the stack's MongoDB-protocol server, as the server counted them
 * (embedded-mongo's {@code CommandCounts}: per database, collection and command, with the time the server took), in
 * the Prometheus text format, so that the report takes the difference over a stretch of load as it does for the
 * services' own meters. Each service has a database of its own, so a database's counts are its service's.
 * <p>
 * The services do not time their commands themselves (docs/adr/0026): a driver command listener costs every round
 * trip a decoding of the command it sent.
 */
public final class MongoCommandCounts {

    /** Commands served, by {@code collection} and {@code command}. */
    public static final String COMMANDS = "upgrade_assist_mongo_server_commands_total";
    /** Seconds the server took to serve them, by {@code collection} and {@code command}. */
    public static final String SECONDS = "upgrade_assist_mongo_server_command_seconds_total";
    /** embedded-mongo's {@code CommandCounts.COMMAND} (that module is not on this classpath). */
    static final String COMMAND = "upgradeAssistCommandCounts";

    private MongoCommandCounts() {
    }

    /**
     * The server's counts so far, as Prometheus text per database (a database with no command counted has none);
     * empty when the server does not answer within a few seconds, or answers without counts.
     */
    public static Map<String, String> byDatabase(int port) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS)
                        .readTimeout(10, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            return exposition(client.getDatabase("admin").runCommand(new Document(COMMAND, 1)));
        } catch (MongoException e) {
            return Map.of();
        }
    }

    /** The reply of {@link #COMMAND} as Prometheus text per database. */
    static Map<String, String> exposition(Document reply) {
        Map<String, StringBuilder> text = new TreeMap<>();
        for (Document entry : reply.getList("commands", Document.class, java.util.List.of())) {
            String labels = String.format("{collection=\"%s\",command=\"%s\"}", entry.getString("collection"),
                    entry.getString("command"));
            StringBuilder s = text.computeIfAbsent(entry.getString("database"), database -> new StringBuilder());
            s.append(COMMANDS).append(labels).append(' ').append(number(entry.get("count"))).append('\n');
            s.append(SECONDS).append(labels).append(' ')
                    .append(String.format(Locale.ROOT, "%.9f", number(entry.get("nanos")) / 1e9)).append('\n');
        }
        Map<String, String> byDatabase = new TreeMap<>();
        text.forEach((database, s) -> byDatabase.put(database, s.toString()));
        return byDatabase;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
