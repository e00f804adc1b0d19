package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.Meters;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/v1/notifications?requestId=} and the meters. */
@IntegrationTest
class NotificationsApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void engineers_and_operators_see_what_was_sent_to_whom_and_when() throws Exception {
        RequestFlow flow = RequestFlow.request();
        TestKafka.publish(flow.received());
        TestKafka.publish(flow.callBooked());
        String messageId = Mails.awaitCount(flow.requester, 2).stream()
                .filter(m -> m.subject().contains("We received your upgrade assistance request")).findFirst().orElseThrow()
                .messageId();
        Mails.one(flow.engineer);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode list = JSON.readTree(get("/api/v1/notifications?requestId=" + flow.requestId, TestTokens.ENGINEER).body());
            assertThat(list).hasSize(3);
            assertThat(list).allSatisfy(n -> assertThat(n.get("status").asString()).isEqualTo("SENT"));
        });
        JsonNode list = JSON.readTree(get("/api/v1/notifications?requestId=" + flow.requestId, TestTokens.OPERATOR).body());
        // the two events are on two topics, which Kafka does not order against each other: either email may be first
        JsonNode received = java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .filter(n -> "request_received".equals(n.get("template").asString())).findFirst().orElseThrow();
        assertThat(received.get("to")).extracting(JsonNode::asString).containsExactly(flow.requester, flow.contactEmail);
        assertThat(received.get("cc")).extracting(JsonNode::asString).containsExactly(flow.tam);
        assertThat(received.get("messageId").asString()).isEqualTo(messageId);
        assertThat(received.get("sentAt").isNull()).isFalse();
        assertThat(list).extracting(n -> n.get("template").asString())
                .containsExactlyInAnyOrder("request_received", "call_booked", "call_booked_engineer");
    }

    @Test
    void the_list_needs_an_engineer_or_operator_token_and_a_request_id() throws Exception {
        assertThat(get("/api/v1/notifications?requestId=x", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/notifications?requestId=x", TestTokens.PORTAL).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/notifications", TestTokens.ENGINEER).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/notifications?requestId=%20", TestTokens.ENGINEER).statusCode()).isEqualTo(400);
        HttpResponse<String> none = get("/api/v1/notifications?requestId=unknown", TestTokens.ENGINEER);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEqualTo("[]");
    }

    @Test
    void prometheus_shows_the_notification_counters_the_first_email_stage_and_the_crash_window() throws Exception {
        RequestFlow flow = RequestFlow.request();
        long stageBefore = Meters.firstEmailStageCount(meters);
        TestKafka.publish(flow.received());
        Mails.one(flow.requester);
        await().atMost(Duration.ofSeconds(20)).until(() -> Meters.firstEmailStageCount(meters) > stageBefore);
        assertThat(Meters.crashWindowCount(meters)).isPositive();
        var crashWindow = meters.find("upgrade_assist.notification.crash_window").timer();
        org.slf4j.LoggerFactory.getLogger(NotificationsApiIT.class).info("crash window: count={} mean={} ms max={} ms",
                crashWindow.count(), crashWindow.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                crashWindow.max(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertThat(crashWindow.max(java.util.concurrent.TimeUnit.SECONDS)).isLessThan(5);

        String metrics = get("/actuator/prometheus", null).body();

        assertThat(metrics).containsPattern("upgrade_assist_notifications_total\\{[^}]*outcome=\"sent\"[^}]*template=\"request_received\"[^}]*} [1-9]")
                .contains("outcome=\"duplicate_skipped\"", "outcome=\"failed\"")
                .containsPattern("upgrade_assist_request_stage_seconds_bucket\\{[^}]*stage=\"submitted_to_first_email\"")
                .contains("upgrade_assist_notification_crash_window_seconds_count");
        for (String template : new String[]{"changes_requested", "engineer_reply", "customer_reply", "sla_breached",
                "pending_reminder", "on_hold_recheck", "on_hold_recheck_engineer", "call_reminder", "call_reminder_engineer",
                "closed_no_response", "closed_by_engineer", "call_rescheduled", "call_rescheduled_engineer",
                "call_cancelled", "call_cancelled_engineer"}) {
            for (String outcome : new String[]{"sent", "failed", "duplicate_skipped"}) {
                assertThat(metrics).as("the %s series exist from the start", template).containsPattern(
                        "upgrade_assist_notifications_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*template=\"" + template + "\"");
            }
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
