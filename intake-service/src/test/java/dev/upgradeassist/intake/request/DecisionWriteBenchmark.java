package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.platform.messaging.EventMetrics;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.OutboxRelay;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.testsupport.WriteBenchmarks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.mockito.Mockito.mock;

/**
 * What learning a decision costs to write: the whole request written again ({@code AggregateStore.apply}, as before)
 * against the fields learning may change ({@code applyToFields} with {@link UpgradeRequest#LEARNED_FIELDS}), for a
 * PlanApproved learned by requests made of the contract's complete example. The request is read before the timing
 * starts (a poll's batch read gives it to the listener), so only the write is timed. Prints the CPU of this process
 * (the MongoDB-protocol server, the driver and the mapping together) per decision. Not a test (Surefire does not run
 * it); run it by hand, as the services run:
 * <pre>
 * ./mvnw -q -o -pl intake-service test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp intake-service/target/test-classes:intake-service/target/classes:$(cat /tmp/cp.txt) \
 *     dev.upgradeassist.intake.request.DecisionWriteBenchmark [decisions per round]
 * </pre>
 */
public final class DecisionWriteBenchmark {

    private static final Organization ACME = new Organization("acme", "Acme", true,
            new Person("Terry Mills", "tam@gitlab.example"));

    private DecisionWriteBenchmark() {
    }

    public static void main(String[] args) {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        UpgradeSubmission submission = IntakeClient.JSON.treeToValue(Submissions.complete("bench"),
                UpgradeSubmission.class);
        try (WriteBenchmarks.Database database = WriteBenchmarks.Database.start()) {
            MongoTemplate mongo = database.mongo();
            AggregateStore store = new AggregateStore(mongo, mock(OutboxRelay.class),
                    new EventMetrics(new SimpleMeterRegistry(), "bench"));
            for (int round = 1; round <= 4; round++) {
                List<UpgradeRequest> a = received(mongo, submission, "w" + round, decisions);
                List<UpgradeRequest> b = received(mongo, submission, "f" + round, decisions);
                double whole = WriteBenchmarks.cpuMicrosPer(decisions, i -> {
                    DomainEvent approved = Events.planApproved(a.get(i).id(), 1, Instant.now());
                    store.apply(Target.existing(UpgradeRequest.class, a.get(i).id()).startingFrom(a.get(i))
                            .causedBy(approved), request -> {
                        request.learn(approved, ClockPolicy.DEFAULTS);
                        return true;
                    });
                });
                double fields = WriteBenchmarks.cpuMicrosPer(decisions, i -> {
                    DomainEvent approved = Events.planApproved(b.get(i).id(), 1, Instant.now());
                    store.applyToFields(Target.existing(UpgradeRequest.class, b.get(i).id()).startingFrom(b.get(i))
                            .causedBy(approved), request -> {
                        request.learn(approved, ClockPolicy.DEFAULTS);
                        return true;
                    }, written -> true, UpgradeRequest.LEARNED_FIELDS);
                });
                System.out.printf("round %d: whole request written %.1f us CPU per decision, the learned fields %.1f us%s%n",
                        round, whole, fields, round == 1 ? " (warm-up)" : "");
            }
        }
    }

    private static List<UpgradeRequest> received(MongoTemplate mongo, UpgradeSubmission submission, String prefix,
                                                 int count) {
        Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        return IntStream.range(0, count).mapToObj(i -> {
            mongo.insert(UpgradeRequest.receive(prefix + "-" + i, prefix.toUpperCase() + "-" + i, submission, ACME,
                    ClockPolicy.DEFAULTS, clock));
            return mongo.findById(prefix + "-" + i, UpgradeRequest.class);
        }).toList();
    }
}
