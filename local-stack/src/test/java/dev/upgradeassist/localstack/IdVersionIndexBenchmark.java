package dev.upgradeassist.localstack;

import dev.upgradeassist.embeddedmongo.IdLookupBackends;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What the unique {@code (_id, version)} index costs the embedded MongoDB-protocol server per versioned write
 * (docs/adr/0020): the same {@code replaceOne({_id, version})} writes on the load tests' backend
 * ({@link IdLookupBackends.Memory}), once without and once with the index, over documents shaped like a request.
 * Prints the CPU of this process (server and client) per write. Not a test: run it by hand, e.g.
 * <pre>
 * ./mvnw -q -o -pl local-stack test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp local-stack/target/test-classes:local-stack/target/classes:$(cat /tmp/cp.txt) \
 *     dev.upgradeassist.localstack.IdVersionIndexBenchmark
 * </pre>
 */
public final class IdVersionIndexBenchmark {

    private static final int DOCUMENTS = 15_000;
    private static final int WRITES = 60_000;

    public static void main(String[] args) {
        for (int round = 0; round < 2; round++) {
            for (boolean index : new boolean[]{false, true}) {
                double micros = run(index);
                System.out.printf("round %d, %s: %.1f us CPU per versioned write%n", round + 1,
                        index ? "with id_version" : "without id_version", micros);
            }
        }
    }

    private static double run(boolean idVersionIndex) {
        MongoServer server = new MongoServer(new IdLookupBackends.Memory());
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            MongoCollection<Document> requests = client.getDatabase("bench").getCollection("upgrade_requests");
            requests.createIndex(new Document("outbox.eventId", 1), new IndexOptions().sparse(true).name("outbox_pending"));
            if (idVersionIndex) {
                requests.createIndex(new Document("_id", 1).append("version", 1),
                        new IndexOptions().unique(true).name("id_version"));
            }
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.add(request(i, 0));
                if (batch.size() == 500) {
                    requests.insertMany(batch);
                    batch.clear();
                }
            }
            long[] versions = new long[DOCUMENTS];
            for (int i = 0; i < WRITES / 4; i++) { // warm-up
                write(requests, versions, i % DOCUMENTS);
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long before = os.getProcessCpuTime();
            for (int i = 0; i < WRITES; i++) {
                write(requests, versions, (i * 7919) % DOCUMENTS);
            }
            return (os.getProcessCpuTime() - before) / 1_000.0 / WRITES;
        } finally {
            server.shutdownNow();
        }
    }

    private static void write(MongoCollection<Document> requests, long[] versions, int i) {
        long version = versions[i];
        var result = requests.replaceOne(new Document("_id", "r-" + i).append("version", version), request(i, version + 1));
        if (result.getModifiedCount() != 1) {
            throw new IllegalStateException("write " + i + " at version " + version + " changed nothing");
        }
        versions[i] = version + 1;
    }

    /** About the size and shape of an upgrade request's document: a submission, applied event ids, no outbox. */
    private static Document request(int i, long version) {
        List<String> applied = new ArrayList<>();
        for (int e = 0; e <= version % 6; e++) {
            applied.add("00000000-0000-0000-0000-" + String.format("%012d", e));
        }
        return new Document("_id", "r-" + i).append("version", version).append("ticketId", "UA-" + i)
                .append("status", "SUBMITTED").append("appliedEventIds", applied)
                .append("submission", new Document("organizationId", "org-" + (i % 50))
                        .append("currentVersion", "16.11.3").append("targetVersion", "17.8.1")
                        .append("architecture", "Reference architecture, 3k users, Omnibus, Gitaly cluster")
                        .append("upgradePlan", new Document("hops", List.of("16.11.10", "17.3.7", "17.5.5", "17.8.1"))
                                .append("preUpgradeChecks", List.of("gitlab-rake gitlab:check", "gitlab-rake gitlab:doctor:secrets"))
                                .append("document", "https://wiki.acme.example/gitlab/upgrade"))
                        .append("rollbackPlan", new Document("steps", List.of("restore the backup", "reinstall the package"))));
    }
}
