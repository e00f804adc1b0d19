package dev.upgradeassist.notification.ledger;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.testsupport.WriteBenchmarks;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the driver's command listener costs the client: Micrometer's {@code MongoMetricsCommandListener} (Spring Boot's
 * {@code mongodb_driver_commands_seconds}, on unless {@code management.metrics.mongodb.command.enabled=false}). With a
 * listener registered, the driver decodes every command it sends into a document for the listener's started event (an
 * insert's whole document included), and the listener times it with its tags. Both clients talk to one in-process
 * MongoDB-protocol server; the figures are the CPU of the calling thread, which does the client's whole share (the
 * mapping, the driver's encoding and decoding, the listener), so the server's threads are not in them.
 * Operations as notification's listener makes them: a ledger entry with a real rendered email inserted, the request's
 * milestones upserted, an entry read by id. Not a test (Surefire does not run it); run it by hand, as the services run:
 * <pre>
 * ./mvnw -q -o -pl notification-service test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp notification-service/target/test-classes:notification-service/target/classes:$(cat /tmp/cp.txt) \
 *     dev.upgradeassist.notification.ledger.CommandMetricsBenchmark [operations per round]
 * </pre>
 */
public final class CommandMetricsBenchmark {

    private CommandMetricsBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        RenderedMail mail = SentWriteBenchmark.planApprovedMail();
        MongoServer server = new MongoServer(WriteBenchmarks.backend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MongoClient plain = MongoClients.create(uri);
             MongoClient listened = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(uri))
                     .addCommandListener(new MongoMetricsCommandListener(registry)).build())) {
            MongoTemplate without = new MongoTemplate(plain, "bench");
            MongoTemplate with = new MongoTemplate(listened, "bench");
            for (int round = 1; round <= 4; round++) {
                String warm = round == 1 ? " (warm-up)" : "";
                for (MongoTemplate mongo : List.of(without, with)) {
                    String name = mongo == with ? "with the listener   " : "without the listener";
                    String prefix = (mongo == with ? "w" : "o") + round;
                    List<NotificationEntry> entries = entries(mail, prefix, count);
                    double insert = clientMicrosPer(count, i -> mongo.insert(entries.get(i)));
                    double upsert = clientMicrosPer(count, i -> mongo.upsert(
                            new Query(Criteria.where("_id").is(prefix + "-r-" + i)),
                            new Update().addToSet("keys", entries.get(i).id()).setOnInsert("keysComplete", true),
                            RequestMilestones.COLLECTION));
                    double find = clientMicrosPer(count,
                            i -> mongo.findById(entries.get(i).id(), NotificationEntry.class));
                    System.out.printf("round %d %s: entry insert %.1f, milestone upsert %.1f, entry read %.1f us of the"
                            + " client thread's CPU per command%s%n", round, name, insert, upsert, find, warm);
                }
            }
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * Runs {@code operation} for 0 … {@code count} − 1 and returns the CPU of this thread per operation, in µs: the
     * client's share (mapping, encoding, the driver, the listener), without the server's threads.
     */
    private static double clientMicrosPer(int count, java.util.function.IntConsumer operation) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            operation.accept(i);
        }
        return (threads.getCurrentThreadCpuTime() - before) / 1000.0 / count;
    }

    private static List<NotificationEntry> entries(RenderedMail mail, String prefix, int count) {
        Instant now = Instant.now();
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> {
            List<String> to = List.of(prefix + "-" + i + "@acme.example");
            MailRequest request = new MailRequest("r-" + i, "UA-1", prefix + "-source-" + i, "PlanApproved.v1",
                    Template.PLAN_APPROVED, to, List.of(), Map.of());
            return NotificationEntry.pending(NotificationKey.of(request.sourceEventId(), request.template(), to,
                    List.of()), request, to, List.of(), mail, now, Duration.ofMinutes(1));
        }).toList();
    }
}
