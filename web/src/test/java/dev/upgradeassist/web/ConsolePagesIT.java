package dev.upgradeassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.upgradeassist.web.FakeServices.Answer;

/**
 * The console in the local profile against a real HTTP server standing in for intake, review and notification
 * (canned JSON shaped as docs/services/*.md documents it); notification's URL points at a closed port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePagesIT {

    static final String ID = "3f2b8c1e-7a4d-4e9b-9c2a-5d8e1f6a0b47";

    static final FakeServices services = start();
    static final int closedPort = closedPort();

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("upgrade-assist.web.intake-url", services::url);
        registry.add("upgrade-assist.web.review-url", services::url);
        registry.add("upgrade-assist.web.scheduling-url", services::url);
        registry.add("upgrade-assist.web.notification-url", () -> "http://127.0.0.1:" + closedPort);
    }

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeEach
    void cannedAnswers() {
        services.reset();
        services.answer("GET /api/v1/upgrade-requests", Answer.json("""
                {"items":[{"id":"%s","ticketId":"UA-4F2K9Q","status":"IN_REVIEW","priority":"HIGH","form":"STANDARD",
                  "organizationId":"acme","region":"EMEA","assignee":null,"receivedAt":"2026-12-01T08:00:00Z",
                  "sla":{"firstResponseDueAt":"2026-12-01T12:00:00Z","nextResponseDueAt":null,"breached":true},
                  "breached":true,"closedReason":null}],"page":0,"size":20,"total":1}
                """.formatted(ID)));
        services.answer("GET /api/v1/upgrade-requests/" + ID, Answer.json("""
                {"id":"%s","ticketId":"UA-4F2K9Q","status":"AWAITING_INFO","priority":"HIGH","form":"STANDARD",
                 "organizationId":"acme","region":"EMEA","assignee":"bob","ccs":["tam@acme.example"],
                 "deficiencies":[{"code":"ENGINEER_REQUESTED","field":"rollbackPlan","message":"Say how you roll back",
                                  "hint":"Restore the backup taken before the upgrade"}],
                 "findings":[{"code":"MULTI_HOP","severity":"WARNING","message":"Three required stops"}],
                 "requiredStops":["16.3.9","16.7.10","17.1.8"],
                 "bookingLink":null,"reviewCall":null,
                 "timeline":[{"type":"RequestReceived","at":"2026-12-01T08:00:00Z","actor":"customer"},
                             {"type":"ChangesRequested","at":"2026-12-01T09:00:00Z","actor":"bob"}],
                 "comments":[{"id":"c1","author":"customer","authorRole":"CUSTOMER","visibility":"PUBLIC",
                              "body":"<script>alert('x')</script> is our plan","at":"2026-12-01T08:30:00Z"},
                             {"id":"c2","author":"bob","authorRole":"ENGINEER","visibility":"INTERNAL",
                              "body":"Checked the Geo setup","at":"2026-12-01T08:40:00Z"}],
                 "reviewDecision":{"decision":"CHANGES_REQUESTED","revision":1,"by":"bob","approvalMode":null,
                                   "feedback":"Nearly there","at":"2026-12-01T09:00:00Z"},
                 "sla":{"firstResponseDueAt":"2026-12-01T12:00:00Z","nextResponseDueAt":null,"breached":false},
                 "autoClose":true,"closedReason":null}
                """.formatted(ID)));
        services.answer("GET /api/v1/reviews/" + ID, Answer.json("""
                {"requestId":"%s","revision":1,"status":"CHANGES_REQUESTED","requiredStops":["16.3.9","16.7.10","17.1.8"],
                 "decidedAt":"2026-12-01T09:00:00Z","decidedBy":"bob","upgradePathDataVersion":"2026-11-20"}
                """.formatted(ID)));
        services.answer("GET /api/v1/upgrade-paths", Answer.json("""
                {"from":"15.11.13","to":"17.3.7","requiredStops":["16.3.9","16.7.10","16.11.10","17.1.8"],
                 "alerts":[{"id":"a1","severity":"WARNING","title":"Background migrations","message":"Wait for them to finish",
                            "start":"16.0.0","end":"16.3.9","checkWhen":"before each stop"}],
                 "projectedStops":[],"stops":[],"dataVersion":"2026-11-20"}
                """));
        browser = new Browser(port);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void a_stranger_is_sent_to_the_sign_in_page() {
        HttpResponse<String> console = browser.get("/console");

        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(services.seen).isEmpty();
    }

    @Test
    void a_wrong_password_does_not_sign_in() {
        HttpResponse<String> signIn = browser.signIn("alice", "alice");

        assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(browser.open("/login?error").body()).contains("Wrong name or password");
    }

    @Test
    void alice_signs_in_and_sees_the_queue_the_intake_api_returned_as_herself() {
        HttpResponse<String> signIn = browser.signIn("alice", "dev-alice");
        assertThat(signIn.statusCode()).isEqualTo(302);

        HttpResponse<String> queue = browser.open("/console");

        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("UA-4F2K9Q", "In review", "EMEA", "STANDARD", "unassigned",
                "2026-12-01 12:00 UTC", "Breached", "/console/requests/" + ID, "Signed in as", "alice");
        assertThat(services.seen("GET", "/api/v1/upgrade-requests"))
                .allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer dev-engineer-alice"))
                .anySatisfy(s -> assertThat(s.query()).contains("sort=due").contains("page=0").contains("size=20"));
    }

    @Test
    void filters_and_mine_reach_the_intake_query() {
        browser.signIn("bob", "dev-bob");

        browser.open("/console?status=ON_HOLD&region=APAC&mine=true&page=2&size=10");

        assertThat(services.seen("GET", "/api/v1/upgrade-requests"))
                .anySatisfy(s -> assertThat(s.query()).contains("status=ON_HOLD", "region=APAC", "assignee=bob",
                        "page=2", "size=10"))
                .allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer dev-engineer-bob"));
    }

    @Test
    void the_request_page_shows_the_view_the_review_and_escapes_script_tags() {
        browser.signIn("alice", "dev-alice");

        String page = browser.open("/console/requests/" + ID).body();

        assertThat(page).contains("UA-4F2K9Q", "Awaiting info", "rollbackPlan", "Say how you roll back",
                "Restore the backup taken before the upgrade", "Three required stops", "16.7.10",
                "ChangesRequested", "by bob", "Checked the Geo setup", "Internal note", "Nearly there",
                "2026-11-20", "tam@acme.example");
        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        // notification-service is down: a message, the rest of the page still renders
        assertThat(page).contains("notification-service is not available right now");
    }

    @Test
    void a_request_intake_does_not_know_is_a_message_not_an_error() {
        browser.signIn("alice", "dev-alice");

        HttpResponse<String> page = browser.open("/console/requests/0000");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("intake-service answered 404");
    }

    @Test
    void a_post_without_its_CSRF_token_is_refused() {
        browser.signIn("alice", "dev-alice");

        HttpResponse<String> post = browser.post("/console/requests/" + ID + "/assign", Map.of());

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(services.seen("POST", "/")).isEmpty();
    }

    @Test
    void assigning_to_me_calls_intake_and_shows_the_result() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/assignment",
                Answer.json("{\"id\":\"" + ID + "\",\"ticketId\":\"UA-4F2K9Q\",\"assignee\":\"alice\",\"ccs\":[]}"));
        browser.signIn("alice", "dev-alice");

        HttpResponse<String> post = browser.submit("/console/requests/" + ID, "/console/requests/" + ID + "/assign", Map.of());

        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(browser.open(post.headers().firstValue("Location").orElseThrow()).body())
                .contains("You are now assigned to this request.");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/" + ID + "/assignment"))
                .singleElement().satisfies(s -> {
                    assertThat(s.authorization()).isEqualTo("Bearer dev-engineer-alice");
                    assertThat(s.body()).isEqualTo("{}");
                });
    }

    @Test
    void a_reply_and_an_internal_note_go_to_intake_with_their_visibility() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/comments", new Answer(201, "application/json",
                "{\"id\":\"c9\",\"author\":\"alice\",\"authorRole\":\"ENGINEER\",\"visibility\":\"PUBLIC\",\"body\":\"x\",\"at\":\"2026-12-02T09:00:00Z\"}"));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;

        browser.submit(page, page + "/comments", Map.of("body", "Please add the rollback plan", "visibility", "PUBLIC"));
        HttpResponse<String> note = browser.submit(page, page + "/comments", Map.of("body", "Geo looks fine", "visibility", "INTERNAL"));

        assertThat(services.seen("POST", page.replace("/console/requests", "/api/v1/upgrade-requests") + "/comments"))
                .extracting(FakeServices.Seen::body)
                .containsExactly("{\"body\":\"Please add the rollback plan\",\"visibility\":\"PUBLIC\"}",
                        "{\"body\":\"Geo looks fine\",\"visibility\":\"INTERNAL\"}");
        assertThat(browser.open(note.headers().firstValue("Location").orElseThrow()).body())
                .contains("Your internal note was added.");
    }

    @Test
    void a_problem_detail_from_review_is_shown_as_a_message() {
        services.answer("POST /api/v1/reviews/" + ID + "/approve",
                Answer.problem(409, "Conflict", "UA-4F2K9Q is closed by bob"));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;

        HttpResponse<String> post = browser.submit(page, page + "/approve", Map.of("feedback", "Looks good", "revision", "1"));

        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(browser.open(post.headers().firstValue("Location").orElseThrow()).body())
                .contains("review-service answered 409 Conflict: UA-4F2K9Q is closed by bob");
        assertThat(services.seen("POST", "/api/v1/reviews/" + ID + "/approve")).singleElement()
                .satisfies(s -> assertThat(s.body()).isEqualTo("{\"feedback\":\"Looks good\",\"revision\":1}"));
    }

    @Test
    void a_400_with_field_errors_names_the_field_and_a_control_character_in_a_field_name_is_refused_here() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/comments", new Answer(400, "application/problem+json",
                "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"The comment cannot be read\","
                        + "\"errors\":[{\"field\":\"body\",\"message\":\"must not contain control characters\"}]}"));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;

        HttpResponse<String> reply = browser.submit(page, page + "/comments", Map.of("body", "a\u0000b", "visibility", "PUBLIC"));
        assertThat(browser.open(reply.headers().firstValue("Location").orElseThrow()).body())
                .contains("intake-service answered 400 Bad Request: The comment cannot be read (body: must not contain control characters)");

        HttpResponse<String> changes = browser.submit(page, page + "/request-changes",
                Map.of("field", "plan\nrollback", "message", "m"));
        assertThat(browser.open(changes.headers().firstValue("Location").orElseThrow()).body())
                .contains("The field name must be one line");
        assertThat(services.seen("POST", "/api/v1/reviews/")).isEmpty();
    }

    @Test
    void an_unknown_page_is_a_page_not_a_stack_trace() {
        browser.signIn("alice", "dev-alice");

        HttpResponse<String> page = browser.get("/console/nothing/here");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Page not found").doesNotContain("Exception");
    }

    @Test
    void requesting_changes_sends_one_item_and_declining_needs_a_reason() {
        services.answer("POST /api/v1/reviews/" + ID + "/request-changes", new Answer(202, "application/json", "{}"));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;

        browser.submit(page, page + "/request-changes",
                Map.of("field", "rollbackPlan", "message", "Add a rollback plan", "hint", "Use the backup", "feedback", ""));
        HttpResponse<String> decline = browser.submit(page, page + "/decline", Map.of("reason", "SOMETHING", "explanation", "x"));

        assertThat(services.seen("POST", "/api/v1/reviews/" + ID + "/request-changes")).singleElement()
                .satisfies(s -> assertThat(s.body()).isEqualTo(
                        "{\"items\":[{\"field\":\"rollbackPlan\",\"message\":\"Add a rollback plan\",\"hint\":\"Use the backup\"}]}"));
        assertThat(browser.open(decline.headers().firstValue("Location").orElseThrow()).body())
                .contains("Choose a reason");
        assertThat(services.seen("POST", "/api/v1/reviews/" + ID + "/decline")).isEmpty();
    }

    @Test
    void the_upgrade_path_page_is_shareable_by_its_address() {
        browser.signIn("alice", "dev-alice");

        String page = browser.open("/console/upgrade-path?from=15.11.13&to=17.3.7&npmPackages=true").body();

        assertThat(page).contains("16.11.10", "Background migrations", "Wait for them to finish", "2026-11-20");
        assertThat(services.seen("GET", "/api/v1/upgrade-paths")).singleElement()
                .satisfies(s -> assertThat(s.query()).isEqualTo("from=15.11.13&to=17.3.7&npmPackages=true"));
    }

    @Test
    void signing_out_ends_the_session() {
        browser.signIn("alice", "dev-alice");

        HttpResponse<String> out = browser.submit("/console", "/logout", Map.of());

        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOut");
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void health_and_prometheus_are_public() {
        assertThat(browser.getJson("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(browser.getJson("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    private static FakeServices start() {
        try {
            return new FakeServices();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
