package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.templates.MailGoldenTest;
import dev.upgradeassist.notification.templates.MailRenderer;
import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.notification.templates.RequestLinks;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import dev.upgradeassist.platform.messaging.EventMetrics;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.OutboxRelay;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.testsupport.WriteBenchmarks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.mockito.Mockito.mock;

/**
 * What marking an email sent costs: the whole entry written again ({@code AggregateStore.apply}, as before) against
 * the fields {@code markSent} changes ({@code applyToFields} with {@link NotificationEntry#SENT_FIELDS}), on entries
 * holding a real rendered email (the plan-approved template with the golden tests' model). Prints the CPU of this
 * process (the MongoDB-protocol server, the driver and the mapping together) per email. Not a test (Surefire does not
 * run it); run it by hand, as the services run:
 * <pre>
 * ./mvnw -q -o -pl notification-service test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp notification-service/target/test-classes:notification-service/target/classes:$(cat /tmp/cp.txt) \
 *     dev.upgradeassist.notification.ledger.SentWriteBenchmark [emails per round]
 * </pre>
 */
public final class SentWriteBenchmark {

    private SentWriteBenchmark() {
    }

    public static void main(String[] args) {
        int emails = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        RenderedMail mail = planApprovedMail();
        System.out.printf("entry bodies: html %,d + text %,d characters%n", mail.html().length(), mail.text().length());
        try (WriteBenchmarks.Database database = WriteBenchmarks.Database.start()) {
            MongoTemplate mongo = database.mongo();
            AggregateStore store = new AggregateStore(mongo, mock(OutboxRelay.class),
                    new EventMetrics(new SimpleMeterRegistry(), "bench"));
            for (int round = 1; round <= 4; round++) {
                List<NotificationEntry> a = recorded(mongo, mail, "w" + round, emails);
                List<NotificationEntry> b = recorded(mongo, mail, "f" + round, emails);
                double whole = WriteBenchmarks.cpuMicrosPer(emails, i -> store.apply(
                        Target.existing(NotificationEntry.class, a.get(i).id()).startingFrom(a.get(i)),
                        entry -> entry.markSent(Instant.now(), List.of()), Boolean::booleanValue));
                double fields = WriteBenchmarks.cpuMicrosPer(emails, i -> store.applyToFields(
                        Target.existing(NotificationEntry.class, b.get(i).id()).startingFrom(b.get(i)),
                        entry -> entry.markSent(Instant.now(), List.of()), Boolean::booleanValue,
                        NotificationEntry.SENT_FIELDS));
                System.out.printf("round %d: whole entry written %.1f us CPU per email, the sent fields %.1f us%s%n",
                        round, whole, fields, round == 1 ? " (warm-up)" : "");
            }
        }
    }

    /** A real rendered email for the benchmarks' ledger entries: the plan-approved template with the golden tests' model. */
    static RenderedMail planApprovedMail() {
        MailRenderer renderer = new MailRenderer(new RequestLinks(
                new CustomerPageTokens("a-benchmark-secret-of-at-least-32-characters"), "https://upgrade-assist.example"));
        return renderer.render(Template.PLAN_APPROVED, "r-1", "UA-1", MailGoldenTest.base());
    }

    private static List<NotificationEntry> recorded(MongoTemplate mongo, RenderedMail mail, String prefix, int count) {
        Instant now = Instant.now();
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> {
            List<String> to = List.of(prefix + "-" + i + "@acme.example");
            MailRequest request = new MailRequest("r-" + i, "UA-1", prefix + "-source-" + i, "PlanApproved.v1",
                    Template.PLAN_APPROVED, to, List.of(), Map.of());
            NotificationEntry entry = NotificationEntry.pending(NotificationKey.of(request.sourceEventId(),
                    request.template(), to, List.of()), request, to, List.of(), mail, now, Duration.ofMinutes(1));
            return mongo.insert(entry);
        }).toList();
    }
}
