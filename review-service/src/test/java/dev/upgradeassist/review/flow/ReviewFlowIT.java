package dev.upgradeassist.review.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.testing.RequestReceivedBuilder;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.review.decision.RequestReview;
import dev.upgradeassist.review.fixtures.SubmissionBuilder;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * review-service end to end on a real broker and MongoDB-protocol server: intake's events in,
 * decisions out through the outbox, the HTTP API on a random port.
 */
@IntegrationTest
class ReviewFlowIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Organization ACME = SubmissionBuilder.ACME;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void a_submission_missing_information_gets_hints_and_its_amendment_is_approved() {
        String requestId = UUID.randomUUID().toString();
        SubmissionBuilder incomplete = upcoming();
        incomplete.rollbackPlanPresent = false;
        incomplete.timeZone = null;

        TestKafka.publish(received(requestId, 1, incomplete));

        InfoMissing missing = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 1)
                .get(0).as(InfoMissing.class);
        assertThat(missing.revision()).isEqualTo(1);
        assertThat(missing.deficiencies()).extracting(Deficiency::code)
                .containsExactly("ROLLBACK_PLAN_MISSING", "MAINTENANCE_WINDOW_TIMEZONE_MISSING");
        assertThat(missing.deficiencies()).allSatisfy(d -> assertThat(d.hint()).isNotBlank());
        assertThat(missing.requiredStops()).containsExactly("16.3.9", "16.7.10", "16.11.10");
        assertThat(missing.contact().ticketId()).isEqualTo("UA-" + requestId.substring(0, 6));

        TestKafka.publish(amended(requestId, 2, upcoming()));

        var decisions = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2);
        assertThat(decisions.get(1).typeId()).isEqualTo("PlanApproved.v1");
        PlanApproved approved = decisions.get(1).as(PlanApproved.class);
        assertThat(approved.revision()).isEqualTo(2);
        assertThat(approved.requiredStops()).containsExactly("16.3.9", "16.7.10", "16.11.10");
        assertThat(approved.callOffered()).isTrue();
        assertThat(approved.wantsReviewCall()).isTrue();
        assertThat(approved.upgradeStart()).isAfter(Instant.now().plus(Duration.ofDays(13)));
        assertThat(approved.windowDurationMinutes()).isEqualTo(240);
        assertThat(approved.rollbackEstimateMinutes()).isEqualTo(90);
        assertThat(approved.contact()).isEqualTo(contact(requestId));
        assertThat(decisions.get(1).headers()).containsEntry("ce_source", "/upgrade-assist/review-service")
                .containsEntry("ce_subject", requestId);
    }

    @Test
    void a_replayed_submission_after_approval_changes_nothing() {
        String requestId = UUID.randomUUID().toString();
        RequestReceived first = received(requestId, 1, upcoming());
        TestKafka.publish(first);
        await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 1);

        TestKafka.publish(amended(requestId, 2, upcoming()));
        await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2);

        // a stale revision under a new event id (a re-sent or reordered copy), then a marker revision
        TestKafka.publish(RequestReceivedBuilder.from(first).eventId(UUID.randomUUID().toString())
                .occurredAt(Instant.now()).submission(declinedShape()).build());
        TestKafka.publish(first);
        SubmissionBuilder marker = upcoming();
        marker.rollbackPlanPresent = false;
        TestKafka.publish(amended(requestId, 3, marker));

        var decisions = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 3);
        assertThat(decisions).extracting(TestKafka.Received::typeId)
                .containsExactly("PlanApproved.v1", "PlanApproved.v1", "InfoMissing.v1");
        assertThat(decisions.get(2).as(InfoMissing.class).revision()).isEqualTo(3);
        assertThat(mongo.findById(requestId, RequestReview.class).revision()).isEqualTo(3);
    }

    @Test
    void the_same_record_delivered_twice_has_one_effect() {
        String requestId = UUID.randomUUID().toString();
        RequestReceived event = received(requestId, 1, upcoming());

        TestKafka.publish(event);
        TestKafka.publish(event);
        SubmissionBuilder marker = upcoming();
        marker.contactEmail = null;
        TestKafka.publish(amended(requestId, 2, marker));

        var decisions = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2);
        assertThat(decisions).extracting(TestKafka.Received::typeId)
                .containsExactly("PlanApproved.v1", "InfoMissing.v1");
    }

    @Test
    void a_poison_record_lands_in_the_dead_letter_topic_and_the_next_record_still_flows() {
        String poisonKey = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();

        TestKafka.publishRaw(Topics.INTAKE, poisonKey, "RequestReceived.v1",
                "{\"requestId\": ".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(TestEvents.requestReceived().occurredAt(Instant.now()).requestId(poisonKey + "-2")
                .ticketId("UA-X").revision(1).priority("HIGH").submission(null).organization(ACME).contact(null)
                .build());
        TestKafka.publish(received(requestId, 1, upcoming()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE),
                r -> r.key() != null && r.key().startsWith(poisonKey))).hasSize(2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(requestId)).hasSize(1));
        assertThat(TestKafka.readAll(Topics.REVIEW, poisonKey)).isEmpty();
    }

    @Test
    void an_organization_without_priority_support_is_declined() {
        String requestId = UUID.randomUUID().toString();
        RequestReceived event = RequestReceivedBuilder.from(received(requestId, 1, upcoming()))
                .ticketId("UA-N").organization(SubmissionBuilder.INITECH).build();

        TestKafka.publish(event);

        RequestDeclined declined = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 1)
                .get(0).as(RequestDeclined.class);
        assertThat(declined.reason()).isEqualTo(DeclineReason.NOT_ENTITLED);
        assertThat(declined.declinedBy()).isEqualTo("review-service");
    }

    @Test
    void an_engineer_recommends_postponing_and_the_decline_is_published() throws Exception {
        String requestId = UUID.randomUUID().toString();
        TestKafka.publish(received(requestId, 1, upcoming()));
        await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 1);
        String body = """
                {"reason": "POSTPONE_RECOMMENDED", "explanation": "Please test the restore first.", "engineer": "alice"}""";

        var response = post("/api/v1/reviews/" + requestId + "/decline", body, TestTokens.ENGINEER);
        var again = post("/api/v1/reviews/" + requestId + "/decline", body, TestTokens.ENGINEER);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"status\":\"DECLINED\"");
        assertThat(again.statusCode()).isEqualTo(202);
        RequestDeclined declined = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2)
                .get(1).as(RequestDeclined.class);
        assertThat(declined.reason()).isEqualTo(DeclineReason.POSTPONE_RECOMMENDED);
        assertThat(declined.declinedBy()).isEqualTo("alice");
        assertThat(declined.revision()).isEqualTo(1);
        assertThat(declined.contact()).isEqualTo(contact(requestId));
    }

    @Test
    void the_decline_names_the_authenticated_engineer_not_the_name_in_the_body() throws Exception {
        String requestId = UUID.randomUUID().toString();
        TestKafka.publish(received(requestId, 1, upcoming()));
        await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 1);

        var response = post("/api/v1/reviews/" + requestId + "/decline", """
                {"reason": "ENGINEER_DECLINED", "explanation": "Not an upgrade.", "engineer": "alice"}""",
                TestTokens.ENGINEER_BOB);

        assertThat(response.statusCode()).isEqualTo(202);
        RequestDeclined declined = await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 2)
                .get(1).as(RequestDeclined.class);
        assertThat(declined.declinedBy()).isEqualTo("bob");
    }

    @Test
    void a_manual_decline_of_an_unknown_request_is_404_and_needs_an_engineer() throws Exception {
        String body = "{\"reason\": \"ENGINEER_DECLINED\", \"explanation\": \"no\"}";

        var unknown = post("/api/v1/reviews/" + UUID.randomUUID() + "/decline", body, TestTokens.ENGINEER);
        var portal = post("/api/v1/reviews/" + UUID.randomUUID() + "/decline", body, TestTokens.PORTAL);
        var badReason = post("/api/v1/reviews/" + UUID.randomUUID() + "/decline",
                "{\"reason\": \"NOT_ENTITLED\", \"explanation\": \"no\"}", TestTokens.ENGINEER);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(portal.statusCode()).isEqualTo(403);
        assertThat(badReason.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void the_upgrade_path_endpoint_lists_stops_and_alerts_for_any_role() throws Exception {
        var response = get("/api/v1/upgrade-paths?from=15.11.13&to=17.3.7&largeCiPipelineMessages=true",
                TestTokens.PORTAL);
        var engineer = get("/api/v1/upgrade-paths?from=15.0.5&to=15.11.13&multipleRailsNodes=true",
                TestTokens.OPERATOR);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"from\":\"15.11.13\"", "\"to\":\"17.3.7\"",
                "\"requiredStops\":[\"16.3.9\",\"16.7.10\",\"16.11.10\",\"17.1.8\"]",
                "GLIBC_POSTGRESQL_INDEXES");
        assertThat(engineer.statusCode()).isEqualTo(200);
        assertThat(engineer.body()).contains("\"requiredStops\":[\"15.1.6\",\"15.4.6\"]");
    }

    @Test
    void bad_versions_on_the_upgrade_path_endpoint_are_400_problem_details() throws Exception {
        for (String query : List.of("from=15.11&to=17.3.7", "from=15.11.13&to=latest", "to=17.3.7",
                "from=17.3.7&to=16.3.9", "from=15.11.13&to=17.3.7&npmPackages=maybe")) {
            var response = get("/api/v1/upgrade-paths?" + query, TestTokens.ENGINEER);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).doesNotContain("Exception");
        }
        assertThat(get("/api/v1/upgrade-paths?from=15.11.13&to=17.3.7", null).statusCode()).isEqualTo(401);
    }

    @Test
    void review_outcomes_and_deficiency_codes_are_counted() throws Exception {
        String requestId = UUID.randomUUID().toString();
        SubmissionBuilder incomplete = upcoming();
        incomplete.rollbackTested = false;
        TestKafka.publish(received(requestId, 1, incomplete));
        await().atMost(WAIT).until(() -> events(requestId), e -> e.size() == 1);

        var metrics = get("/actuator/prometheus", null);

        assertThat(metrics.body()).contains("upgrade_assist_reviews_total{application=\"review-service\","
                + "outcome=\"info_missing\"}");
        assertThat(metrics.body()).contains("upgrade_assist_deficiencies_total{application=\"review-service\","
                + "code=\"ROLLBACK_PLAN_NOT_TESTED\"}");
        // the contract's histogram: buckets, not only a count and a sum
        assertThat(metrics.body()).containsPattern(
                "upgrade_assist_request_stage_seconds_bucket\\{[^}]*stage=\"submitted_to_reviewed\"");
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A complete submission whose window is two weeks from today, so that the real clock approves it. */
    private static SubmissionBuilder upcoming() {
        SubmissionBuilder s = SubmissionBuilder.complete();
        s.windowStart = LocalDate.now(ZoneOffset.UTC).plusDays(14) + "T22:00:00";
        return s;
    }

    private static dev.upgradeassist.contracts.model.UpgradeSubmission declinedShape() {
        SubmissionBuilder s = upcoming();
        s.outOfScopeChanges = List.of(dev.upgradeassist.contracts.model.OutOfScopeChange.ADD_GEO);
        return s.build();
    }

    private static RequestReceived received(String requestId, int revision, SubmissionBuilder submission) {
        return TestEvents.requestReceived().occurredAt(Instant.now()).requestId(requestId)
                .ticketId("UA-" + requestId.substring(0, 6)).revision(revision).priority("HIGH")
                .submission(submission.build()).organization(ACME).contact(contact(requestId)).build();
    }

    private static RequestAmended amended(String requestId, int revision, SubmissionBuilder submission) {
        return TestEvents.requestAmended().occurredAt(Instant.now()).requestId(requestId)
                .ticketId("UA-" + requestId.substring(0, 6)).revision(revision).priority("HIGH")
                .submission(submission.build()).organization(ACME).contact(contact(requestId)).build();
    }

    private static CustomerContact contact(String requestId) {
        return new CustomerContact("UA-" + requestId.substring(0, 6), "Dana Ops", "dana@acme.example",
                "gitlab-admins@acme.example", "tam@gitlab.example", "America/New_York");
    }

    private static List<TestKafka.Received> events(String requestId) {
        return TestKafka.events(Topics.REVIEW, requestId);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
