package dev.upgradeassist.intake;

import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's request page lookup ({@code POST /api/v1/customer-pages/lookup}, contract "Web"): the web module
 * finds a request by the token of its link, sees it as the customer does, and learns nothing from a link that finds
 * nothing. The token is stored only as its hash and never logged.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CustomerPageIT extends IntakeApiSupport {

    private static final String LOOKUP = "/api/v1/customer-pages/lookup";
    private static final String NO_PAGE = "No request page for this link";

    @Autowired
    CustomerPageTokens tokens;

    @Test
    void the_token_of_a_request_finds_it_as_the_customer_sees_it() {
        String marker = "INTERNAL-MARKER-" + UUID.randomUUID();
        String id = submitted(Submissions.complete());
        assertThat(comment(id, TestTokens.PORTAL, "{\"body\":\"customer says hi\"}").status()).isEqualTo(201);
        assertThat(comment(id, TestTokens.ENGINEER, "{\"body\":\"Hi Dana\",\"visibility\":\"PUBLIC\"}").status())
                .isEqualTo(201);
        assertThat(comment(id, TestTokens.ENGINEER, "{\"body\":\"" + marker + "\",\"visibility\":\"INTERNAL\"}")
                .status()).isEqualTo(201);
        awaitView(id, view -> view.get("comments").size() == 3 && view.get("timeline").size() == 4);

        IntakeClient.Response page = lookup(TestTokens.PORTAL, tokens.tokenFor(id));

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("application/json");
        JsonNode json = page.json();
        assertThat(json.get("id").asString()).isEqualTo(id);
        assertThat(json.get("status").asString()).isEqualTo("SUBMITTED");
        List<String> bodies = new ArrayList<>();
        json.get("comments").forEach(c -> bodies.add(c.get("body").asString()));
        assertThat(bodies).containsExactly("customer says hi", "Hi Dana");
        assertThat(json.get("timeline").size()).isEqualTo(3);
        assertThat(page.body()).doesNotContain(marker).doesNotContain("INTERNAL").doesNotContain("customerTokenHash");
        // exactly what the portal reads by id
        assertThat(json).isEqualTo(client().get(REQUESTS + "/" + id, TestTokens.PORTAL).json());
    }

    @Test
    void the_record_keeps_the_hash_of_the_token_and_never_the_token() {
        String id = submitted(Submissions.complete());
        String token = tokens.tokenFor(id);
        Document view = awaitProjected(id);

        assertThat(view.getString("customerTokenHash")).isEqualTo(CustomerPageTokens.hash(token))
                .isEqualTo(tokens.hashFor(id)).hasSize(64);
        assertThat(view.toJson()).doesNotContain(token);
        assertThat(mongo.findById(id, Document.class, "upgrade_requests").toJson()).doesNotContain(token);
        assertThat(mongo.getCollection("request_views").listIndexes().into(new ArrayList<>()))
                .anyMatch(index -> index.get("key", Document.class).containsKey("customerTokenHash"));
    }

    @Test
    void an_unknown_token_of_the_right_shape_is_the_neutral_404() {
        assertNoPage(lookup(TestTokens.PORTAL, tokens.tokenFor(UUID.randomUUID().toString())));
        assertNoPage(lookup(TestTokens.PORTAL, "A".repeat(43)));
        // a request's token from another secret finds nothing
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        assertNoPage(lookup(TestTokens.PORTAL,
                new CustomerPageTokens("another-secret-of-at-least-32-characters").tokenFor(id)));
        // nor does the id, or the stored hash itself
        assertNoPage(lookup(TestTokens.PORTAL, id));
        assertNoPage(lookup(TestTokens.PORTAL, tokens.hashFor(id)));
    }

    @Test
    void hostile_missing_or_blank_tokens_are_the_neutral_404_and_broken_bodies_a_400_never_a_500() {
        for (String token : List.of("<script>alert(1)</script>", "", "   ", "x".repeat(10_000), "../../etc/passwd",
                "{\"$ne\":null}", "A".repeat(42), "A".repeat(44), "A".repeat(42) + "=", "A".repeat(42) + "\u0000")) {
            assertNoPage(lookup(TestTokens.PORTAL, token));
        }
        assertNoPage(client().post(LOOKUP, TestTokens.PORTAL, "{}"));
        assertNoPage(client().post(LOOKUP, TestTokens.PORTAL, "{\"token\":null}"));
        assertNoPage(client().post(LOOKUP, TestTokens.PORTAL, "{\"other\":\"x\"}"));

        for (String body : List.of("{ broken", "", "null", "{\"token\":42}", "{\"token\":{\"$ne\":null}}",
                "{\"token\":[\"a\"]}", "[]")) {
            IntakeClient.Response response = client().post(LOOKUP, TestTokens.PORTAL, body);
            assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void only_the_portal_may_look_up_a_page() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        String token = tokens.tokenFor(id);

        for (String other : List.of(TestTokens.ENGINEER, TestTokens.OPERATOR)) {
            IntakeClient.Response response = lookup(other, token);
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain(token).doesNotContain(id);
        }
        assertThat(client().post(LOOKUP, TestTokens.ENGINEER, "{ broken").status()).isEqualTo(403);
        assertThat(lookup(null, token).status()).isEqualTo(401);
        assertThat(lookup("not-a-token", token).status()).isEqualTo(401);
        // and a GET, which would put it in the URL, is no lookup
        assertThat(client().get(LOOKUP + "?token=" + token, TestTokens.PORTAL).status()).isNotEqualTo(200);
    }

    @Test
    void the_token_is_never_logged(CapturedOutput output) {
        String id = submitted(Submissions.complete());
        awaitProjected(id); // a token finds the request through its view
        String token = tokens.tokenFor(id);
        String unknown = tokens.tokenFor(UUID.randomUUID().toString());
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        List<String> loggers = List.of("org.springframework.web", "dev.upgradeassist", "org.springframework.security",
                "org.springframework.data.mongodb.core.MongoTemplate");
        loggers.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
        try {
            assertThat(lookup(TestTokens.PORTAL, token).status()).isEqualTo(200);
            assertNoPage(lookup(TestTokens.PORTAL, unknown));
            assertThat(lookup(TestTokens.ENGINEER, token).status()).isEqualTo(403);
            assertThat(client().post(LOOKUP, TestTokens.PORTAL, "{\"token\":\"" + token + "\"").status())
                    .isEqualTo(400);
        } finally {
            loggers.forEach(logger -> logging.setLogLevel(logger, null));
        }

        assertThat(output.getAll()).contains("CustomerPageController") // debug logging was on for the lookups
                .doesNotContain(token).doesNotContain(unknown);
    }

    private IntakeClient.Response lookup(String bearer, String token) {
        ObjectNode body = IntakeClient.JSON.createObjectNode().put("token", token);
        return client().post(LOOKUP, bearer, body.toString());
    }

    private IntakeClient.Response comment(String id, String bearer, String body) {
        return client().post(REQUESTS + "/" + id + "/comments", bearer, body);
    }

    private static void assertNoPage(IntakeClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asString()).isEqualTo(NO_PAGE);
        assertThat(problem.get("errors") == null || problem.get("errors").isEmpty()).as(response.body()).isTrue();
    }
}
