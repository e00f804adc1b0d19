package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenAPI, Swagger UI, and the business and MongoDB meters on /actuator/prometheus. */
@IntegrationTest
class ObservabilityIT extends IntakeApiSupport {

    @Autowired
    MeterRegistry registry;

    @Test
    void the_api_is_described_by_openapi() {
        IntakeClient.Response docs = client().get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/upgrade-requests", "/api/v1/upgrade-requests/{id}",
                "/api/v1/upgrade-requests/{id}/assignment", "/api/v1/upgrade-requests/{id}/outcome",
                "/api/v1/organizations/{id}");
        assertThat(paths.get("/api/v1/upgrade-requests").has("post")).isTrue();
        assertThat(paths.get("/api/v1/upgrade-requests").has("get")).isTrue();
        assertThat(paths.get("/api/v1/upgrade-requests/{id}").has("put")).isTrue();
        assertThat(docs.json().get("components").get("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void swagger_ui_is_served() throws Exception {
        HttpClient redirecting = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = redirecting.send(HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/swagger-ui.html")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
    }

    @Test
    void received_requests_are_counted_by_form_and_region() {
        submitted(Submissions.complete().put("form", "US_FEDERAL").put("region", "EMEA"));

        String prometheus = client().get("/actuator/prometheus", null).body();

        assertThat(prometheus).containsPattern(
                "upgrade_assist_requests_received_total\\{application=\"intake-service\",form=\"US_FEDERAL\",region=\"EMEA\"} [1-9]");
    }

    @Test
    void mongodb_round_trips_are_not_timed_per_command_but_the_connection_pool_is_measured() {
        submitted(Submissions.complete()); // an idempotency key and a request inserted, and more

        String prometheus = client().get("/actuator/prometheus", null).body();

        // the driver's command listener made it decode every command it sent (docs/adr/0026)
        assertThat(prometheus).doesNotContain("mongodb_driver_commands_seconds");
        assertThat(prometheus).contains("mongodb_driver_pool_size{");
    }

    @Test
    void the_review_stage_is_timed_once_per_request_whatever_is_replayed() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        long before = stageCount("submitted_to_reviewed");
        long onHoldBefore = stageCount("approved_to_on_hold");

        InfoMissing first = Events.infoMissing(id, 1, Instant.now());
        TestKafka.publish(first);
        awaitStatus(id, "AWAITING_INFO");
        TestKafka.publish(first);
        PlanApproved approved = Events.planApproved(id, 1, Instant.now());
        TestKafka.publish(approved);
        TestKafka.publish(Events.onHold(id, "bob", Instant.now()));
        awaitStatus(id, "ON_HOLD");
        TestKafka.publish(approved);
        TestKafka.publish(Events.infoMissing(id, 0, Instant.now())); // behind the replay, for no current revision
        TestKafka.publish(Events.rollbackAdvised(id, Instant.now()));
        awaitStatus(id, "ROLLBACK_ADVISED");
        awaitTimeline(id, 6);

        assertThat(stageCount("submitted_to_reviewed") - before).isEqualTo(1);
        assertThat(stageCount("approved_to_on_hold") - onHoldBefore).isEqualTo(1);
        String prometheus = client().get("/actuator/prometheus", null).body();
        assertThat(prometheus).contains("upgrade_assist_request_stage_seconds_bucket{application=\"intake-service\",stage=\"submitted_to_reviewed\"");
        assertThat(prometheus).contains("upgrade_assist_request_stage_seconds_count{application=\"intake-service\",stage=\"approved_to_on_hold\"}");
    }

    private long stageCount(String stage) {
        Timer timer = registry.find("upgrade_assist.request.stage").tag("stage", stage).timer();
        return timer == null ? 0 : timer.count();
    }
}
