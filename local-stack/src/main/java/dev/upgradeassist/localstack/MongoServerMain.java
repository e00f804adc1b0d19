package dev.upgradeassist.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB wire-protocol server (mongo-java-server) whose data lives in an H2 file, so
 * the local stack keeps its documents across restarts.
 *
 * <p>Options ({@code --name=value} or {@code -Dlocalstack.name=value}):
 * {@code file} (default {@code .local-stack/mongo/upgrade-assist.mv.db}),
 * {@code host} (127.0.0.1), {@code port} (27017).
 *
 * <p>Not supported by the server: multi-document transactions, TTL expiry, {@code hello}; change streams are
 * not enabled (no oplog).
 * SIGTERM stops listening and closes the H2 store cleanly.
 */
public final class MongoServerMain {

    private MongoServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        LauncherOptions options = new LauncherOptions(args);
        Path file = options.getPath("file", ".local-stack/mongo/upgrade-assist.mv.db");
        String host = options.get("host", "127.0.0.1");
        int port = options.getInt("port", 27017);
        Files.createDirectories(file.getParent());

        H2Backend backend = new H2Backend(file.toString());
        // no oplog: it serves only change streams, which nothing here uses, and it doubled every write's cost
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        System.out.println("MongoDB wire-protocol server listening on " + host + ":" + port + ", data in " + file);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping MongoDB wire-protocol server");
            try {
                server.shutdown();
            } finally {
                backend.close();
                stopped.countDown();
            }
            System.out.println("MongoDB wire-protocol server stopped");
        }, "mongo-shutdown"));
        stopped.await();
    }
}
