package dev.upgradeassist.review.flow;

import static dev.upgradeassist.review.flow.ReviewClient.events;
import static dev.upgradeassist.review.flow.ReviewClient.received;
import static dev.upgradeassist.review.flow.ReviewClient.typed;
import static dev.upgradeassist.review.flow.ReviewClient.types;
import static dev.upgradeassist.review.flow.ReviewClient.upcoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.review.decision.RequestReview;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.review.decision.PlanReview;
import dev.upgradeassist.review.decision.UpgradePathRecheck;
import dev.upgradeassist.review.fixtures.SubmissionBuilder;
import dev.upgradeassist.review.upgradepath.CurrentUpgradePathData;
import dev.upgradeassist.review.upgradepath.UpgradePathCatalog;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open plans are checked again when the upgrade-path data changes, on the real broker and MongoDB: an operator PUTs
 * data under approved requests; a plan that now misses a stop (or uses a known-bad patch) gets exactly one
 * {@code ChangesRequested} by review-service and is {@code CHANGES_REQUESTED}; a plan that still fits, and one whose
 * window has passed, get nothing; another poll of the same version, another instance's sweep (a restart) and a
 * replayed submission publish nothing more. The shipped data is restored after each test.
 */
@IntegrationTest
class UpgradePathRecheckIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DATA = "/api/v1/operations/upgrade-path-data";
    private static final String CHANGES = "upgrade_assist_plans_rechecked_total{application=\"review-service\",result=\"changes_requested\"}";
    private static final String SKIPPED = "upgrade_assist_plans_rechecked_total{application=\"review-service\",result=\"skipped\"}";
    private static final String UNCHANGED = "upgrade_assist_plans_rechecked_total{application=\"review-service\",result=\"unchanged\"}";

    @LocalServerPort
    int port;

    @Autowired
    CurrentUpgradePathData data;

    @Autowired
    UpgradePathRecheck recheck;

    @Autowired
    AggregateStore store;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PlanReview policy;

    @Autowired
    LockProvider locks;

    private ReviewClient api;

    @BeforeEach
    void client() {
        api = new ReviewClient(port);
    }

    @AfterEach
    void restore_the_shipped_data() throws Exception {
        assertThat(put(shippedYaml()).statusCode()).isEqualTo(200);
        assertThat(data.catalog().version()).isEqualTo(data.shipped().version());
    }

    private static String shippedYaml() throws Exception {
        try (InputStream in = UpgradePathRecheckIT.class.getClassLoader()
                .getResourceAsStream(UpgradePathCatalog.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Test data only: pretends GitLab made 17.1 a required stop for everyone (it is conditional). */
    private static String with17_1Required() throws Exception {
        String yaml = shippedYaml().replace(
                "- { stop: \"17.1\",  latestPatch: \"17.1.8\",   source: \"[S24][S22]\", when: [LARGE_CI_PIPELINE_MESSAGES] }",
                "- { stop: \"17.1\",  latestPatch: \"17.1.8\",   source: \"test\" }");
        assertThat(yaml).contains("source: \"test\"");
        return yaml;
    }

    /** Test data only: pretends GitLab flagged 17.4.2 as a bad patch after the fact. */
    private static String with17_4_2Bad() throws Exception {
        String yaml = shippedYaml().replace("knownBadPatches:\n", """
                knownBadPatches:
                  - from: "17.4.2"
                    to: "17.4.2"
                    title: "Test only: a regression found after release"
                    source: "test"
                """);
        assertThat(yaml).contains("Test only");
        return yaml;
    }

    @Test
    void a_plan_that_now_misses_a_stop_gets_one_request_for_changes_and_the_others_nothing() throws Exception {
        // three approved requests: 15.11.13 -> 17.3.7 without 17.1; 17.3.7 -> 17.5.5 (does not cross 17.1); and
        // one like the first whose window starts in a few seconds (it will be past when the data changes)
        String misses = UUID.randomUUID().toString();
        String fine = UUID.randomUUID().toString();
        String past = UUID.randomUUID().toString();
        RequestReceived missesReceived = received(misses, 1, upcoming());
        TestKafka.publish(missesReceived);
        SubmissionBuilder short_ = upcoming();
        short_.currentVersion = "17.3.7";
        short_.targetVersion = "17.5.5";
        short_.hops = List.of("17.5.5");
        TestKafka.publish(received(fine, 1, short_));
        SubmissionBuilder soon = upcoming();
        Instant soonStart = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        soon.windowStart = soonStart.atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
        soon.timeZone = "UTC";
        TestKafka.publish(received(past, 1, soon));
        // and one approved before review-service kept submissions (its plan would miss 17.1 too)
        String legacy = UUID.randomUUID().toString();
        TestKafka.publish(received(legacy, 1, upcoming()));
        for (String id : List.of(misses, fine, past, legacy)) {
            await().atMost(WAIT).until(() -> types(id), t -> t.equals(List.of("PlanApproved.v1")));
        }
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(legacy)),
                new org.springframework.data.mongodb.core.query.Update().unset("submission").unset("pathDataVersion"),
                "request_reviews");
        assertThat(view(legacy).at("/upgradePathDataVersion").isNull()).isTrue();
        String shipped = data.shipped().version();
        assertThat(view(misses).at("/upgradePathDataVersion").asString()).isEqualTo(shipped);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(soonStart.plusSeconds(1)));
        double changesBefore = api.metric(CHANGES);
        double unchangedBefore = api.metric(UNCHANGED);
        double skippedBefore = api.metric(SKIPPED);

        HttpResponse<String> accepted = put(with17_1Required());

        String version = UpgradePathCatalog.versionOf(with17_1Required().getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"version\":\"" + version + "\"");
        List<TestKafka.Received> missesEvents = await().atMost(WAIT).until(() -> events(misses), e -> e.size() == 2);
        ChangesRequested changes = typed(missesEvents.get(1), ChangesRequested.class);
        assertThat(changes.requestedBy()).isEqualTo("review-service");
        assertThat(changes.revision()).isEqualTo(1);
        assertThat(changes.deficiencies()).extracting(Deficiency::code)
                .contains("UPGRADE_PLAN_REQUIRED_STOP_MISSING").doesNotContain(Deficiency.ENGINEER_REQUESTED);
        assertThat(changes.deficiencies()).filteredOn(d -> d.code().equals("UPGRADE_PLAN_REQUIRED_STOP_MISSING"))
                .singleElement().satisfies(d -> {
                    assertThat(d.message()).contains("17.1.8");
                    assertThat(d.field()).isEqualTo("upgradePlan.hops");
                });
        assertThat(changes.requiredStops()).containsExactly("16.3.9", "16.7.10", "16.11.10", "17.1.8");
        assertThat(changes.feedback()).contains("upgrade-path data", version, "15.11.13", "17.3.7",
                "17.1.8", "amend");
        assertThat(changes.contact()).isEqualTo(missesReceived.contact());
        JsonNode missesView = view(misses);
        assertThat(missesView.at("/status").asString()).isEqualTo("CHANGES_REQUESTED");
        assertThat(missesView.at("/changesRequested/requestedBy").asString()).isEqualTo("review-service");
        assertThat(missesView.at("/changesRequested/items").size()).isZero();
        assertThat(missesView.at("/approval").isNull()).isTrue();
        assertThat(missesView.at("/upgradePathDataVersion").asString()).isEqualTo(version);

        // the plan that still fits was checked with the new data and told nothing
        await().atMost(WAIT).until(() -> view(fine).at("/upgradePathDataVersion").asString(), version::equals);
        assertThat(view(fine).at("/status").asString()).isEqualTo("APPROVED");
        // the passed window was not checked again
        assertThat(view(past).at("/upgradePathDataVersion").asString()).isEqualTo(shipped);
        assertThat(view(past).at("/status").asString()).isEqualTo("APPROVED");
        assertThat(api.metric(CHANGES)).isGreaterThanOrEqualTo(changesBefore + 1);
        assertThat(api.metric(UNCHANGED)).isGreaterThanOrEqualTo(unchangedBefore + 1);
        // the review without a kept submission is skipped, counted once, and told nothing
        await().atMost(WAIT).until(() -> view(legacy).at("/upgradePathDataVersion").asString(""), version::equals);
        assertThat(view(legacy).at("/status").asString()).isEqualTo("APPROVED");
        assertThat(api.metric(SKIPPED)).isGreaterThanOrEqualTo(skippedBefore + 1);
        assertThat(api.get("/api/v1/reviews/" + legacy + "/runbook", TestTokens.PORTAL).statusCode())
                .isEqualTo(409);

        // the same version again: another poll, this instance's sweep, another instance's (a restart), a replay
        double changesAfter = api.metric(CHANGES);
        double unchangedAfter = api.metric(UNCHANGED);
        double skippedAfter = api.metric(SKIPPED);
        data.refresh();
        UpgradePathRecheck.Sweep again = recheck.sweep();
        assertThat(again.dataVersion()).isEqualTo(version);
        CurrentUpgradePathData restarted = new CurrentUpgradePathData(data.shipped(), mongo, Clock.systemUTC());
        UpgradePathRecheck otherInstance = new UpgradePathRecheck(store, mongo, policy, restarted,
                Clock.systemUTC(), locks, new SimpleMeterRegistry(), Duration.ofMillis(100));
        try {
            UpgradePathRecheck.Sweep afterRestart = otherInstance.sweep();
            assertThat(afterRestart.dataVersion()).isEqualTo(version);
            assertThat(afterRestart.count(UpgradePathRecheck.Result.CHANGES_REQUESTED)).isZero();
            assertThat(afterRestart.count(UpgradePathRecheck.Result.UNCHANGED)).isZero();
        } finally {
            otherInstance.stop();
        }
        TestKafka.publish(missesReceived);
        assertThat(put(with17_1Required()).body()).contains("\"changed\":false");
        // nothing more can come once review has consumed the replayed submission and every event its writes and the
        // sweeps above raised (the sweeps ran on this thread) has left the requests' outboxes for the topic
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, misses, WAIT);
        awaitOutboxesEmpty(misses, fine, past, legacy);
        assertThat(types(misses)).containsExactly("PlanApproved.v1", "ChangesRequested.v1");
        assertThat(types(fine)).containsExactly("PlanApproved.v1");
        assertThat(types(past)).containsExactly("PlanApproved.v1");
        assertThat(types(legacy)).containsExactly("PlanApproved.v1");
        assertThat(api.metric(SKIPPED)).isEqualTo(skippedAfter);
        assertThat(view(misses).at("/status").asString()).isEqualTo("CHANGES_REQUESTED");
        assertThat(api.metric(CHANGES)).isEqualTo(changesAfter);
        assertThat(api.metric(UNCHANGED)).isEqualTo(unchangedAfter);
    }

    @Test
    void a_hop_flagged_as_a_known_bad_patch_after_the_approval_withdraws_it() throws Exception {
        String requestId = UUID.randomUUID().toString();
        SubmissionBuilder oneHop = upcoming();
        oneHop.currentVersion = "17.3.7";
        oneHop.targetVersion = "17.4.2";
        oneHop.hops = List.of("17.4.2");
        TestKafka.publish(received(requestId, 1, oneHop));
        await().atMost(WAIT).until(() -> types(requestId), t -> t.equals(List.of("PlanApproved.v1")));

        assertThat(put(with17_4_2Bad()).statusCode()).isEqualTo(200);

        ChangesRequested changes = typed(await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2)
                .get(1), ChangesRequested.class);
        assertThat(changes.requestedBy()).isEqualTo("review-service");
        assertThat(changes.deficiencies()).extracting(Deficiency::code).containsExactly("UPGRADE_PLAN_KNOWN_BAD_PATCH");
        assertThat(changes.deficiencies().get(0).message()).contains("17.4.2", "Test only");
        assertThat(view(requestId).at("/status").asString()).isEqualTo("CHANGES_REQUESTED");

        // the shipped data back: the withdrawn approval stays withdrawn (the customer amends), nothing more is sent
        restore_the_shipped_data();
        recheck.sweep();
        // the sweep ran on this thread (one the PUT started on the worker either wrote before it or finds the request
        // checked): whatever either raised is in the request's outbox until it is on the topic
        awaitOutboxesEmpty(requestId);
        assertThat(types(requestId)).containsExactly("PlanApproved.v1", "ChangesRequested.v1");
    }

    private static EngineerAssigned assigned(String requestId, String engineer, Instant at) {
        return TestEvents.engineerAssigned().occurredAt(at).requestId(requestId)
                .ticketId("UA-" + requestId.substring(0, 6)).engineer(engineer).ccs(List.of()).actor("triage").build();
    }

    @Test
    void the_request_for_changes_names_the_last_assignee_and_the_region() throws Exception {
        String requestId = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        TestKafka.publish(assigned(unknown, "alice", Instant.now())); // a request review never saw
        SubmissionBuilder emea = upcoming();
        emea.region = Region.EMEA;
        TestKafka.publish(received(requestId, 1, emea));
        Instant assignedAt = Instant.now();
        EngineerAssigned toAlice = assigned(requestId, "alice", assignedAt);
        EngineerAssigned toCarol = assigned(requestId, "carol", assignedAt.plusSeconds(60));
        TestKafka.publish(toAlice);
        TestKafka.publish(toCarol);
        await().atMost(WAIT).until(() -> types(requestId), t -> t.equals(List.of("PlanApproved.v1")));
        await().atMost(WAIT).until(() -> store.find(RequestReview.class, requestId).map(RequestReview::assignee)
                .orElse(null), "carol"::equals);
        Long version = store.find(RequestReview.class, requestId).orElseThrow().version();

        // the same assignment again (a redelivery): ALREADY_APPLIED, nothing written
        TestKafka.publish(toCarol);
        TestKafka.publish(toAlice);
        // review has consumed the redeliveries (and the assignment of the request it never saw)
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, requestId, WAIT);
        TestKafka.awaitConsumed("review-service", Topics.INTAKE, unknown, WAIT);
        RequestReview afterDuplicates = store.find(RequestReview.class, requestId).orElseThrow();
        assertThat(afterDuplicates.version()).isEqualTo(version);
        assertThat(afterDuplicates.assignee()).isEqualTo("carol");
        assertThat(store.find(RequestReview.class, unknown)).as("an assignment creates no review").isEmpty();

        assertThat(put(with17_1Required()).statusCode()).isEqualTo(200);

        ChangesRequested changes = typed(await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2)
                .get(1), ChangesRequested.class);
        assertThat(changes.requestedBy()).isEqualTo("review-service");
        assertThat(changes.assignee()).isEqualTo("carol");
        assertThat(changes.region()).isEqualTo(Region.EMEA);
        assertThat(types(requestId)).containsExactly("PlanApproved.v1", "ChangesRequested.v1");
    }

    /** Declared at start-up (the embedded server lists it too, and keeps serving the sweep: the tests above). */
    @Test
    void the_recheck_query_has_its_index_declared_at_start() {
        assertThat(mongo.indexOps("request_reviews").getIndexInfo())
                .filteredOn(index -> index.getName().equals("recheck_due")).singleElement()
                .satisfies(index -> assertThat(index.getIndexFields()).extracting(f -> f.getKey())
                        .containsExactly("status", "approvalTerms.upgradeStart"));
    }

    /** Waits until the reviews of these requests hold no event for the relay (what they raised is on the topic). */
    private void awaitOutboxesEmpty(String... requestIds) {
        for (String requestId : requestIds) {
            await().atMost(WAIT).until(() -> {
                org.bson.Document review = mongo.findById(requestId, org.bson.Document.class,
                        mongo.getCollectionName(RequestReview.class));
                return review != null && review.getList("outbox", org.bson.Document.class, List.of()).isEmpty();
            });
        }
    }

    private JsonNode view(String requestId) throws Exception {
        return JSON.readTree(api.view(requestId, TestTokens.ENGINEER).body());
    }

    private HttpResponse<String> put(String yaml) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + DATA))
                .header("Content-Type", "application/yaml")
                .header("Authorization", "Bearer " + TestTokens.OPERATOR)
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
