package dev.upgradeassist.platform.testapp;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.RawHttp;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error is RFC 9457 problem details with a type, including what Spring Security's firewall and Tomcat refuse
 * before Spring MVC sees the request, and the hostile inputs that used to end in a 500.
 */
@IntegrationTest
class ProblemShapeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AUTH = "\r\nAuthorization: Bearer " + TestTokens.OPERATOR;

    @LocalServerPort
    int port;

    @Test
    void requests_refused_before_spring_mvc_are_problem_details_never_5xx() throws Exception {
        Map<String, RawHttp.Response> responses = new LinkedHashMap<>();
        responses.put("encoded slash", RawHttp.send(port, "GET /api/v1/probes/..%2f..%2fetc HTTP/1.1" + AUTH));
        responses.put("semicolon", RawHttp.send(port, "GET /api/v1/probes/a;b=c HTTP/1.1" + AUTH));
        responses.put("encoded dots", RawHttp.send(port, "GET /api/v1/probes/%2e%2e/x HTTP/1.1" + AUTH));
        responses.put("encoded percent", RawHttp.send(port, "GET /api/v1/probes/a%25b HTTP/1.1" + AUTH));
        responses.put("control character in a header", RawHttp.send(port,
                "GET /api/v1/probes/1 HTTP/1.1" + AUTH + "\r\nX-Note: a\u0001b"));
        responses.put("non-ASCII idempotency key", RawHttp.send(port,
                ("GET /api/v1/probes/1 HTTP/1.1\r\nAuthorization: Bearer " + TestTokens.PORTAL
                        + "\r\nIdempotency-Key: k\u20ac").getBytes(StandardCharsets.UTF_8),
                null));
        responses.put("TRACE", RawHttp.send(port, "TRACE /api/v1/probes/1 HTTP/1.1" + AUTH));
        responses.put("malformed request line", RawHttp.send(port, "GET /api/v1/probes/1 HTTP/1.1 extra" + AUTH));

        List<String> failures = new ArrayList<>();
        responses.forEach((kind, response) -> {
            String problem = problemShape(response);
            if (response.status() >= 500 || response.status() < 400 || problem != null) {
                failures.add(kind + ": " + response.status() + " " + response.contentType() + " "
                        + (problem == null ? "" : problem) + " " + response.body());
            }
        });
        assertThat(failures).isEmpty();
        assertThat(responses.get("TRACE").status()).isEqualTo(405);
        assertThat(responses.get("non-ASCII idempotency key").status()).isEqualTo(400);
    }

    @Test
    void the_error_path_asked_for_directly_is_a_404_problem_not_a_500_with_status_999() throws Exception {
        RawHttp.Response anonymous = RawHttp.send(port, "GET /error HTTP/1.1");
        RawHttp.Response operator = RawHttp.send(port, "GET /error HTTP/1.1" + AUTH);

        assertThat(anonymous.status()).isEqualTo(404);
        assertThat(problemShape(anonymous)).isNull();
        assertThat(operator.status()).isEqualTo(404);
        assertThat(anonymous.body()).doesNotContain("999");
    }

    @Test
    void a_body_over_the_limit_without_a_token_is_401_before_413() throws Exception {
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');

        RawHttp.Response anonymous = RawHttp.send(port,
                "POST /api/v1/probes HTTP/1.1\r\nContent-Type: application/json".getBytes(StandardCharsets.ISO_8859_1), big);
        RawHttp.Response portal = RawHttp.send(port, ("POST /api/v1/probes HTTP/1.1\r\nContent-Type: application/json"
                + "\r\nAuthorization: Bearer " + TestTokens.PORTAL).getBytes(StandardCharsets.ISO_8859_1), big);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(problemShape(anonymous)).isNull();
        assertThat(portal.status()).isEqualTo(413);
        assertThat(problemShape(portal)).isNull();
    }

    @Test
    void a_redrive_with_a_negative_offset_or_a_null_record_is_a_400_problem() throws Exception {
        String topic = Topics.deadLetter(Topics.INTAKE);
        List<String> bodies = List.of(
                "{\"topic\":\"" + topic + "\",\"records\":[{\"partition\":0,\"offset\":-1}]}",
                "{\"topic\":\"" + topic + "\",\"records\":[{\"partition\":-2,\"offset\":0}]}",
                "{\"topic\":\"" + topic + "\",\"records\":[null]}",
                "{\"topic\":\"" + topic + "\",\"records\":[{\"partition\":0,\"offset\":\"x\"}]}");

        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            RawHttp.Response response = RawHttp.send(port, ("POST /api/v1/operations/dead-letters/redrive HTTP/1.1"
                    + AUTH + "\r\nContent-Type: application/json").getBytes(StandardCharsets.ISO_8859_1), bytes);
            assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
            assertThat(problemShape(response)).as(body).isNull();
        }
    }

    @Test
    void problems_from_controllers_and_from_the_security_chain_carry_a_type() throws Exception {
        List<RawHttp.Response> responses = List.of(
                RawHttp.send(port, "GET /api/v1/probes/1 HTTP/1.1" + AUTH.replace(TestTokens.OPERATOR, TestTokens.PORTAL)),
                RawHttp.send(port, "GET /api/v1/probes/1 HTTP/1.1"),
                RawHttp.send(port, "GET /api/v1/probes/1 HTTP/1.1" + AUTH),
                RawHttp.send(port, "GET /api/v1/nothing-here HTTP/1.1" + AUTH),
                RawHttp.send(port, "DELETE /api/v1/probes/1 HTTP/1.1" + AUTH),
                RawHttp.send(port, ("POST /api/v1/probes HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: "
                        + "Bearer " + TestTokens.PORTAL).getBytes(StandardCharsets.ISO_8859_1),
                        "{\"form\":\"STANDARD\\u0000\",\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)));

        for (RawHttp.Response response : responses) {
            assertThat(response.status()).as(response.body()).isBetween(400, 499);
            assertThat(problemShape(response)).as(response.headers() + "\n" + response.body()).isNull();
        }
    }

    /** @return null when the response is problem details with a type, title and status; else what is wrong */
    private static String problemShape(RawHttp.Response response) {
        if (!response.contentType().startsWith("application/problem+json")) {
            return "content type " + response.contentType();
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return "not JSON";
        }
        for (String field : List.of("type", "title", "status")) {
            if (body.get(field) == null || body.get(field).isNull()) {
                return "no " + field;
            }
        }
        return body.get("status").asInt() == response.status() ? null : "status field " + body.get("status");
    }
}
