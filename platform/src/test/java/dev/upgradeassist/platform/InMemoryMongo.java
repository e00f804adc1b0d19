package dev.upgradeassist.platform;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import dev.upgradeassist.embeddedmongo.IdLookupBackends;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real MongoDB-protocol server in memory (the local stack's, with its id look-ups) and a client that hands every
 * command it starts to the test; for the platform's unit tests of what reaches MongoDB.
 */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;
    private boolean stopped;

    public InMemoryMongo(Consumer<CommandStartedEvent> commands) {
        server = new MongoServer(new IdLookupBackends.Memory());
        var address = server.bind();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.accept(event);
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + address.getHostString() + ":" + address.getPort()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                .addCommandListener(listener).build());
    }

    public MongoTemplate template(String database) {
        return new MongoTemplate(client, database);
    }

    /** Stops the server (the client stays open: its next command fails as an outage). */
    public void stopServer() {
        stopOnce();
    }

    @Override
    public void close() {
        client.close();
        stopOnce();
    }

    /**
     * Shuts the server down once: a second {@code shutdownNow} waits for its clients' channels to close on event loops
     * the first one terminated, which never happens (it hung the build after {@link #stopServer()}).
     */
    private synchronized void stopOnce() {
        if (!stopped) {
            stopped = true;
            server.shutdownNow();
        }
    }
}
