package dev.upgradeassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
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
                .anySatisfy(s -> assertThat(s.query()).contains("sort=due").contains("page=0").contains("size=20"))
                // the team lead's numbers: each a list's total (size=1), open and breached (overdue now) among them
                .anySatisfy(s -> assertThat(s.query()).contains("open=true").doesNotContain("breached").contains("size=1"))
                .anySatisfy(s -> assertThat(s.query()).contains("open=true", "breached=true", "size=1"))
                .anySatisfy(s -> assertThat(s.query()).contains("status=AWAITING_INFO", "size=1"));
        assertThat(queue.body()).contains("Open", "Breached", "Waiting on customer", "On hold");
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

    // ---- part 2: the submission, stops beside hops, scheduling and lifecycle actions, hostile input, local times ----

    static final String REVIEW_WITH_SUBMISSION = """
            {"requestId":"%s","ticketId":"UA-4F2K9Q","revision":2,"status":"IN_REVIEW",
             "requiredStops":["16.3.9","16.7.10","16.11.10","17.1.8"],
             "decidedAt":"2026-12-01T09:00:00Z","decidedBy":"system","upgradePathDataVersion":"2026-11-20",
             "submission":{"form":"STANDARD","organizationId":"acme","requester":{"name":"Ann Admin","email":"ann@acme.example"},
               "contactEmail":"ops@acme.example","region":"EMEA","currentVersion":"15.11.13","targetVersion":"17.3.7",
               "edition":"EE",
               "architecture":{"installMethod":"LINUX_PACKAGE","operatingSystem":"Ubuntu 22.04","topology":"MULTI_NODE",
                 "nodes":[{"name":"rails-1","roles":["rails","sidekiq"]},{"name":"db-1","roles":["postgresql"]}],
                 "externalServices":["Amazon RDS"],"geoSites":[],"notes":"Two Rails nodes behind HAProxy"},
               "environment":{"multipleRailsNodes":true,"usersOver30k":false,"npmPackages":null,
                 "largePipelineVariables":false,"largeCiPipelineMessages":false},
               "upgradePlan":{"hops":["16.3.9","16.7.8","17.1.8","17.2.0","17.3.7"],"zeroDowntime":false,
                 "waitsForBackgroundMigrations":true,"preUpgradeChecks":["gitlab-rake gitlab:check"],
                 "postUpgradeChecks":["Sign in and push a commit"],"usesCustomScripts":false,
                 "document":"Step 1 <script>alert('plan')</script>"},
               "rollbackPlan":{"backsUpData":true,"backsUpSecretsAndConfig":true,"restoreSteps":"Restore the snapshot of db-1",
                 "downgradesToBackupVersion":true,"tested":false,"estimatedMinutes":90,"document":null},
               "maintenanceWindow":{"start":"2026-12-12T22:00:00","timeZone":"Europe/Berlin","durationMinutes":240},
               "testedInStaging":true,"outOfScopeChanges":[],"wantsReviewCall":true,"additionalInfo":"Call us on Friday"}}
            """;

    @Test
    void the_request_page_shows_the_submission_and_the_window_in_the_customers_zone_and_in_utc() {
        services.answer("GET /api/v1/reviews/" + ID, Answer.json(REVIEW_WITH_SUBMISSION.formatted(ID)));
        browser.signIn("alice", "dev-alice");

        String page = browser.open("/console/requests/" + ID).body();

        assertThat(page).contains("15.11.13", "17.3.7", "EE", "Linux package", "Ubuntu 22.04", "Multi node",
                "rails-1", "(rails, sidekiq)", "Amazon RDS", "Two Rails nodes behind HAProxy", "Multiple rails nodes", "Large CI pipeline messages",
                "gitlab-rake gitlab:check", "Sign in and push a commit", "Restore the snapshot of db-1", "1 h 30 min",
                "Call us on Friday", "Ann Admin", "ops@acme.example");
        assertThat(text(page)).contains("Zero downtime no", "Waits for background migrations yes", "Rollback tested no",
                "Backs up data yes", "Tested in staging yes", "Npm packages not said",
                "In the customer's zone 2026-12-12 22:00 (Europe/Berlin)", "Length 4 h",
                "In UTC 2026-12-12 21:00 UTC to 2026-12-13 01:00 UTC");
        assertThat(page).contains("<time class=\"utc\" datetime=\"2026-12-12T21:00:00Z\">2026-12-12 21:00 UTC</time>")
                .contains("<time class=\"when\" datetime=\"2026-12-13T01:00:00Z\">2026-12-13 01:00 UTC</time>");
        assertThat(page).doesNotContain("<script>alert").contains("Step 1 &lt;script&gt;alert(&#39;plan&#39;)&lt;/script&gt;");
    }

    @Test
    void the_required_stops_stand_beside_the_customers_hops_with_missing_and_extra_ones_marked() {
        services.answer("GET /api/v1/reviews/" + ID, Answer.json(REVIEW_WITH_SUBMISSION.formatted(ID)));
        browser.signIn("alice", "dev-alice");

        String page = browser.open("/console/requests/" + ID).body();

        assertThat(stopRows(page)).containsExactly(
                "16.3.9 | 16.3.9 | planned",
                "16.7.10 | 16.7.8 | planned",
                "16.11.10 | — | missing the plan lacks this stop",
                "17.1.8 | 17.1.8 | planned",
                "— | 17.2.0 | extra not a required stop",
                "— | 17.3.7 | target the target version");
        assertThat(page).contains("The plan's hops do not match the required stops");
    }

    @Test
    void a_review_stored_before_submissions_were_kept_still_renders_with_its_required_stops() {
        browser.signIn("alice", "dev-alice");

        HttpResponse<String> page = browser.open("/console/requests/" + ID);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("has not kept the submission", "16.3.9 → 16.7.10 → 17.1.8",
                "no submitted plan to compare them with");
    }

    @Test
    void handing_off_with_the_sync_confirmed_calls_scheduling_and_shows_the_result_by_the_form() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/handoff", Answer.json("""
                {"requestId":"%s","ticketId":"UA-4F2K9Q","fromEngineer":"bob","toEngineer":"chandra",
                 "callStart":"2026-12-08T15:00:00Z","changed":true}""".formatted(ID)));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;
        assertThat(browser.open(page).body()).contains("name=\"syncCompleted\"", "<label for=\"handoff-sync\">",
                "<option value=\"chandra\">");

        HttpResponse<String> post = browser.submit(page, page + "/handoff",
                Map.of("toEngineer", "chandra", "syncCompleted", "true", "notes", "Geo secondary needs a look"));

        assertThat(post.headers().firstValue("Location").orElseThrow()).endsWith(page + "#act-handoff");
        assertThat(outcome(browser.open(location(post)).body(), "act-handoff"))
                .contains("The request is handed off to chandra. The review call moved to chandra too.");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/" + ID + "/handoff")).singleElement()
                .satisfies(s -> {
                    assertThat(s.authorization()).isEqualTo("Bearer dev-engineer-alice");
                    assertThat(s.body()).isEqualTo(
                            "{\"toEngineer\":\"chandra\",\"syncCompleted\":true,\"notes\":\"Geo secondary needs a look\"}");
                });
    }

    @Test
    void a_hand_off_without_the_sync_confirmation_is_refused_here_and_schedulings_409_is_shown_in_place() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/handoff",
                Answer.problem(409, "Conflict", "chandra already has a call at the time of this request's review call"));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;

        HttpResponse<String> unsynced = browser.submit(page, page + "/handoff", Map.of("toEngineer", "chandra"));
        assertThat(outcome(browser.open(location(unsynced)).body(), "act-handoff"))
                .contains("Sync with chandra first (call or chat), then confirm it with the check box to hand off.");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/" + ID + "/handoff")).isEmpty();

        HttpResponse<String> busy = browser.submit(page, page + "/handoff",
                Map.of("toEngineer", "chandra", "syncCompleted", "true"));
        assertThat(outcome(browser.open(location(busy)).body(), "act-handoff")).contains(
                "scheduling-service answered 409 Conflict: chandra already has a call at the time of this request&#39;s review call");
    }

    @Test
    void re_issuing_the_booking_link_posts_no_body_to_scheduling_and_a_409_is_shown_in_place() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/booking-link", new Answer(201, "application/json",
                "{\"requestId\":\"" + ID + "\",\"expiresAt\":\"2026-12-05T09:00:00Z\"}"));
        browser.signIn("bob", "dev-bob");
        String page = "/console/requests/" + ID;

        HttpResponse<String> issued = browser.submit(page, page + "/booking-link", Map.of());

        assertThat(outcome(browser.open(location(issued)).body(), "act-booking-link"))
                .contains("A new booking link was issued and sent to the customer");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/" + ID + "/booking-link")).singleElement()
                .satisfies(s -> {
                    assertThat(s.authorization()).isEqualTo("Bearer dev-engineer-bob");
                    assertThat(s.body()).isEmpty();
                });

        services.answer("POST /api/v1/upgrade-requests/" + ID + "/booking-link",
                Answer.problem(409, "Conflict", "The upgrade is less than 2 days away"));
        HttpResponse<String> refused = browser.submit(page, page + "/booking-link", Map.of());
        assertThat(outcome(browser.open(location(refused)).body(), "act-booking-link"))
                .contains("scheduling-service answered 409 Conflict: The upgrade is less than 2 days away");
    }

    @Test
    void auto_close_is_turned_off_and_on_at_intake_and_shown_as_it_is() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/auto-close",
                Answer.json("{\"id\":\"" + ID + "\",\"ticketId\":\"UA-4F2K9Q\",\"autoClose\":false}"));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;
        assertThat(browser.open(page).body()).contains("Turn auto-close off", "name=\"enabled\" value=\"false\"");

        HttpResponse<String> off = browser.submit(page, page + "/auto-close", Map.of("enabled", "false"));
        assertThat(outcome(browser.open(location(off)).body(), "act-auto-close"))
                .contains("Auto-close is off: this request is never closed for want of an answer.");
        HttpResponse<String> odd = browser.submit(page, page + "/auto-close", Map.of("enabled", "maybe"));
        assertThat(outcome(browser.open(location(odd)).body(), "act-auto-close")).contains("Choose whether auto-close is on or off.");
        HttpResponse<String> on = browser.submit(page, page + "/auto-close", Map.of("enabled", "true"));
        assertThat(outcome(browser.open(location(on)).body(), "act-auto-close"))
                .contains("Auto-close is on again: the request closes if the customer does not answer.");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/" + ID + "/auto-close"))
                .allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer dev-engineer-alice"))
                .extracting(FakeServices.Seen::body).containsExactly("{\"enabled\":false}", "{\"enabled\":true}");
    }

    @Test
    void closing_needs_the_confirmation_then_calls_intake_and_a_409_is_shown_in_place() {
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/close",
                Answer.problem(409, "Conflict", "UA-4F2K9Q is completed"));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;

        HttpResponse<String> unconfirmed = browser.submit(page, page + "/close", Map.of());
        assertThat(outcome(browser.open(location(unconfirmed)).body(), "act-close"))
                .contains("Tick the confirmation to close the request; nothing was closed.");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/" + ID + "/close")).isEmpty();

        HttpResponse<String> confirmed = browser.submit(page, page + "/close", Map.of("confirm", "true"));
        assertThat(outcome(browser.open(location(confirmed)).body(), "act-close"))
                .contains("intake-service answered 409 Conflict: UA-4F2K9Q is completed");
        assertThat(services.seen("POST", "/api/v1/upgrade-requests/" + ID + "/close")).singleElement()
                .satisfies(s -> {
                    assertThat(s.authorization()).isEqualTo("Bearer dev-engineer-alice");
                    assertThat(s.body()).isEmpty();
                });

        services.answer("POST /api/v1/upgrade-requests/" + ID + "/close",
                Answer.json("{\"id\":\"" + ID + "\",\"status\":\"CLOSED\",\"closedReason\":\"ENGINEER_CLOSED\"}"));
        HttpResponse<String> closed = browser.submit(page, page + "/close", Map.of("confirm", "true"));
        assertThat(outcome(browser.open(location(closed)).body(), "act-close")).contains("The request is closed.");
    }

    @Test
    void recommending_postponing_is_a_decline_with_its_reason() {
        services.answer("POST /api/v1/reviews/" + ID + "/decline", new Answer(202, "application/json", "{}"));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;

        HttpResponse<String> post = browser.submit(page, page + "/decline",
                Map.of("reason", "POSTPONE_RECOMMENDED", "explanation", "Test the rollback first"));

        assertThat(outcome(browser.open(location(post)).body(), "act-decline")).contains("Postponing was recommended to the customer.");
        assertThat(services.seen("POST", "/api/v1/reviews/" + ID + "/decline")).singleElement()
                .satisfies(s -> assertThat(s.body())
                        .isEqualTo("{\"reason\":\"POSTPONE_RECOMMENDED\",\"explanation\":\"Test the rollback first\"}"));
    }

    @Test
    void oversized_input_on_every_form_gets_a_clear_message_in_place_and_reaches_no_service() {
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("comments", Map.of("body", "x".repeat(20_001), "visibility", "PUBLIC"));
        forms.put("approve", Map.of("feedback", "x".repeat(20_001)));
        forms.put("request-changes", Map.of("field", "rollbackPlan", "message", "m".repeat(5_001)));
        forms.put("decline", Map.of("reason", "ENGINEER_DECLINED", "explanation", "x".repeat(10_001)));
        forms.put("handoff", Map.of("toEngineer", "chandra", "syncCompleted", "true", "notes", "n".repeat(10_001)));

        forms.forEach((action, fields) -> {
            HttpResponse<String> post = browser.submit(page, page + "/" + action, fields);
            assertThat(post.statusCode()).as(action).isEqualTo(302);
            HttpResponse<String> after = browser.open(location(post));
            assertThat(after.statusCode()).as(action).isEqualTo(200);
            assertThat(after.body()).as(action).containsPattern("is too long: [0-9,]+ characters, at most [0-9,]+\\.");
        });
        HttpResponse<String> longName = browser.submit(page, page + "/handoff",
                Map.of("toEngineer", "c".repeat(101), "syncCompleted", "true"));
        assertThat(browser.open(location(longName)).body()).contains("at most 100 characters");
        HttpResponse<String> longField = browser.submit(page, page + "/request-changes",
                Map.of("field", "f".repeat(201), "message", "m"));
        assertThat(browser.open(location(longField)).body()).contains("The field name must be one line of at most 200 characters.");
        assertThat(browser.open("/console/upgrade-path?from=" + "1".repeat(21) + "&to=17.3.7").body())
                .contains("Give both versions as numbers like 16.3.9");
        assertThat(services.seen.stream().filter(s -> !s.method().equals("GET"))).isEmpty();
        assertThat(services.seen("GET", "/api/v1/upgrade-paths")).isEmpty();

        // beyond the server's form limit: a refusal, never a 500
        HttpResponse<String> huge = browser.submit(page, page + "/comments",
                Map.of("body", "x".repeat(300_000), "visibility", "PUBLIC"));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(services.seen.stream().filter(s -> !s.method().equals("GET"))).isEmpty();
    }

    @Test
    void control_characters_on_every_form_get_a_clear_message_in_place() {
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("approve", Map.of("feedback", "fine\u0007"));
        forms.put("request-changes", Map.of("field", "plan", "message", "add\u0000it"));
        forms.put("decline", Map.of("reason", "ENGINEER_DECLINED", "explanation", "no\u001b[31m"));
        forms.put("handoff", Map.of("toEngineer", "chandra", "syncCompleted", "true", "notes", "see\u0085this"));

        forms.forEach((action, fields) -> {
            HttpResponse<String> post = browser.submit(page, page + "/" + action, fields);
            String after = browser.open(location(post)).body();
            assertThat(outcome(after, "act-" + action)).as(action)
                    .contains("contains control characters; only line breaks and tabs are allowed.");
        });
        // a control character in a field's name or in the address: refused, never a 500
        HttpResponse<String> oddName = browser.submit(page, page + "/close", Map.of("con\u0001firm", "true"));
        assertThat(oddName.statusCode()).isNotEqualTo(500).isLessThan(500);
        HttpResponse<String> oddId = browser.get("/console/requests/%01%3Cscript%3E");
        assertThat(oddId.statusCode()).isNotEqualTo(500).isLessThan(500);
        assertThat(oddId.body()).doesNotContain("<script>");
        HttpResponse<String> scriptId = browser.get("/console/requests/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertThat(scriptId.statusCode()).isLessThan(500);
        assertThat(scriptId.body()).doesNotContain("<script>alert");
        HttpResponse<String> name = browser.submit(page, page + "/handoff",
                Map.of("toEngineer", "chan\u0000dra", "syncCompleted", "true"));
        assertThat(outcome(browser.open(location(name)).body(), "act-handoff")).contains("The engineer must be a name");
        assertThat(browser.open("/console?assignee=bo%01b").body()).contains("The assignee must be an engineer");
        assertThat(services.seen.stream().filter(s -> !s.method().equals("GET"))).as(services.seen.toString()).isEmpty();
        assertThat(services.seen("GET", "/api/v1/upgrade-requests")).noneSatisfy(
                s -> assertThat(s.query()).contains("assignee="));
        // line breaks and tabs are text
        services.answer("POST /api/v1/reviews/" + ID + "/approve", new Answer(202, "application/json", "{}"));
        browser.submit(page, page + "/approve", Map.of("feedback", "Line one\r\n\tLine two"));
        assertThat(services.seen("POST", "/api/v1/reviews/" + ID + "/approve")).singleElement()
                .satisfies(s -> assertThat(s.body()).isEqualTo("{\"feedback\":\"Line one\\r\\n\\tLine two\"}"));
    }

    @Test
    void script_tags_typed_into_every_form_reach_the_service_as_text_and_its_answer_is_rendered_escaped() {
        String script = "<script>alert(1)</script>";
        String echo = "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"cannot use " + script.replace("/", "\\/") + "\"}";
        for (String path : List.of("/api/v1/upgrade-requests/" + ID + "/comments", "/api/v1/reviews/" + ID + "/approve",
                "/api/v1/reviews/" + ID + "/request-changes", "/api/v1/reviews/" + ID + "/decline",
                "/api/v1/upgrade-requests/" + ID + "/handoff")) {
            services.answer("POST " + path, new Answer(400, "application/problem+json", echo));
        }
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("comments", Map.of("body", script, "visibility", "INTERNAL"));
        forms.put("approve", Map.of("feedback", script));
        forms.put("request-changes", Map.of("field", "plan", "message", script, "hint", script));
        forms.put("decline", Map.of("reason", "ENGINEER_DECLINED", "explanation", script));
        forms.put("handoff", Map.of("toEngineer", "chandra", "syncCompleted", "true", "notes", script));

        forms.forEach((action, fields) -> {
            String after = browser.open(location(browser.submit(page, page + "/" + action, fields))).body();
            assertThat(after).as(action).doesNotContain("<script>alert")
                    .contains("cannot use &lt;script&gt;alert(1)&lt;/script&gt;");
        });
        assertThat(services.seen.stream().filter(s -> s.method().equals("POST")))
                .hasSize(5).allSatisfy(s -> assertThat(s.body()).contains(script));
        HttpResponse<String> name = browser.submit(page, page + "/handoff", Map.of("toEngineer", script, "syncCompleted", "true"));
        assertThat(browser.open(location(name)).body()).contains("The engineer must be a name").doesNotContain("<script>alert");
    }

    @Test
    void what_was_typed_stays_in_the_form_after_a_refusal_or_a_problem_without_its_control_characters() {
        services.answer("POST /api/v1/reviews/" + ID + "/decline", Answer.problem(409, "Conflict", "UA-4F2K9Q is closed"));
        services.answer("POST /api/v1/upgrade-requests/" + ID + "/comments", new Answer(201, "application/json", "{}"));
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;

        String declined = browser.open(location(browser.submit(page, page + "/decline",
                Map.of("reason", "POSTPONE_RECOMMENDED", "explanation", "Test <b>the</b> rollback first")))).body();
        assertThat(outcome(declined, "act-decline")).contains("review-service answered 409 Conflict: UA-4F2K9Q is closed")
                .contains("<option value=\"POSTPONE_RECOMMENDED\" selected=\"selected\">")
                .contains(">Test &lt;b&gt;the&lt;/b&gt; rollback first</textarea>");

        String refused = browser.open(location(browser.submit(page, page + "/approve",
                Map.of("feedback", "Looks\u0007 good\nthanks")))).body();
        assertThat(outcome(refused, "act-approve")).contains("They are removed from the text kept in the form")
                .contains(">Looks good\nthanks</textarea>");

        String sent = browser.open(location(browser.submit(page, page + "/comments",
                Map.of("body", "All set", "visibility", "INTERNAL")))).body();
        assertThat(outcome(sent, "act-comment")).contains("Your internal note was added.")
                .contains("name=\"body\" rows=\"4\" required maxlength=\"20000\"></textarea>");
    }

    @Test
    void every_console_form_without_its_CSRF_token_is_refused_with_403_and_reaches_no_service() {
        browser.signIn("alice", "dev-alice");
        String page = "/console/requests/" + ID;
        for (String action : List.of("assign", "comments", "approve", "request-changes", "decline", "handoff",
                "booking-link", "auto-close", "close")) {
            HttpResponse<String> post = browser.post(page + "/" + action,
                    Map.of("body", "x", "visibility", "PUBLIC", "toEngineer", "bob", "syncCompleted", "true",
                            "enabled", "false", "confirm", "true", "explanation", "x", "_csrf", "forged"));
            assertThat(post.statusCode()).as(action).isEqualTo(403);
            assertThat(post.body()).as(action).doesNotContain("Exception");
            HttpResponse<String> asPage = browser.postAsPage(page + "/" + action, Map.of("confirm", "true"));
            assertThat(asPage.statusCode()).as(action).isEqualTo(403);
            assertThat(asPage.body()).as(action).contains("Not allowed", "without its security token")
                    .doesNotContain("Exception");
        }
        assertThat(services.seen("POST", "/")).isEmpty();
    }

    @Test
    void times_carry_their_instant_for_the_local_time_script_and_the_pages_have_no_inline_script_or_style() {
        browser.signIn("alice", "dev-alice");

        String request = browser.open("/console/requests/" + ID).body();
        String queue = browser.open("/console").body();

        assertThat(request).contains("<time class=\"when\" datetime=\"2026-12-01T08:30:00Z\">2026-12-01 08:30 UTC</time>",
                "<time class=\"when\" datetime=\"2026-12-01T12:00:00Z\">2026-12-01 12:00 UTC</time>");
        assertThat(queue).contains("<time class=\"when\" datetime=\"2026-12-01T12:00:00Z\">2026-12-01 12:00 UTC</time>");
        for (String html : List.of(request, queue, browser.open("/console/upgrade-path?from=15.11.13&to=17.3.7").body(),
                browser.get("/console/nothing/here").body())) {
            assertThat(html).contains("<script src=\"/js/local-time.js\" defer></script>",
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            assertThat(html.split("<script", -1).length - 1).isEqualTo(html.split("<script src=\"/js/", -1).length - 1);
            assertThat(html).doesNotContainPattern("(?i)<style|\\sstyle=|\\son[a-z]+=\"|javascript:");
        }
        assertThat(request).contains("<a class=\"skip\" href=\"#main\">", "<main id=\"main\" tabindex=\"-1\">");
        HttpResponse<String> script = browser.get("/js/local-time.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("Intl.DateTimeFormat", "time.when[datetime]", "title");
    }

    @Test
    void every_input_of_the_request_page_has_a_label() {
        browser.signIn("alice", "dev-alice");

        String page = browser.open("/console/requests/" + ID).body();

        java.util.regex.Matcher inputs = java.util.regex.Pattern
                .compile("<(?:input|textarea|select)\\b([^>]*)>").matcher(page);
        int checked = 0;
        while (inputs.find()) {
            String attributes = inputs.group(1);
            if (attributes.contains("type=\"hidden\"")) {
                continue;
            }
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\\sid=\"([^\"]+)\"").matcher(attributes);
            assertThat(id.find()).as("an id on <%s>", attributes).isTrue();
            assertThat(page).as("a label for #%s", id.group(1)).contains("<label for=\"" + id.group(1) + "\"");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(12);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no redirect: " + response.statusCode() + "\n" + response.body()));
    }

    /** The text of the action's own block on the request page ({@code <div class="action" id="act-…">}). */
    private static String outcome(String page, String anchor) {
        int start = page.indexOf("id=\"" + anchor + "\"");
        assertThat(start).as("the action block " + anchor).isGreaterThanOrEqualTo(0);
        int end = page.indexOf("<div class=\"action\"", start + 1);
        return page.substring(start, end < 0 ? page.indexOf("</section>", start) : end);
    }

    /** The stops table's rows as {@code required | hop | mark and hint}. */
    private static List<String> stopRows(String page) {
        int start = page.indexOf("<table class=\"stops\">");
        assertThat(start).as("the stops table").isGreaterThanOrEqualTo(0);
        String table = page.substring(start, page.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>"));
        List<String> rows = new java.util.ArrayList<>();
        for (String row : body.split("<tr")) {
            if (!row.contains("<td")) {
                continue;
            }
            List<String> cells = new java.util.ArrayList<>();
            for (String cell : row.split("<td")) {
                if (cell.contains("</td>")) {
                    cells.add(text(cell.substring(cell.indexOf('>') + 1, cell.indexOf("</td>"))));
                }
            }
            rows.add(String.join(" | ", cells));
        }
        return rows;
    }

    /** The page's text: tags dropped, white space collapsed. */
    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
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
