package dev.upgradeassist.intake;

import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** 401 without a valid token, 403 for the wrong role, both as problem details, before any body is read. */
@IntegrationTest
class SecurityIT extends IntakeApiSupport {

    private static final String ANY_ID = UUID.randomUUID().toString();
    private static final String BODY = Submissions.complete().toString();

    record Call(String method, String path, String body) {
    }

    private static final Call[] CALLS = {
            new Call("POST", REQUESTS, BODY),
            new Call("PUT", REQUESTS + "/" + ANY_ID, BODY),
            new Call("GET", REQUESTS + "/" + ANY_ID, null),
            new Call("GET", REQUESTS, null),
            new Call("POST", REQUESTS + "/" + ANY_ID + "/assignment", "{\"engineer\":\"alice\"}"),
            new Call("POST", REQUESTS + "/" + ANY_ID + "/outcome", "{\"result\":\"SUCCEEDED\"}"),
            new Call("PUT", "/api/v1/organizations/acme", "{\"name\":\"Acme\",\"prioritySupport\":true}"),
            new Call("POST", REQUESTS + "/" + ANY_ID + "/comments", "{\"body\":\"hi\",\"visibility\":\"PUBLIC\"}"),
    };

    @Test
    void every_endpoint_answers_401_without_a_token_or_with_an_unknown_one() {
        for (Call call : CALLS) {
            assertProblem(send(call, null), 401, call);
            assertProblem(send(call, "not-a-token"), 401, call);
        }
    }

    @Test
    void the_dev_tokens_work_only_in_the_local_profile() {
        assertProblem(send(CALLS[0], "dev-portal-token"), 401, CALLS[0]);
    }

    @Test
    void every_endpoint_answers_403_to_the_wrong_role() {
        assertProblem(send(CALLS[0], TestTokens.ENGINEER), 403, CALLS[0]);
        assertProblem(send(CALLS[1], TestTokens.ENGINEER), 403, CALLS[1]);
        assertProblem(send(CALLS[2], TestTokens.OPERATOR), 403, CALLS[2]);
        assertProblem(send(CALLS[3], TestTokens.PORTAL), 403, CALLS[3]);
        assertProblem(send(CALLS[4], TestTokens.PORTAL), 403, CALLS[4]);
        assertProblem(send(CALLS[5], TestTokens.ENGINEER), 403, CALLS[5]);
        assertProblem(send(CALLS[6], TestTokens.PORTAL), 403, CALLS[6]);
        assertProblem(send(CALLS[6], TestTokens.ENGINEER), 403, CALLS[6]);
        assertProblem(send(CALLS[7], TestTokens.OPERATOR), 403, CALLS[7]);
    }

    @Test
    void the_wrong_role_with_a_broken_body_is_still_a_403() {
        assertProblem(send(new Call("POST", REQUESTS, "{ broken"), TestTokens.ENGINEER), 403, CALLS[0]);
        assertProblem(send(new Call("PUT", "/api/v1/organizations/acme", "{}"), TestTokens.PORTAL), 403, CALLS[6]);
        assertProblem(send(new Call("POST", CALLS[7].path(), "{ broken"), TestTokens.OPERATOR), 403, CALLS[7]);
    }

    @Test
    void health_prometheus_and_the_api_docs_are_open() {
        assertThat(client().get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(client().get("/actuator/prometheus", null).status()).isEqualTo(200);
        assertThat(client().get("/v3/api-docs", null).status()).isEqualTo(200);
    }

    private IntakeClient.Response send(Call call, String token) {
        HttpRequest.Builder builder = client().request(call.path(), token);
        if (call.body() == null) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        }
        return client().send(builder.build());
    }

    private static void assertProblem(IntakeClient.Response response, int status, Call call) {
        assertThat(response.status()).as(call + " " + response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(call.toString()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
    }
}
