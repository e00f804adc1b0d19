package dev.upgradeassist.review.upgradepath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestTokens;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Reload without redeploy: an operator PUTs new upgrade-path data; it is validated, versioned,
 * stored in MongoDB and served; bad data is refused with the old data still served; a second
 * instance (a fresh holder on the same database) picks up the newest version on its poll.
 */
@IntegrationTest
class UpgradePathDataIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PATH = "/api/v1/operations/upgrade-path-data";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CurrentUpgradePathData data;

    private static String shippedYaml() throws Exception {
        try (InputStream in = UpgradePathDataIT.class.getClassLoader()
                .getResourceAsStream(UpgradePathCatalog.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Test data only: pretends GitLab published 19.2.3 as the 19.2 patch. */
    private static String with19_2Patch() throws Exception {
        String yaml = shippedYaml().replace("- { stop: \"19.2\",  verified: false, source: \"[G2]\" }",
                "- { stop: \"19.2\",  latestPatch: \"19.2.3\", source: \"test\" }");
        assertThat(yaml).contains("19.2.3");
        return yaml;
    }

    @AfterEach
    void restore_the_shipped_data() throws Exception {
        assertThat(put(shippedYaml(), TestTokens.OPERATOR).statusCode()).isEqualTo(200);
    }

    @Test
    void new_data_is_versioned_served_and_reaches_another_instance() throws Exception {
        String shippedVersion = data.shipped().version();
        assertThat(get("/api/v1/upgrade-paths?from=18.11.9&to=19.3.0").body())
                .contains("\"requiredStops\":[\"19.2\"]", "\"verified\":false",
                        "\"dataVersion\":\"" + shippedVersion + "\"");

        var accepted = put(with19_2Patch(), TestTokens.OPERATOR);

        String newVersion = UpgradePathCatalog.versionOf(with19_2Patch().getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"version\":\"" + newVersion + "\"",
                "\"previousVersion\":\"" + shippedVersion + "\"", "\"changed\":true");
        assertThat(get("/api/v1/upgrade-paths?from=18.11.9&to=19.3.0").body())
                .contains("\"requiredStops\":[\"19.2.3\"]", "\"verified\":true",
                        "\"dataVersion\":\"" + newVersion + "\"");
        assertThat(get(PATH).body()).contains("\"version\":\"" + newVersion + "\"", "\"origin\":\"operator\"");

        CurrentUpgradePathData otherInstance = new CurrentUpgradePathData(data.shipped(), mongo, Clock.systemUTC());
        assertThat(otherInstance.catalog().version()).isEqualTo(shippedVersion);
        otherInstance.refresh();
        assertThat(otherInstance.catalog().version()).isEqualTo(newVersion);
    }

    @Test
    void bad_data_is_refused_with_problem_details_and_the_old_data_stays() throws Exception {
        String before = data.catalog().version();
        String outOfOrder = shippedYaml().replace("- { stop: \"16.3\",", "- { stop: \"16.8\",");

        for (String bad : new String[] {"stops: [ {", outOfOrder, "just text", shippedYaml().replace(
                "- { stop: \"18.2\",  verified: false,", "- { stop: \"18.2\",  latestPatch: \"18.2.8\", verified: false,")}) {
            var response = put(bad, TestTokens.OPERATOR);

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("unchanged").doesNotContain("Exception");
        }
        assertThat(put("", TestTokens.OPERATOR).statusCode()).isEqualTo(400);
        assertThat(data.catalog().version()).isEqualTo(before);
        assertThat(get("/api/v1/upgrade-paths?from=17.11.7&to=18.5.3").body()).contains("\"requiredStops\":[\"18.2\"]");
    }

    @Test
    void only_operators_replace_the_data() throws Exception {
        assertThat(put(with19_2Patch(), TestTokens.ENGINEER).statusCode()).isEqualTo(403);
        assertThat(put(with19_2Patch(), TestTokens.PORTAL).statusCode()).isEqualTo(403);
        assertThat(put(with19_2Patch(), null).statusCode()).isEqualTo(401);
        assertThat(data.catalog().version()).isEqualTo(data.shipped().version());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.OPERATOR).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String yaml, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH))
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
