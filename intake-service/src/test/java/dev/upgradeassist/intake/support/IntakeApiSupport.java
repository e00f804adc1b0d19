package dev.upgradeassist.intake.support;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Helpers shared by the integration tests (each test class carries {@code @IntegrationTest} itself). */
public abstract class IntakeApiSupport {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final String REQUESTS = "/api/v1/upgrade-requests";

    @LocalServerPort
    protected int port;

    @Autowired
    protected MongoTemplate mongo;

    protected IntakeClient client() {
        return new IntakeClient(port);
    }

    protected IntakeClient.Response submit(ObjectNode body, String... headers) {
        return client().post(REQUESTS, TestTokens.PORTAL, body.toString(), headers);
    }

    /** Submits and returns the new request's id. */
    protected String submitted(ObjectNode body) {
        IntakeClient.Response response = submit(body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("id").asString();
    }

    protected IntakeClient.Response view(String id) {
        return client().get(REQUESTS + "/" + id, TestTokens.ENGINEER);
    }

    /** Waits until the request view satisfies the condition and returns it. */
    protected JsonNode awaitView(String id, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            IntakeClient.Response response = view(id);
            if (response.status() != 200) {
                return false;
            }
            last.set(response.json());
            return condition.test(last.get());
        });
        return last.get();
    }

    protected JsonNode awaitStatus(String id, String status) {
        return awaitView(id, view -> status.equals(view.get("status").asString()));
    }

    /**
     * Waits until intake's projection has written the request's view document. Until then a read of the request
     * answers from the request itself (its timeline already holds RequestReceived), so {@link #awaitTimeline} with
     * one entry does not say that the view exists.
     */
    protected org.bson.Document awaitProjected(String id) {
        AtomicReference<org.bson.Document> found = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            found.set(mongo.findById(id, org.bson.Document.class, "request_views"));
            return found.get() != null;
        });
        return found.get();
    }

    /** Waits until the view has projected this many timeline entries. */
    protected JsonNode awaitTimeline(String id, int entries) {
        return awaitView(id, view -> view.get("timeline").size() >= entries);
    }

    /** intake's events about a request, each event id once (publishing is at least once). */
    protected static List<TestKafka.Received> intakeEvents(String requestId) {
        return TestKafka.events(Topics.INTAKE, requestId);
    }

    protected static List<TestKafka.Received> intakeEvents(String requestId, String typeId) {
        return intakeEvents(requestId).stream().filter(r -> typeId.equals(r.typeId())).toList();
    }

    protected static List<TestKafka.Received> awaitIntakeEvents(String requestId, String typeId, int count) {
        AtomicReference<List<TestKafka.Received>> found = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            found.set(intakeEvents(requestId, typeId));
            return found.get().size() >= count;
        });
        return found.get();
    }
}
