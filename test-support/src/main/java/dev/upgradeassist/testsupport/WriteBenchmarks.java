package dev.upgradeassist.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.upgradeassist.embeddedmongo.IdLookupBackends;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * What the by-hand write benchmarks of the services share ({@code SentWriteBenchmark}, {@code DecisionWriteBenchmark}):
 * the MongoDB-protocol server's backend as the benchmark's stack runs it, and the CPU of this process per operation.
 */
public final class WriteBenchmarks {

    private WriteBenchmarks() {
    }

    /** A MongoDB-protocol server on {@link #backend()} in this process, and a template on it; closing ends both. */
    public record Database(MongoServer server, MongoClient client, MongoTemplate mongo) implements AutoCloseable {

        public static Database start() {
            MongoServer server = new MongoServer(backend());
            var address = server.bind();
            MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
            return new Database(server, client, new MongoTemplate(client, "bench"));
        }

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
        }
    }

    /**
     * The local stack's in-memory backend, which serves {@code {_id, version}} filters from the {@code _id} index as the
     * benchmark's stack does (ADR 0016).
     */
    public static MemoryBackend backend() {
        return new IdLookupBackends.Memory();
    }

    /** Runs {@code operation} for 0 … {@code count} − 1 and returns this process's CPU per operation, in µs. */
    public static double cpuMicrosPer(int count, IntConsumer operation) {
        long before = processCpuNanos();
        for (int i = 0; i < count; i++) {
            operation.accept(i);
        }
        return (processCpuNanos() - before) / 1000.0 / count;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
