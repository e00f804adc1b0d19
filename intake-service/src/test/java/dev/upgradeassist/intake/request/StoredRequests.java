package dev.upgradeassist.intake.request;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.embeddedmongo.IdLookupBackends;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * For the request benchmarks: an in-process MongoDB-protocol server (memory backend) holding {@code count} requests
 * {@code r-0} … made of the contract's complete example (architecture, upgrade and rollback plans, window), as the load
 * tests send, each with a running first-response clock.
 */
final class StoredRequests {

    private static final Organization ACME = new Organization("acme", "Acme", true,
            new Person("Terry Mills", "tam@gitlab.example"));

    private StoredRequests() {
    }

    /** Stores the requests, runs {@code benchmark} on a template of that database, then stops the server. */
    static void withStored(int count, Consumer<MongoTemplate> benchmark) {
        MongoServer server = new MongoServer(new IdLookupBackends.Memory());
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            MongoTemplate mongo = new MongoTemplate(client, "bench");
            Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
            UpgradeSubmission submission = IntakeClient.JSON.treeToValue(Submissions.complete("bench"),
                    UpgradeSubmission.class);
            for (int i = 0; i < count; i++) {
                mongo.insert(UpgradeRequest.receive("r-" + i, "UA-" + i, submission, ACME, ClockPolicy.DEFAULTS, clock));
            }
            benchmark.accept(mongo);
        } finally {
            server.shutdownNow();
        }
    }
}
