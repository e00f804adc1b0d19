package dev.upgradeassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.NestedTestConfiguration;

import dev.upgradeassist.web.FakeServices.Answer;

/**
 * The customer's request page ({@code /r/{token}}) in the local profile against a real HTTP server standing in for
 * intake and review: public, PORTAL token only, the token in the lookup's body, plain forms with CSRF, only PUBLIC
 * comments and no email address, hostile input refused or escaped, the security headers a tokened page needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerPageIT {

    static final String ID = "3f2b8c1e-7a4d-4e9b-9c2a-5d8e1f6a0b47";
    static final String TOKEN = "k3Vn0-Qz_8sLwPq2RtYx5AbCdEfGhIjKlMnOpQrStUv";
    static final String PAGE = "/r/" + TOKEN;
    static final String LOOKUP = "/api/v1/customer-pages/lookup";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'";

    static final FakeServices services = start();

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("upgrade-assist.web.intake-url", services::url);
        registry.add("upgrade-assist.web.review-url", services::url);
        registry.add("upgrade-assist.web.scheduling-url", services::url);
        registry.add("upgrade-assist.web.notification-url", services::url);
    }

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeEach
    void cannedAnswers() {
        assertThat(TOKEN).hasSize(43);
        services.reset();
        lookupAnswers("AWAITING_INFO");
        browser = new Browser(port);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static void lookupAnswers(String status) {
        services.answer("POST " + LOOKUP, Answer.json(view(status)));
    }

    static String view(String status) {
        return """
                {"id":"%s","ticketId":"UA-4F2K9Q","status":"%s","priority":"HIGH","form":"STANDARD",
                 "organizationId":"acme-secret-org","region":"EMEA","assignee":"bob","ccs":["tam@acme.example"],
                 "deficiencies":[{"code":"ENGINEER_REQUESTED","field":"rollbackPlan","message":"Say how you roll back",
                                  "hint":"Restore the backup taken before the upgrade"}],
                 "findings":[{"code":"MULTI_HOP","severity":"WARNING","message":"Three required stops"}],
                 "requiredStops":["16.3.9","16.7.10","17.1.8"],
                 "bookingLink":null,
                 "reviewCall":{"start":"2026-12-08T15:00:00Z","end":"2026-12-08T15:30:00Z"},
                 "timeline":[{"type":"RequestReceived","at":"2026-12-01T08:00:00Z","actor":"customer"},
                             {"type":"ChangesRequested","at":"2026-12-01T09:00:00Z","actor":"bob"}],
                 "comments":[{"id":"c1","author":"customer","authorRole":"CUSTOMER","visibility":"PUBLIC",
                              "body":"<script>alert('x')</script> is our plan","at":"2026-12-01T08:30:00Z"},
                             {"id":"c2","author":"bob","authorRole":"ENGINEER","visibility":"INTERNAL",
                              "body":"Checked the Geo setup","at":"2026-12-01T08:40:00Z"},
                             {"id":"c3","author":"chandra","authorRole":"ENGINEER","visibility":"PUBLIC",
                              "body":"Please add the rollback steps","at":"2026-12-01T08:50:00Z"},
                             {"id":"c4","author":"dmitri@gitlab.example","authorRole":"ENGINEER","visibility":"PUBLIC",
                              "body":"Looking at it now","at":"2026-12-01T08:55:00Z"}],
                 "reviewDecision":{"decision":"CHANGES_REQUESTED","revision":1,"by":"bob","approvalMode":null,
                                   "feedback":"Nearly there","at":"2026-12-01T09:00:00Z"},
                 "sla":{"firstResponseDueAt":"2026-12-01T12:00:00Z","nextResponseDueAt":null,"breached":false},
                 "autoClose":true,"closedReason":null,"receivedAt":"2026-12-01T08:00:00Z"}
                """.formatted(ID, status);
    }

    @Test
    void the_page_of_a_known_token_shows_the_request_in_plain_words_and_only_what_the_customer_may_see() {
        HttpResponse<String> response = browser.get(PAGE);
        String page = response.body();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(page).contains("UA-4F2K9Q", "We need a few more details from you", "Rollback plan",
                "Say how you roll back", "Restore the backup taken before the upgrade", "Three required stops",
                "16.3.9", "16.7.10", "17.1.8", "Nearly there", "Please add the rollback steps", "chandra",
                "Looking at it now", "Support engineer", ">You<",
                "<time class=\"when\" datetime=\"2026-12-08T15:00:00Z\">2026-12-08 15:00 UTC</time>",
                "confirmation email has the link", "/js/local-time.js", "name=\"viewport\"");
        assertThat(page).doesNotContain("Checked the Geo setup", "INTERNAL", "tam@acme.example",
                "dmitri@gitlab.example", "acme-secret-org", "/console", "@gitlab.example");
        // the outcome form only when ON_HOLD or ROLLBACK_ADVISED; the runbook link only once approved
        assertThat(page).doesNotContain("/outcome", "/runbook").contains("action=\"" + PAGE + "/reply\"");
        assertThat(services.seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).isEqualTo(LOOKUP).doesNotContain(TOKEN);
            assertThat(s.query()).isNull();
            assertThat(s.authorization()).isEqualTo("Bearer dev-portal-token");
            assertThat(s.body()).isEqualTo("{\"token\":\"" + TOKEN + "\"}");
        });
    }

    @Test
    void a_script_in_a_comment_is_shown_as_text() {
        String page = browser.get(PAGE).body();

        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void the_security_headers_a_tokened_page_needs() {
        HttpResponse<String> page = browser.get(PAGE);

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        // the console's pages carry the same policy
        assertThat(browser.get("/login").headers().firstValue("Content-Security-Policy")).hasValue(CSP);
    }

    @Test
    void an_unknown_token_is_a_404_page() {
        services.answer("POST " + LOOKUP, Answer.problem(404, "Not Found", "No customer page for this token"));

        HttpResponse<String> page = browser.get(PAGE);

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("This link does not lead to a request page")
                .doesNotContain("No customer page for this token", "Exception", "/console");
    }

    @Test
    void a_malformed_token_is_a_404_page_without_any_call() {
        for (String path : new String[]{"/r/short", "/r/" + TOKEN + "x", "/r/" + TOKEN.replace('k', '.'),
                "/r/" + TOKEN.substring(1) + "%3C", "/r/", "/r/" + TOKEN + "/nothing"}) {
            HttpResponse<String> page = browser.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("This link does not lead to a request page");
        }
        assertThat(services.seen).isEmpty();
    }

    @Test
    void intake_answering_an_error_is_a_message_page_not_a_500() {
        services.answer("POST " + LOOKUP, Answer.problem(500, "Internal Server Error", "java.lang.NullPointerException"));

        HttpResponse<String> page = browser.get(PAGE);

        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body()).contains("We cannot show your request right now")
                .doesNotContain("NullPointerException", "intake-service");
    }

    @Test
    void a_reply_goes_to_intake_as_a_public_comment_with_the_portal_token_and_comes_back_with_a_flash() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/comments", new Answer(201, "application/json",
                "{\"id\":\"c9\",\"author\":\"customer\",\"authorRole\":\"CUSTOMER\",\"visibility\":\"PUBLIC\","
                        + "\"body\":\"x\",\"at\":\"2026-12-02T09:00:00Z\"}"));

        HttpResponse<String> post = browser.submit(PAGE, PAGE + "/reply",
                Map.of("body", "Here is the rollback plan <script>alert(1)</script>"));

        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(post.headers().firstValue("Location").orElseThrow()).endsWith(PAGE);
        // the view follows the events, so the reply may not be in it yet: the page shows it as sent, escaped
        assertThat(browser.open(post.headers().firstValue("Location").orElseThrow()).body())
                .contains("Your reply was sent", "just now (sent;",
                        "Here is the rollback plan &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>");
        // a later visit shows the conversation as intake has it, without the flash
        assertThat(browser.open(PAGE).body()).doesNotContain("just now (sent;");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/")).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/api/v1/upgrade-requests/" + ID + "/comments");
            assertThat(s.authorization()).isEqualTo("Bearer dev-portal-token");
            assertThat(s.body()).isEqualTo(
                    "{\"body\":\"Here is the rollback plan <script>alert(1)</script>\",\"visibility\":\"PUBLIC\"}");
        });
        // the id came from the lookup, once per request: the page, the post, the page after the redirect, the visit
        assertThat(services.seen("POST", LOOKUP)).hasSize(4)
                .allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer dev-portal-token"));
    }

    @Test
    void a_reply_without_its_CSRF_token_is_refused_with_a_plain_page() {
        HttpResponse<String> post = browser.post(PAGE + "/reply", Map.of("body", "hello"));

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("This form has expired").doesNotContain("Exception", "/console");
        assertThat(services.seen).isEmpty();
    }

    @Test
    void an_empty_an_oversized_or_a_control_character_reply_is_refused_in_place_without_calling_intake() {
        HttpResponse<String> empty = browser.submit(PAGE, PAGE + "/reply", Map.of("body", "  \n "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("Write your reply before sending it", "UA-4F2K9Q");

        HttpResponse<String> missing = browser.submit(PAGE, PAGE + "/reply", Map.of());
        assertThat(missing.body()).contains("Write your reply before sending it");

        HttpResponse<String> tooLong = browser.submit(PAGE, PAGE + "/reply", Map.of("body", "a".repeat(20_001)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("Your reply is 20,001 characters long; the limit is 20,000");

        HttpResponse<String> control = browser.submit(PAGE, PAGE + "/reply", Map.of("body", "a\u0000b<script>x</script>"));
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(control.body()).contains("invisible control characters")
                .contains("ab&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x");

        assertThat(services.seen("POST", "/api/v1/upgrade-requests/")).isEmpty();
    }

    @Test
    void exactly_twenty_thousand_characters_are_sent() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/comments", new Answer(201, "application/json", "{}"));

        HttpResponse<String> post = browser.submit(PAGE, PAGE + "/reply", Map.of("body", "é".repeat(20_000)));

        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/" + ID + "/comments")).hasSize(1);
    }

    @Test
    void a_form_over_the_post_size_limit_gets_a_clear_page_not_a_500() {
        String csrf = Browser.csrf(browser.get(PAGE).body());

        HttpResponse<String> post = browser.post(PAGE + "/reply", Map.of("_csrf", csrf, "body", "a".repeat(300_000)));

        assertThat(post.statusCode()).isEqualTo(413);
        assertThat(post.body()).contains("Your message is too long").doesNotContain("Exception");
        HttpResponse<String> chunked = browser.postChunked(PAGE + "/reply", Map.of("_csrf", csrf, "body", "a".repeat(300_000)));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("Your message is too long").doesNotContain("Exception", "/console");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/")).isEmpty();
    }

    @Test
    void intake_refusing_a_reply_is_said_in_plain_words_and_the_text_is_kept_escaped() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/comments",
                Answer.problem(409, "Conflict", "UA-4F2K9Q is CLOSED"));

        HttpResponse<String> post = browser.submit(PAGE, PAGE + "/reply", Map.of("body", "<script>alert(2)</script>"));

        assertThat(post.statusCode()).isEqualTo(409);
        assertThat(post.body()).contains("This request is closed, so it takes no more replies")
                .contains("&lt;script&gt;alert(2)&lt;/script&gt;").doesNotContain("<script>alert(2)", "intake-service");
    }

    @Test
    void the_outcome_form_is_there_only_when_on_hold_or_rollback_advised_and_posts_to_intake() {
        for (String status : new String[]{"SUBMITTED", "IN_REVIEW", "APPROVED", "CALL_BOOKED", "COMPLETED", "CLOSED"}) {
            lookupAnswers(status);
            assertThat(browser.get(PAGE).body()).as(status).doesNotContain("/outcome");
        }
        for (String status : new String[]{"ON_HOLD", "ROLLBACK_ADVISED"}) {
            lookupAnswers(status);
            assertThat(browser.get(PAGE).body()).as(status).contains("action=\"" + PAGE + "/outcome\"",
                    "name=\"result\" value=\"SUCCEEDED\"", "name=\"result\" value=\"PROBLEMS\"", "<label for=\"details\"");
        }
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/outcome", new Answer(202, "application/json",
                "{\"id\":\"" + ID + "\",\"ticketId\":\"UA-4F2K9Q\",\"result\":\"PROBLEMS\"}"));

        HttpResponse<String> post = browser.submit(PAGE, PAGE + "/outcome",
                Map.of("result", "PROBLEMS", "details", "Migrations failed at 16.7.10"));

        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(browser.open(post.headers().firstValue("Location").orElseThrow()).body())
                .contains("we recorded that the upgrade ran into problems");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/" + ID + "/outcome")).singleElement()
                .satisfies(s -> {
                    assertThat(s.authorization()).isEqualTo("Bearer dev-portal-token");
                    assertThat(s.body()).isEqualTo("{\"result\":\"PROBLEMS\",\"details\":\"Migrations failed at 16.7.10\"}");
                });
    }

    @Test
    void an_outcome_is_refused_here_when_the_request_does_not_wait_for_one_or_the_result_is_unknown() {
        HttpResponse<String> notNow = browser.submit(PAGE, PAGE + "/outcome", Map.of("result", "SUCCEEDED"));
        assertThat(notNow.statusCode()).isEqualTo(400);
        assertThat(notNow.body()).contains("not waiting for an outcome report");

        lookupAnswers("ON_HOLD");
        HttpResponse<String> unknown = browser.submit(PAGE, PAGE + "/outcome", Map.of("result", "MAYBE"));
        assertThat(unknown.body()).contains("Choose how the upgrade went");

        assertThat(services.seen("POST", "/api/v1/upgrade-requests/")).isEmpty();
    }

    @Test
    void the_runbook_is_shown_escaped_once_approved_and_explained_before() {
        lookupAnswers("APPROVED");
        services.answer("GET /api/v1/reviews/" + ID + "/runbook", new Answer(200, "text/markdown;charset=UTF-8",
                "# Runbook UA-4F2K9Q\n\n1. Stop at 16.3.9 <script>alert(3)</script>\n"));

        assertThat(browser.get(PAGE).body()).contains("href=\"" + PAGE + "/runbook\"");
        HttpResponse<String> runbook = browser.get(PAGE + "/runbook");

        assertThat(runbook.statusCode()).isEqualTo(200);
        assertThat(runbook.body()).contains("# Runbook UA-4F2K9Q", "1. Stop at 16.3.9 &lt;script&gt;alert(3)&lt;/script&gt;")
                .doesNotContain("<script>alert(3)");
        assertThat(runbook.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(services.seen("GET", "/api/v1/reviews/" + ID + "/runbook")).singleElement()
                .satisfies(s -> assertThat(s.authorization()).isEqualTo("Bearer dev-portal-token"));

        services.answer("GET /api/v1/reviews/" + ID + "/runbook",
                Answer.problem(409, "Conflict", "revision 1 is CHANGES_REQUESTED: a runbook is written for an approved plan"));
        assertThat(browser.get(PAGE + "/runbook").body()).contains("The runbook is written once your plan is approved")
                .doesNotContain("CHANGES_REQUESTED");
    }

    @Test
    void a_closed_request_says_why_and_takes_no_reply_form() {
        services.answer("POST " + LOOKUP, Answer.json(view("CLOSED").replace("\"closedReason\":null",
                "\"closedReason\":\"NO_RESPONSE\"")));

        String page = browser.get(PAGE).body();

        assertThat(page).contains("This request is closed", "did not hear back from you")
                .doesNotContain("/reply\"");
    }

    /** intake does not answer at all: its own context, intake's URL at a closed port. */
    @Nested
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class IntakeDown {

        @DynamicPropertySource
        static void closedIntake(DynamicPropertyRegistry registry) {
            int closed = closedPort();
            registry.add("upgrade-assist.web.intake-url", () -> "http://127.0.0.1:" + closed);
        }

        @LocalServerPort
        int downPort;

        @Test
        void the_page_says_so_with_a_503_not_a_500() {
            HttpResponse<String> page = new Browser(downPort).get(PAGE);

            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("We cannot show your request right now", "not answering")
                    .doesNotContain("Exception", "cannot connect");
        }
    }

    /** production: the page is public there too (no OpenID Connect), and calls with the PORTAL token from the environment. */
    @Nested
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "UPGRADEASSIST_WEB_PORTALTOKEN=prod-portal-token-from-env")
    @ActiveProfiles("production")
    class Production {

        @DynamicPropertySource
        static void serviceUrls(DynamicPropertyRegistry registry) {
            registry.add("upgrade-assist.web.intake-url", services::url);
            registry.add("upgrade-assist.web.review-url", services::url);
        }

        @LocalServerPort
        int productionPort;

        @Test
        void the_page_is_public_and_calls_intake_with_the_configured_portal_token() {
            HttpResponse<String> page = new Browser(productionPort).get(PAGE);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("UA-4F2K9Q", "We need a few more details from you");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(services.seen("POST", LOOKUP)).singleElement()
                    .satisfies(s -> assertThat(s.authorization()).isEqualTo("Bearer prod-portal-token-from-env"));
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
        }

        @Test
        void the_console_allows_its_sign_out_redirect_to_the_identity_provider_and_nothing_else() {
            assertThat(new Browser(productionPort).get("/console").headers().firstValue("Content-Security-Policy"))
                    .hasValue(CSP.replace("form-action 'self'", "form-action 'self' http://localhost:8180"));
        }
    }

    private static FakeServices start() {
        try {
            return new FakeServices();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
