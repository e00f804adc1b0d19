package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class SubmissionIT extends IntakeApiSupport {

    @Test
    void a_request_with_only_the_required_fields_is_accepted_because_review_reports_what_is_missing() {
        IntakeClient.Response response = submit(Submissions.minimal("globex"));

        assertThat(response.status()).isEqualTo(202);
        String id = response.json().get("id").asString();
        RequestReceived received = awaitIntakeEvents(id, "RequestReceived.v1", 1).get(0).as(RequestReceived.class);
        assertThat(received.submission().currentVersion()).isNull();
        assertThat(received.submission().maintenanceWindow()).isNull();
        assertThat(received.organization().tam()).isNull();
        assertThat(received.contact().tamEmail()).isNull();
        assertThat(received.contact().timeZone()).isNull();
        assertThat(received.priority()).isEqualTo("HIGH");
    }

    @Test
    void an_organization_without_priority_support_is_still_accepted_so_that_review_can_decline_it() {
        IntakeClient.Response response = submit(Submissions.complete().put("organizationId", "initech"));

        assertThat(response.status()).isEqualTo(202);
        RequestReceived received = awaitIntakeEvents(response.json().get("id").asString(), "RequestReceived.v1", 1)
                .get(0).as(RequestReceived.class);
        assertThat(received.organization().prioritySupport()).isFalse();
    }

    @Test
    void the_us_federal_form_is_created_at_high_priority_too() {
        IntakeClient.Response response = submit(Submissions.complete().put("form", "US_FEDERAL"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("priority").asString()).isEqualTo("HIGH");
    }

    @Test
    void an_unknown_organization_is_a_400_that_says_so() {
        IntakeClient.Response response = submit(Submissions.complete().put("organizationId", "umbrella"));

        assertProblem(response, 400, "organizationId");
        assertThat(response.body()).contains("not in the organization directory");
    }

    @Test
    void bad_json_is_a_400_problem() {
        IntakeClient.Response response = client().post(REQUESTS, TestTokens.PORTAL, "{\"form\": \"STANDARD\",");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).isNotBlank();
    }

    @Test
    void an_enum_name_with_a_trailing_nul_and_a_nested_array_in_a_list_of_names_are_400s() {
        assertThat(submit(Submissions.complete().put("form", "STANDARD\u0000")).status()).isEqualTo(400);
        assertThat(submit(Submissions.complete().put("edition", "EE\u0000")).status()).isEqualTo(400);
        ObjectNode nested = Submissions.complete();
        ((ObjectNode) nested.get("architecture").get("nodes").get(0)).putArray("roles").addArray().add("RAILS");
        assertProblem(submit(nested), 400, "architecture.nodes[0].roles[0]");
    }

    @Test
    void a_wrong_type_is_a_400_naming_the_field() {
        assertProblem(submit(Submissions.complete().put("testedInStaging", "yes")), 400, "testedInStaging");
        ObjectNode window = Submissions.complete();
        ((ObjectNode) window.get("maintenanceWindow")).put("durationMinutes", "240");
        assertProblem(submit(window), 400, "maintenanceWindow.durationMinutes");
        assertProblem(submit(Submissions.complete().put("currentVersion", 15)), 400, "currentVersion");
        assertProblem(submit(Submissions.complete().put("form", 0)), 400, "form");
        ObjectNode hops = Submissions.complete();
        ((ObjectNode) hops.get("upgradePlan")).put("hops", "16.3.9");
        assertProblem(submit(hops), 400, "upgradePlan.hops");
    }

    @Test
    void an_unknown_enum_value_is_a_400_listing_the_allowed_values() {
        IntakeClient.Response response = submit(Submissions.complete().put("region", "MARS"));

        assertProblem(response, 400, "region");
        assertThat(response.body()).contains("AMER");
    }

    @Test
    void malformed_versions_are_a_400() {
        assertProblem(submit(Submissions.complete().put("targetVersion", "17.3")), 400, "targetVersion");
        assertProblem(submit(Submissions.complete().put("currentVersion", "v15.11.13")), 400, "currentVersion");
        ObjectNode hops = Submissions.complete();
        hops.get("upgradePlan").get("hops").asArray().add("17.x.1");
        assertProblem(submit(hops), 400, "upgradePlan.hops[5]");
    }

    @Test
    void malformed_emails_are_a_400() {
        assertProblem(submit(Submissions.complete().put("contactEmail", "not-an-email")), 400, "contactEmail");
        ObjectNode requester = Submissions.complete();
        ((ObjectNode) requester.get("requester")).put("email", "Dana <dana@acme.example>");
        assertProblem(submit(requester), 400, "requester.email");
    }

    @Test
    void cr_or_lf_in_a_header_bound_field_is_a_400() {
        ObjectNode name = Submissions.complete();
        ((ObjectNode) name.get("requester")).put("name", "Dana\r\nBcc: everyone@example.com");
        assertProblem(submit(name), 400, "requester.name");
        assertProblem(submit(Submissions.complete().put("contactEmail", "a@acme.example\nBcc: x@evil.example")), 400,
                "contactEmail");
        ObjectNode zone = Submissions.complete();
        ((ObjectNode) zone.get("maintenanceWindow")).put("timeZone", "UTC\r\nSubject: hi");
        assertProblem(submit(zone), 400, "maintenanceWindow.timeZone");
        assertProblem(submit(Submissions.complete().put("organizationId", "acme\n")), 400, "organizationId");
    }

    @Test
    void free_text_may_span_lines() {
        assertThat(submit(Submissions.complete().put("additionalInfo", "line 1\r\nline 2")).status()).isEqualTo(202);
    }

    @Test
    void form_organization_and_requester_are_required() {
        ObjectNode body = Submissions.complete();
        body.remove("form");
        body.remove("organizationId");
        body.remove("requester");

        IntakeClient.Response response = submit(body);

        assertProblem(response, 400, "form");
        assertThat(fields(response)).contains("form", "organizationId", "requester");
    }

    @Test
    void a_body_over_256_kib_is_a_413_whether_announced_or_streamed() {
        byte[] big = Submissions.complete().put("additionalInfo", "x".repeat(300 * 1024)).toString()
                .getBytes(StandardCharsets.UTF_8);

        IntakeClient.Response announced = client().postBytes(REQUESTS, TestTokens.PORTAL, "application/json", big, false);
        IntakeClient.Response streamed = client().postBytes(REQUESTS, TestTokens.PORTAL, "application/json", big, true);

        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.contentType()).startsWith("application/problem+json");
        assertThat(streamed.status()).isEqualTo(413);
    }

    @Test
    void a_body_just_under_the_limit_is_accepted() {
        String marker = UUID.randomUUID().toString();
        ObjectNode body = Submissions.complete(marker);
        int room = 256 * 1024 - body.toString().getBytes(StandardCharsets.UTF_8).length - 64;
        body.put("additionalInfo", marker + "y".repeat(room));

        assertThat(submit(body).status()).isEqualTo(202);
    }

    @Test
    void the_same_idempotency_key_and_body_answer_the_first_response_and_store_nothing_twice() {
        String key = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();

        IntakeClient.Response first = submit(Submissions.complete(marker), "Idempotency-Key", key);
        IntakeClient.Response second = submit(Submissions.complete(marker), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertExactlyOneRequest(marker);
    }

    @Test
    void an_unknown_organization_does_not_claim_the_idempotency_key() {
        String key = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();

        assertProblem(submit(Submissions.complete(marker).put("organizationId", "umbrella"), "Idempotency-Key", key),
                400, "organizationId");
        // the corrected body with the same key is a first submission, not a 422 for another body
        IntakeClient.Response corrected = submit(Submissions.complete(marker), "Idempotency-Key", key);

        assertThat(corrected.status()).isEqualTo(202);
        assertExactlyOneRequest(marker);
    }

    @Test
    void the_same_idempotency_key_with_another_body_is_a_422() {
        String key = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        assertThat(submit(Submissions.complete(marker), "Idempotency-Key", key).status()).isEqualTo(202);

        IntakeClient.Response other = submit(Submissions.complete(marker).put("region", "EMEA"), "Idempotency-Key", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertExactlyOneRequest(marker);
    }

    @Test
    void an_idempotency_key_with_control_characters_is_a_400() {
        IntakeClient.Response response = submit(Submissions.complete(), "Idempotency-Key", "x".repeat(201));

        assertProblem(response, 400, "Idempotency-Key");
    }

    @Test
    void twenty_concurrent_retries_with_one_key_create_exactly_one_request_and_one_event() throws Exception {
        String key = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        String body = Submissions.complete(marker).toString();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<IntakeClient.Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return client().post(REQUESTS, TestTokens.PORTAL, body, "Idempotency-Key", key);
                }, pool));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (CompletableFuture<IntakeClient.Response> call : calls) {
                IntakeClient.Response response = call.get();
                assertThat(response.status()).as(response.body()).isEqualTo(202);
                ids.add(response.json().get("id").asString());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertExactlyOneRequest(marker);
    }

    private void assertExactlyOneRequest(String marker) {
        assertThat(mongo.count(new Query(Criteria.where("submission.additionalInfo").is(marker)), "upgrade_requests"))
                .isEqualTo(1);
        String id = mongo.findOne(new Query(Criteria.where("submission.additionalInfo").is(marker)),
                org.bson.Document.class, "upgrade_requests").getString("_id");
        awaitIntakeEvents(id, "RequestReceived.v1", 1);
        // the one request holds nothing more to publish: every event about the marker is on the topic now
        await().atMost(WAIT).until(() -> mongo.findById(id, org.bson.Document.class, "upgrade_requests")
                .getList("outbox", Object.class, List.of()).isEmpty());
        List<TestKafka.Received> events = TestKafka.events(Topics.INTAKE,
                r -> r.valueAsString() != null && r.valueAsString().contains(marker));
        assertThat(events).hasSize(1);
    }

    private static void assertProblem(IntakeClient.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fields(response)).as(response.body()).contains(field);
        assertThat(response.body()).doesNotContain("dev.upgradeassist", "Exception", "tools.jackson");
    }

    private static List<String> fields(IntakeClient.Response response) {
        JsonNode errors = response.json().get("errors");
        return errors == null ? List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
    }
}
