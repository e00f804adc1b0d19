package dev.upgradeassist.localstack;

import dev.upgradeassist.embeddedmongo.IdLookupBackends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

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
 *
 * <p>Both backends answer a filter with an equality on {@code _id} from the {@code _id} index
 * ({@link IdLookupBackends}), and the queries still answered by a scan of a whole collection are counted and printed
 * once a minute when they changed ({@code Collection scans so far: ...}), and when the server stops.
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
        IdLookupBackends.ScanCounts scans;
        String where;
        switch (kind) {
            case "h2" -> {
                Path file = options.getPath("file", ".local-stack/mongo/upgrade-assist.mv.db");
                Files.createDirectories(file.getParent());
                IdLookupBackends.H2 h2 = new IdLookupBackends.H2(file.toString());
                scans = h2.scans();
                backend = h2;
                where = "data in " + file;
            }
            case "memory" -> {
                IdLookupBackends.Memory memory = new IdLookupBackends.Memory();
                scans = memory.scans();
                backend = memory;
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

        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mongo-scan-report");
            thread.setDaemon(true);
            return thread;
        });
        ScanReport report = new ScanReport(scans);
        reporter.scheduleWithFixedDelay(report::printIfChanged, 60, 60, TimeUnit.SECONDS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping MongoDB wire-protocol server");
            reporter.shutdownNow();
            report.printIfChanged();
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

    /** Prints the collection scans so far when they changed since the last print. */
    static final class ScanReport {

        private final IdLookupBackends.ScanCounts scans;
        private Map<String, Long> printed = Map.of();

        ScanReport(IdLookupBackends.ScanCounts scans) {
            this.scans = scans;
        }

        synchronized void printIfChanged() {
            Map<String, Long> now = scans.snapshot();
            if (!now.equals(printed)) {
                printed = now;
                System.out.println("Collection scans so far: " + now);
            }
        }
    }
}
