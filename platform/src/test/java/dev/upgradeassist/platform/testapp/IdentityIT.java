package dev.upgradeassist.platform.testapp;

import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestInfrastructure;
import dev.upgradeassist.testsupport.TestJwt;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who the caller is: static tokens name their machine client or person, JWT access tokens from the configured
 * provider name their user; a token that is not valid is a 401, a valid one without our roles a 403.
 */
@IntegrationTest
class IdentityIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TestJwt JWT = TestJwt.get();

    @LocalServerPort
    int port;

    @Test
    void static_tokens_name_the_portal_the_engineer_and_the_operator() throws Exception {
        assertThat(me(TestTokens.PORTAL).body()).contains("\"name\":\"portal\"").contains("PORTAL");
        assertThat(me(TestTokens.ENGINEER).body()).contains("\"name\":\"alice\"").contains("ENGINEER");
        assertThat(me(TestTokens.ENGINEER_BOB).body()).contains("\"name\":\"bob\"");
        assertThat(me(TestTokens.OPERATOR).body()).contains("\"name\":\"operator\"").contains("OPERATOR");
    }

    @Test
    void a_jwt_from_the_provider_names_its_user_with_its_roles() throws Exception {
        HttpResponse<String> engineer = me(JWT.token("erin", "ENGINEER"));
        HttpResponse<String> subjectOnly = me(JWT.tokenWithSubjectOnly("svc-42", "OPERATOR", "SOMETHING_ELSE"));

        assertThat(engineer.statusCode()).isEqualTo(200);
        assertThat(engineer.body()).contains("\"name\":\"erin\"").contains("ENGINEER");
        assertThat(subjectOnly.statusCode()).isEqualTo(200);
        assertThat(subjectOnly.body()).contains("\"name\":\"svc-42\"").contains("OPERATOR").doesNotContain("SOMETHING");
        assertThat(get("/api/v1/operations/dead-letters?topic=x", JWT.token("erin", "ENGINEER")).statusCode())
                .as("an engineer's JWT is not an operator's").isEqualTo(403);
    }

    @Test
    void a_jwt_signed_with_another_key_expired_unsigned_or_mangled_is_a_401_problem() throws Exception {
        for (String token : new String[]{JWT.signedWithAnotherKey("mallory", "OPERATOR"),
                JWT.expired("erin", "ENGINEER"), JWT.unsigned("mallory", "OPERATOR"), "a.b.c",
                JWT.token("erin", "ENGINEER") + "x"}) {
            HttpResponse<String> response = me(token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void a_valid_jwt_without_any_of_our_roles_is_a_403() throws Exception {
        assertThat(me(JWT.token("visitor")).statusCode()).isEqualTo(403);
        assertThat(me(JWT.token("visitor", "ADMIN")).statusCode()).isEqualTo(403);
    }

    @Test
    void outside_the_local_profile_a_service_without_tokens_or_an_issuer_refuses_to_start() {
        var infra = TestInfrastructure.get();
        assertThatThrownBy(() -> new SpringApplicationBuilder(PlatformTestApplication.class).run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoUri("test-no-credentials")).close())
                .hasStackTraceContaining("No credentials configured");
    }

    private HttpResponse<String> me(String token) throws Exception {
        return get("/api/v1/probes/me", token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
