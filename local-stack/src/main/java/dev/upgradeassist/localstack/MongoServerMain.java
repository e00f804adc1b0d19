package dev.upgradeassist.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server). By default its data lives in an H2 file, so the
 * local stack keeps its documents across restarts; {@code --backend=memory} keeps them in memory only
 * (gone when the process ends), which costs far less CPU per document: the H2 backend serializes every
 * document it stores or reads with Java object serialization (see docs/adr/0007).
 *
 * <p>Options ({@code --name=value} or {@code -Dlocalstack.name=value}):
 * {@code backend} ({@code h2} or {@code memory}, default {@code h2}),
 * {@code file} (h2 only, default {@code .local-stack/mongo/upgrade-assist.mv.db}),
 * {@code host} (127.0.0.1), {@code port} (27017), {@code worker-threads} (0: Netty's default, twice the number of cores).
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
        String host = options.get("host", "127.0.0.1");
        int port = options.getInt("port", 27017);
        String kind = options.get("backend", "h2");
        MongoBackend backend;
        String where;
        switch (kind) {
            case "h2" -> {
                Path file = options.getPath("file", ".local-stack/mongo/upgrade-assist.mv.db");
                Files.createDirectories(file.getParent());
                backend = new H2Backend(file.toString());
                where = "data in " + file;
            }
            case "memory" -> {
                backend = new MemoryBackend();
                where = "data in memory only";
            }
            default -> throw new IllegalArgumentException("--backend must be h2 or memory, not " + kind);
        }
        // no oplog: it serves only change streams, which nothing here uses, and it doubled every write's cost
        MongoServer server = new MongoServer(backend);
        // every operation runs on the Netty worker thread of its connection (each collection is locked per
        // operation); 0 = Netty's default, twice the number of cores
        int workers = options.getInt("worker-threads", 0);
        server.bind(new java.net.InetSocketAddress(host, port), 1, workers);
        System.out.println("MongoDB wire-protocol server (" + kind + " backend) listening on " + host + ":" + port
                + ", " + where + ", " + (workers > 0 ? workers : "Netty's default number of") + " worker threads");

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
