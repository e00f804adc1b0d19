package dev.upgradeassist.intake;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MongoDB reads on intake's hot path (issue 22), counted as the driver sends them:
 * <ul>
 *     <li>a decision of review's or scheduling's reads the request's aggregate once, to learn it; the view which
 *     follows takes the SLA from that read (the view's own read of the aggregate was a third of intake's MongoDB
 *     commands under load);</li>
 *     <li>a polled batch of decisions reads its requests and their views with one query each, not one per record
 *     ({@code PolledBatchReads});</li>
 *     <li>submissions for one organization read its directory entry at most once within the cache's TTL.</li>
 * </ul>
 */
@IntegrationTest
@Import(HotPathReadsIT.CommandLog.class)
class HotPathReadsIT extends IntakeApiSupport {

    /**
     * The {@code find}s that name documents by {@code _id} (one, or a polled batch's with {@code $in}), as the driver
     * sends them: one entry per command and id it names ({@code collection:id}), and one per command
     * ({@code collection}).
     */
    @TestConfiguration
    static class CommandLog {

        static final List<String> FINDS_BY_ID = new CopyOnWriteArrayList<>();
        static final List<Find> FIND_COMMANDS = new CopyOnWriteArrayList<>();

        @Bean
        MongoClientSettingsBuilderCustomizer recordFindsById() {
            CommandListener listener = new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (!"find".equals(event.getCommandName())) {
                        return;
                    }
                    BsonDocument command = event.getCommand();
                    String collection = command.getString("find").getValue();
                    BsonDocument filter = command.getDocument("filter", new BsonDocument());
                    BsonValue id = filter.get("_id");
                    List<String> named = new java.util.ArrayList<>();
                    if (id != null && id.isString()) {
                        named.add(id.asString().getValue());
                    } else if (id != null && id.isDocument() && id.asDocument().isArray("$in")) {
                        id.asDocument().getArray("$in").forEach(v -> {
                            if (v.isString()) {
                                named.add(v.asString().getValue());
                            }
                        });
                    }
                    named.forEach(n -> FINDS_BY_ID.add(collection + ":" + n));
                    if (!named.isEmpty()) {
                        // the sync driver tells its listeners on the thread that runs the command
                        FIND_COMMANDS.add(new Find(Thread.currentThread().getName(), collection, named));
                    }
                }
            };
            return settings -> settings.addCommandListener(listener);
        }
    }

    /** A {@code find} by {@code _id}: the thread that sent it, its collection and the ids it names. */
    record Find(String thread, String collection, List<String> ids) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

    /**
     * Waits until the stored view has projected the RequestReceived (read straight from MongoDB: the API answers from
     * the aggregate before that) and the relay has removed that event from the request's outbox (the removal bumps the
     * version, and a decision learned meanwhile would be written again after a second read: a retry on the conflict,
     * correct but not what is counted here).
     */
    private void awaitPublished(String id) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Document view = mongo.findById(id, Document.class, "request_views");
                    return view != null && view.get("receivedAt") != null;
                });
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            Document request = mongo.findById(id, Document.class, "upgrade_requests");
            return request != null && request.getList("outbox", Object.class, List.of()).isEmpty();
        });
    }

    /**
     * Waits until the stored view has the status, reading it straight from MongoDB: the API's GET reads the request's
     * aggregate too (its SLA as of now), which would be counted here.
     */
    private Document awaitStored(String id, String status) {
        AtomicReference<Document> stored = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            stored.set(mongo.findById(id, Document.class, "request_views"));
            return stored.get() != null && status.equals(stored.get().getString("status"));
        });
        return stored.get();
    }

    private static long findsOf(String collection, String id) {
        return CommandLog.FINDS_BY_ID.stream().filter((collection + ":" + id)::equals).count();
    }

    @Test
    void a_review_decision_reads_the_request_once_and_the_view_shows_its_sla() {
        String id = submitted(Submissions.complete());
        awaitPublished(id);
        long before = findsOf("upgrade_requests", id);

        TestKafka.publish(Events.planApproved(id, 1, Instant.now()), "/upgrade-assist/review-service");

        Document stored = awaitStored(id, "APPROVED");
        assertThat(findsOf("upgrade_requests", id) - before).as("learned once, not read again for the view")
                .isEqualTo(1);
        assertThat(stored.get("firstResponseDueAt"))
                .as("the approval answered the customer: the view keeps the SLA the request had after learning").isNull();
        assertThat(awaitStatus(id, "APPROVED").get("sla").get("firstResponseDueAt").isNull()).isTrue();
    }

    @Test
    void submissions_for_one_organization_read_its_entry_at_most_once_within_the_cache_ttl() {
        long before = findsOf("organizations", "acme");
        long started = System.nanoTime();

        submitted(Submissions.complete());
        submitted(Submissions.complete());
        submitted(Submissions.complete());

        // a cached entry is read again only once its 5 s are over: once at most in a window shorter than that
        long allowed = 1 + Duration.ofNanos(System.nanoTime() - started).toMillis() / 5_000;
        assertThat(findsOf("organizations", "acme") - before)
                .as("three submissions: the entry is read at most once per 5 s (the cache's TTL), not once each")
                .isLessThanOrEqualTo(allowed);
    }

    @Test
    void a_scheduling_event_reads_the_request_once() {
        String id = submitted(Submissions.complete());
        awaitPublished(id);
        long before = findsOf("upgrade_requests", id);

        TestKafka.publish(Events.onHold(id, "bob", Instant.now()), "/upgrade-assist/scheduling-service");

        awaitStored(id, "ON_HOLD");
        assertThat(findsOf("upgrade_requests", id) - before).isEqualTo(1);
    }

    @Test
    void a_polled_batch_of_decisions_reads_its_requests_and_views_with_one_query_each_not_one_per_record() {
        int n = 30;
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(submitted(Submissions.complete()));
        }
        ids.forEach(this::awaitPublished);
        var container = listeners.getListenerContainer("intake-service-review-events");
        container.pause();
        await().atMost(WAIT).until(container::isContainerPaused);
        try {
            Instant at = Instant.now();
            ids.forEach(id -> TestKafka.publish(Events.planApproved(id, 1, at), "/upgrade-assist/review-service"));
            FIND_COMMANDS_BEFORE.set(CommandLog.FIND_COMMANDS.size());
        } finally {
            container.resume();
        }

        ids.forEach(id -> awaitStored(id, "APPROVED"));
        // the review topic's listener threads (intake-service-review-events-<n>-C-1): not the test's own reads
        List<Find> byListener = CommandLog.FIND_COMMANDS.subList(FIND_COMMANDS_BEFORE.get(), CommandLog.FIND_COMMANDS.size())
                .stream().filter(f -> f.thread().startsWith("intake-service-review-events"))
                .filter(f -> f.ids().stream().anyMatch(ids::contains)).toList();
        long requestReads = byListener.stream().filter(f -> f.collection().equals("upgrade_requests")).count();
        long viewReads = byListener.stream().filter(f -> f.collection().equals("request_views")).count();
        // three partitions, polled once or twice each once resumed (one consumer polls them all): a handful of
        // queries, where a read per record would be thirty of each
        assertThat(requestReads).as("queries of upgrade_requests naming the batch's ids (ids per query: %s)",
                        byListener.stream().map(f -> f.collection() + " " + f.ids().size()).toList())
                .isLessThanOrEqualTo(n / 3);
        assertThat(viewReads).as("queries of request_views naming the batch's ids (ids per query: %s)",
                        byListener.stream().map(f -> f.collection() + " " + f.ids().size()).toList())
                .isLessThanOrEqualTo(n / 3);
        assertThat(byListener).as("at least one query read several of them at once")
                .anyMatch(f -> f.ids().size() > 1);
        ids.forEach(id -> assertThat(awaitStatus(id, "APPROVED").get("sla").get("firstResponseDueAt").isNull())
                .as("each approval learned and shown").isTrue());
    }

    @Test
    void a_polled_batch_of_intake_events_reads_the_clock_fields_of_its_requests_with_one_query_not_one_per_record() {
        var container = listeners.getListenerContainer("intake-service-intake-events");
        container.pause();
        await().atMost(WAIT).until(container::isContainerPaused);
        int n = 30;
        List<String> ids = new java.util.ArrayList<>();
        int before;
        try {
            for (int i = 0; i < n; i++) {
                ids.add(submitted(Submissions.complete()));
            }
            before = CommandLog.FIND_COMMANDS.size();
        } finally {
            container.resume();
        }

        ids.forEach(this::awaitPublished);
        List<Find> byListener = CommandLog.FIND_COMMANDS.subList(before, CommandLog.FIND_COMMANDS.size()).stream()
                .filter(f -> f.thread().startsWith("intake-service-intake-events"))
                .filter(f -> f.collection().equals("upgrade_requests"))
                .filter(f -> f.ids().stream().anyMatch(ids::contains)).toList();
        // three partitions, polled once or twice each once resumed: a handful of queries, where a read per
        // RequestReceived would be thirty
        assertThat(byListener).as("queries of upgrade_requests naming the batch's ids (ids per query: %s)",
                        byListener.stream().map(f -> f.ids().size()).toList())
                .hasSizeLessThanOrEqualTo(n / 3)
                .anyMatch(f -> f.ids().size() > 1);
        for (String id : ids) {
            Document view = mongo.findById(id, Document.class, "request_views");
            Document request = mongo.findById(id, Document.class, "upgrade_requests");
            assertThat(view.get("firstResponseDueAt")).as("the view shows the request's first-response clock")
                    .isNotNull().isEqualTo(request.get("slaDueAt"));
            // 0 when the poll read the request before the relay removed its outbox (which makes it 1), else 1 or more
            Number clocksVersion = view.get("clocksVersion", Number.class);
            assertThat(clocksVersion).as("and the version it read it at").isNotNull();
            assertThat(clocksVersion.longValue()).isBetween(0L, request.get("version", Number.class).longValue());
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger FIND_COMMANDS_BEFORE =
            new java.util.concurrent.atomic.AtomicInteger();

}
