package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Comments: the customer's and the engineers' (PUBLIC replies and INTERNAL notes), on the real broker. */
@IntegrationTest
class ConversationIT extends IntakeApiSupport {

    @Autowired
    MeterRegistry registry;

    @Test
    void the_portal_comments_as_the_customer_always_public() {
        String id = submitted(Submissions.complete());

        IntakeClient.Response response = comment(id, TestTokens.PORTAL, "{\"body\":\"We moved the window by a day.\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode comment = response.json();
        assertThat(comment.get("id").asString()).isNotBlank();
        assertThat(comment.get("author").asString()).isEqualTo("customer");
        assertThat(comment.get("authorRole").asString()).isEqualTo("CUSTOMER");
        assertThat(comment.get("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(comment.get("body").asString()).isEqualTo("We moved the window by a day.");
        assertThat(Instant.parse(comment.get("at").asString())).isBefore(Instant.now().plusSeconds(1));
        CommentAdded added = awaitIntakeEvents(id, "CommentAdded.v1", 1).get(0).as(CommentAdded.class);
        assertThat(added.commentId()).isEqualTo(comment.get("id").asString());
        assertThat(added.author()).isEqualTo("customer");
        assertThat(added.authorRole()).isEqualTo(CommentAdded.AuthorRole.CUSTOMER);
        assertThat(added.visibility()).isEqualTo(CommentAdded.Visibility.PUBLIC);
        assertThat(added.body()).isEqualTo("We moved the window by a day.");
        assertThat(added.ticketId()).isEqualTo(view(id).json().get("ticketId").asString());
        assertThat(added.form()).isEqualTo(Form.STANDARD);
        assertThat(added.region()).isEqualTo(Region.AMER);
        assertThat(added.assignee()).isNull();
        assertThat(added.contact().requesterEmail()).isEqualTo("dana@acme.example");
        assertThat(added.contact().tamEmail()).isEqualTo("tam@gitlab.example");

        assertThat(comment(id, TestTokens.PORTAL, "{\"body\":\"explicit\",\"visibility\":\"PUBLIC\"}").status())
                .isEqualTo(201);
    }

    @Test
    void an_engineer_writes_public_replies_and_internal_notes_as_themselves() {
        String id = submitted(Submissions.complete());

        IntakeClient.Response reply = comment(id, TestTokens.ENGINEER, "{\"body\":\"Hi Dana\",\"visibility\":\"PUBLIC\"}");
        IntakeClient.Response note = comment(id, TestTokens.ENGINEER_BOB,
                "{\"body\":\"Check their Geo\",\"visibility\":\"INTERNAL\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("author").asString()).isEqualTo("alice");
        assertThat(reply.json().get("authorRole").asString()).isEqualTo("ENGINEER");
        assertThat(reply.json().get("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(note.status()).as(note.body()).isEqualTo(201);
        assertThat(note.json().get("author").asString()).isEqualTo("bob");
        assertThat(note.json().get("visibility").asString()).isEqualTo("INTERNAL");
        List<CommentAdded> added = awaitIntakeEvents(id, "CommentAdded.v1", 2).stream()
                .map(r -> r.as(CommentAdded.class)).toList();
        assertThat(added).extracting(CommentAdded::author).containsExactlyInAnyOrder("alice", "bob");
        assertThat(added).filteredOn(c -> c.author().equals("bob")).singleElement()
                .satisfies(c -> assertThat(c.visibility()).isEqualTo(CommentAdded.Visibility.INTERNAL));
    }

    @Test
    void the_portal_may_not_write_an_internal_note() {
        String id = submitted(Submissions.complete());

        IntakeClient.Response response = comment(id, TestTokens.PORTAL, "{\"body\":\"psst\",\"visibility\":\"INTERNAL\"}");

        assertProblem(response, 403);
        assertThat(comment(id, TestTokens.OPERATOR, "{\"body\":\"x\",\"visibility\":\"PUBLIC\"}").status()).isEqualTo(403);
        awaitTimeline(id, 1);
        assertThat(intakeEvents(id, "CommentAdded.v1")).isEmpty();
    }

    @Test
    void a_comment_needs_a_body_of_1_to_20000_characters_and_an_engineer_must_say_who_may_read_it() {
        String id = submitted(Submissions.complete());

        assertProblem(comment(id, TestTokens.PORTAL, "{\"body\":\"\"}"), 400);
        assertProblem(comment(id, TestTokens.PORTAL, "{\"body\":\"  \\n \"}"), 400);
        assertProblem(comment(id, TestTokens.PORTAL, "{}"), 400);
        assertProblem(comment(id, TestTokens.PORTAL, "{\"body\":null}"), 400);
        assertProblem(comment(id, TestTokens.PORTAL, "{\"body\":\"nul \\u0000 byte\"}"), 400);
        assertProblem(comment(id, TestTokens.PORTAL, "{\"body\":\"" + "a".repeat(20_001) + "\"}"), 400);
        assertProblem(comment(id, TestTokens.PORTAL, "{\"body\":42}"), 400);
        assertProblem(comment(id, TestTokens.ENGINEER, "{\"body\":\"x\",\"visibility\":\"SECRET\"}"), 400);
        assertProblem(comment(id, TestTokens.ENGINEER, "{\"body\":\"x\",\"visibility\":\"public\"}"), 400);
        assertProblem(comment(id, TestTokens.ENGINEER, "{\"body\":\"x\"}"), 400);
        assertProblem(comment(id, TestTokens.PORTAL, "{ broken"), 400);

        String longest = "ü".repeat(20_000); // characters, not bytes
        IntakeClient.Response accepted = comment(id, TestTokens.PORTAL, "{\"body\":\"" + longest + "\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(comment(id, TestTokens.PORTAL, "{\"body\":\"x\"}").status()).isEqualTo(201);
        assertThat(comment(id, TestTokens.PORTAL, "{\"body\":\"line one\\nline two\\ttabbed\"}").status()).isEqualTo(201);
        awaitIntakeEvents(id, "CommentAdded.v1", 3);
        assertThat(intakeEvents(id, "CommentAdded.v1")).hasSize(3);
    }

    @Test
    void a_comment_on_an_unknown_request_is_a_404() {
        assertProblem(comment(UUID.randomUUID().toString(), TestTokens.PORTAL, "{\"body\":\"hello\"}"), 404);
        assertProblem(comment(UUID.randomUUID().toString(), TestTokens.ENGINEER,
                "{\"body\":\"hello\",\"visibility\":\"INTERNAL\"}"), 404);
    }

    @Test
    void a_completed_request_takes_no_more_comments() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        TestKafka.publish(Events.planApproved(id, 1, Instant.now()));
        TestKafka.publish(Events.onHold(id, "bob", Instant.now()));
        TestKafka.publish(Events.completed(id, Instant.now()));
        awaitStatus(id, "COMPLETED");

        assertProblem(comment(id, TestTokens.PORTAL, "{\"body\":\"one more thing\"}"), 409);
        assertProblem(comment(id, TestTokens.ENGINEER, "{\"body\":\"note\",\"visibility\":\"INTERNAL\"}"), 409);
        assertThat(intakeEvents(id, "CommentAdded.v1")).isEmpty();
    }

    @Test
    void a_comment_names_the_assignee_after_an_assignment_and_after_a_hand_off() {
        String id = submitted(Submissions.complete());
        assertThat(client().post(REQUESTS + "/" + id + "/assignment", TestTokens.ENGINEER,
                "{\"engineer\":\"alice\"}").status()).isEqualTo(200);

        assertThat(comment(id, TestTokens.PORTAL, "{\"body\":\"first\"}").status()).isEqualTo(201);
        CommentAdded first = awaitIntakeEvents(id, "CommentAdded.v1", 1).get(0).as(CommentAdded.class);
        assertThat(first.assignee()).isEqualTo("alice");

        TestKafka.publish(Events.handedOff(id, "alice", "bob", Instant.now()));
        awaitView(id, view -> "bob".equals(view.get("assignee").asString()));
        assertThat(comment(id, TestTokens.PORTAL, "{\"body\":\"second\"}").status()).isEqualTo(201);

        CommentAdded second = awaitIntakeEvents(id, "CommentAdded.v1", 2).stream().map(r -> r.as(CommentAdded.class))
                .filter(c -> c.body().equals("second")).findFirst().orElseThrow();
        assertThat(second.assignee()).isEqualTo("bob");
    }

    @Test
    void the_view_threads_the_comments_in_order_with_author_and_role_and_names_each_actor() {
        String id = submitted(Submissions.complete());
        List<String> ids = new ArrayList<>();
        ids.add(comment(id, TestTokens.PORTAL, "{\"body\":\"one\"}").json().get("id").asString());
        ids.add(comment(id, TestTokens.ENGINEER, "{\"body\":\"two\",\"visibility\":\"PUBLIC\"}").json().get("id").asString());
        ids.add(comment(id, TestTokens.ENGINEER_BOB, "{\"body\":\"three\",\"visibility\":\"INTERNAL\"}").json().get("id").asString());
        ids.add(comment(id, TestTokens.PORTAL, "{\"body\":\"four\"}").json().get("id").asString());

        JsonNode view = awaitView(id, v -> v.get("comments").size() == 4);

        List<String> seen = new ArrayList<>();
        view.get("comments").forEach(c -> seen.add(c.get("id").asString()));
        assertThat(seen).isEqualTo(ids);
        JsonNode second = view.get("comments").get(1);
        assertThat(second.get("author").asString()).isEqualTo("alice");
        assertThat(second.get("authorRole").asString()).isEqualTo("ENGINEER");
        assertThat(second.get("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(second.get("body").asString()).isEqualTo("two");
        assertThat(second.get("at").asString()).isNotBlank();
        List<String> actors = new ArrayList<>();
        view.get("timeline").forEach(entry -> actors.add(entry.get("type").asString() + ":" + entry.get("actor").asString()));
        assertThat(actors).containsExactly("RequestReceived:customer", "CommentAdded:customer", "CommentAdded:alice",
                "CommentAdded:bob", "CommentAdded:customer");

        JsonNode portal = client().get(REQUESTS + "/" + id, TestTokens.PORTAL).json();
        List<String> portalSees = new ArrayList<>();
        portal.get("comments").forEach(c -> portalSees.add(c.get("body").asString()));
        assertThat(portalSees).containsExactly("one", "two", "four");
        assertThat(portal.get("timeline").size()).isEqualTo(4);
    }

    @Test
    void an_internal_note_is_in_no_response_the_portal_can_get_but_engineers_read_it() {
        String marker = "INTERNAL-MARKER-" + UUID.randomUUID();
        String id = submitted(Submissions.complete());
        assertThat(comment(id, TestTokens.PORTAL, "{\"body\":\"customer says hi\"}").status()).isEqualTo(201);
        IntakeClient.Response note = comment(id, TestTokens.ENGINEER,
                "{\"body\":\"do not tell them: " + marker + "\",\"visibility\":\"INTERNAL\"}");
        assertThat(note.status()).isEqualTo(201);
        assertThat(comment(id, TestTokens.ENGINEER, "{\"body\":\"public reply\",\"visibility\":\"PUBLIC\"}").status())
                .isEqualTo(201);
        JsonNode engineerView = awaitView(id, v -> v.get("comments").size() == 3);
        assertThat(engineerView.toString()).contains(marker);
        String internalId = note.json().get("id").asString();

        List<IntakeClient.Response> portalResponses = new ArrayList<>();
        portalResponses.add(client().get(REQUESTS + "/" + id, TestTokens.PORTAL));
        portalResponses.add(client().get(REQUESTS, TestTokens.PORTAL));
        portalResponses.add(client().get(REQUESTS + "?assignee=alice", TestTokens.PORTAL));
        portalResponses.add(comment(id, TestTokens.PORTAL, "{\"body\":\"another reply\"}"));
        portalResponses.add(comment(id, TestTokens.PORTAL, "{\"body\":\"x\",\"visibility\":\"INTERNAL\"}"));
        portalResponses.add(client().put(REQUESTS + "/" + id, TestTokens.PORTAL, Submissions.complete().toString()));
        portalResponses.add(client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"SUCCEEDED\",\"details\":\"x\"}"));
        portalResponses.add(client().get(REQUESTS + "/" + id + "/comments", TestTokens.PORTAL));
        portalResponses.add(client().get(REQUESTS + "/" + id + "/comments/" + UUID.randomUUID(), TestTokens.PORTAL));
        portalResponses.add(client().get("/api/v1/organizations/acme", TestTokens.PORTAL));
        portalResponses.add(client().get("/api/v1/operations/rebuild-request-views", TestTokens.PORTAL));
        portalResponses.add(client().get("/api/v1/operations/dead-letters", TestTokens.PORTAL));
        // after the amendment and the new comment were projected, the view again
        JsonNode supportView = awaitView(id, v -> v.get("comments").size() == 4 && v.get("timeline").size() == 6);
        IntakeClient.Response portalAgain = client().get(REQUESTS + "/" + id, TestTokens.PORTAL);
        portalResponses.add(portalAgain);
        JsonNode portalView = portalAgain.json();

        assertThat(portalResponses).allSatisfy(response -> {
            assertThat(response.body()).doesNotContain(marker).doesNotContain(internalId);
            assertThat(response.status()).isNotEqualTo(500);
        });
        assertThat(portalView.get("comments").size()).isEqualTo(3);
        portalView.get("comments").forEach(c -> assertThat(c.get("visibility").asString()).isEqualTo("PUBLIC"));
        assertThat(portalView.get("timeline").size()).isEqualTo(supportView.get("timeline").size() - 1);
        assertThat(client().get(REQUESTS + "/" + id, TestTokens.ENGINEER_BOB).body()).contains(marker);
    }

    @Test
    void a_retry_with_the_same_idempotency_key_answers_the_first_comment_and_publishes_once() {
        String id = submitted(Submissions.complete());
        String key = UUID.randomUUID().toString();

        IntakeClient.Response first = comment(id, TestTokens.PORTAL, "{\"body\":\"only once\"}", "Idempotency-Key", key);
        IntakeClient.Response retry = comment(id, TestTokens.PORTAL, "{\"body\":\"only once\"}", "Idempotency-Key", key);
        IntakeClient.Response other = comment(id, TestTokens.PORTAL, "{\"body\":\"different\"}", "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(retry.json().get("at").asString()).isEqualTo(first.json().get("at").asString());
        assertProblem(other, 422);
        assertProblem(comment(id, TestTokens.PORTAL, "{\"body\":\"x\"}", "Idempotency-Key", "has space"), 400);
        awaitView(id, v -> v.get("comments").size() == 1);
        awaitIntakeEvents(id, "CommentAdded.v1", 1);
        assertThat(intakeEvents(id, "CommentAdded.v1")).hasSize(1);
    }

    @Test
    void comments_are_counted_by_visibility_and_author() {
        String id = submitted(Submissions.complete());
        double internal = count("internal", "engineer");
        double customer = count("public", "customer");
        double engineerPublic = count("public", "engineer");

        comment(id, TestTokens.ENGINEER, "{\"body\":\"n\",\"visibility\":\"INTERNAL\"}");
        comment(id, TestTokens.PORTAL, "{\"body\":\"c\"}");
        comment(id, TestTokens.PORTAL, "{\"body\":\"\"}"); // refused: not counted

        assertThat(count("internal", "engineer") - internal).isEqualTo(1);
        assertThat(count("public", "customer") - customer).isEqualTo(1);
        assertThat(count("public", "engineer") - engineerPublic).isZero();
        String prometheus = client().get("/actuator/prometheus", null).body();
        assertThat(prometheus).containsPattern(
                "upgrade_assist_comments_total\\{application=\"intake-service\",author=\"engineer\",visibility=\"internal\"} [1-9]");
        assertThat(prometheus).contains("upgrade_assist_comments_total{application=\"intake-service\",author=\"customer\",visibility=\"internal\"} 0");
    }

    private double count(String visibility, String author) {
        return registry.get("upgrade_assist.comments").tag("visibility", visibility).tag("author", author).counter().count();
    }

    private IntakeClient.Response comment(String id, String token, String body, String... headers) {
        return client().post(REQUESTS + "/" + id + "/comments", token, body, headers);
    }

    private static void assertProblem(IntakeClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
