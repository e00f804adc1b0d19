package dev.upgradeassist.notification.templates;

import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailRendererTest {

    static final String SECRET = "a-test-secret-of-at-least-32-characters";
    static final String REQUEST_ID = "r-1";
    static final String WEB = "https://upgrade-assist.example";

    private final MailRenderer renderer = new MailRenderer(new RequestLinks(new CustomerPageTokens(SECRET), WEB + "/"));

    @Test
    void every_template_renders_in_text_and_html() {
        for (Template template : Template.values()) {
            RenderedMail mail = renderer.render(template, REQUEST_ID, "UA-1", fullModel());
            assertThat(mail.subject()).startsWith("[UA-1] ");
            assertThat(mail.text()).isNotBlank().doesNotContain("[(").doesNotContain("[#");
            assertThat(mail.html()).contains("<html").doesNotContain(" th:").doesNotContain("xmlns:th");
        }
    }

    @Test
    void html_escapes_every_variable_while_text_keeps_it_verbatim() {
        Map<String, Object> model = fullModel();
        model.put("requesterName", "<script>alert('x')</script> & Co");

        RenderedMail mail = renderer.render(Template.REQUEST_RECEIVED, REQUEST_ID, "UA-1", model);

        assertThat(mail.html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co")
                .doesNotContain("<script>");
        assertThat(mail.text()).contains("Hello <script>alert('x')</script> & Co,");
    }

    @Test
    void the_subject_carries_the_ticket_id_only_and_refuses_an_unsafe_one() {
        Map<String, Object> model = fullModel();
        model.put("requesterName", "Dana\r\nBcc: x@evil.example");

        assertThat(renderer.render(Template.COMPLETED, REQUEST_ID, "UA-7F3K2Q", model).subject())
                .isEqualTo("[UA-7F3K2Q] Your upgrade is complete");
        assertThatThrownBy(() -> renderer.render(Template.COMPLETED, REQUEST_ID, "UA-1\r\nBcc: x@evil.example", model))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MailRenderer.isSafeTicketId("UA 1")).isFalse();
    }

    @Test
    void info_missing_lists_every_deficiency_with_its_hint_and_both_links() {
        RenderedMail mail = renderer.render(Template.INFO_MISSING, REQUEST_ID, "UA-1", fullModel());

        assertThat(mail.text()).contains("* The rollback plan is missing.", "How to fix it: Add a backup and a restore.",
                "* No time zone.", "How to fix it: Give a time zone.",
                "https://docs.gitlab.com/update/plan_your_upgrade/",
                "https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/",
                "Scheduling cannot go ahead until these items are fixed");
        assertThat(mail.html()).contains("href=\"https://docs.gitlab.com/update/plan_your_upgrade/\"",
                "href=\"https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/\"", "Add a backup and a restore.");
        System.out.println(mail.text());
    }

    @Test
    void times_show_the_customer_zone_and_utc() {
        ShownTime time = ShownTime.of(Instant.parse("2026-12-13T03:00:00Z"), "America/New_York");

        assertThat(time.local()).isEqualTo("Saturday, 12 December 2026, 22:00 EST (America/New_York)");
        assertThat(time.utc()).isEqualTo("Sunday, 13 December 2026, 03:00 UTC");
        assertThat(ShownTime.of(Instant.parse("2026-12-13T03:00:00Z"), "+05:30").local())
                .isEqualTo("Sunday, 13 December 2026, 08:30 +05:30 (+05:30)");
        assertThat(ShownTime.of(Instant.parse("2026-12-13T03:00:00Z"), "Mars/Olympus").local())
                .isEqualTo("Sunday, 13 December 2026, 03:00 UTC");
    }

    @Test
    void the_call_booked_text_shows_local_and_utc_times() {
        RenderedMail mail = renderer.render(Template.CALL_BOOKED, REQUEST_ID, "UA-1", fullModel());
        System.out.println(mail.text());
        assertThat(mail.text()).contains("Start (your time zone): Saturday, 12 December 2026, 22:00 EST (America/New_York)",
                "Start (UTC):            Sunday, 13 December 2026, 03:00 UTC");
    }

    @Test
    void a_reply_body_is_escaped_in_html_and_keeps_its_line_breaks_in_both() {
        Map<String, Object> model = fullModel();
        model.put("bodyLines", List.of("<script>alert('x')</script>", "", "second & last"));

        for (Template template : List.of(Template.ENGINEER_REPLY, Template.CUSTOMER_REPLY)) {
            RenderedMail mail = renderer.render(template, REQUEST_ID, "UA-1", model);

            assertThat(mail.html()).as(template.name())
                    .contains("<span>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</span><br><span></span><br><span>second &amp; last</span>")
                    .doesNotContain("<script>");
            assertThat(mail.text()).as(template.name()).contains("\n<script>alert('x')</script>\n\nsecond & last\n");
        }
    }

    @Test
    void an_engineers_approval_names_the_engineer_and_shows_the_feedback_an_automatic_one_neither() {
        Map<String, Object> model = fullModel();

        RenderedMail engineer = renderer.render(Template.PLAN_APPROVED, REQUEST_ID, "UA-1", model);
        model.put("approvedBy", null);
        model.put("feedbackLines", List.of());
        RenderedMail automatic = renderer.render(Template.PLAN_APPROVED, REQUEST_ID, "UA-1", model);

        assertThat(engineer.text()).contains("Approved by: alice", "Feedback from alice:\nLooks good.\n\nKeep the backup.\n");
        assertThat(engineer.html()).contains("<strong>alice</strong>", "<span>Looks good.</span><br><span></span><br><span>Keep the backup.</span>");
        assertThat(automatic.text()).doesNotContain("Approved by").doesNotContain("Feedback");
        assertThat(automatic.html()).doesNotContain("Approved by").doesNotContain("Feedback");
    }

    @Test
    void changes_requested_lists_the_engineers_items_with_field_and_hint_then_the_automatic_ones() {
        RenderedMail mail = renderer.render(Template.CHANGES_REQUESTED, REQUEST_ID, "UA-1", fullModel());

        assertThat(mail.subject()).isEqualTo("[UA-1] Changes requested to your upgrade plan");
        assertThat(mail.text()).contains("alice reviewed your upgrade assistance request (ticket UA-1)",
                "Feedback:\nLooks good.\n\nKeep the backup.",
                "* rollbackPlan: The rollback plan does not say how long a restore takes.\n  How to fix it: Time a restore in staging.",
                "Our automatic checks also found:\n\n* No time zone.\n  How to fix it: Give a time zone.",
                "Required upgrade stops on your path: 16.3.9, 16.7.10", "ADVISORY: Test in staging.");
        assertThat(mail.html()).contains("<code>rollbackPlan</code>", "Time a restore in staging.", "Give a time zone.");
    }

    @Test
    void changes_requested_after_the_upgrade_path_data_changed_says_so_and_names_no_engineer() {
        Map<String, Object> model = fullModel();
        model.put("dataChanged", true);
        model.put("requestedBy", null);

        RenderedMail mail = renderer.render(Template.CHANGES_REQUESTED, REQUEST_ID, "UA-1", model);

        assertThat(mail.text()).contains("GitLab's upgrade-path data has changed since your upgrade plan (ticket UA-1) was "
                + "approved").doesNotContain("reviewed your upgrade assistance request");
        assertThat(mail.html()).contains("upgrade-path data has changed").doesNotContain("Your support engineer");
    }

    @Test
    void an_sla_breach_shows_target_start_due_time_in_utc_and_the_engineers_zone_and_the_calendar() {
        RenderedMail mail = renderer.render(Template.SLA_BREACHED, REQUEST_ID, "UA-1", fullModel());

        assertThat(mail.subject()).isEqualTo("[UA-1] Response target missed on an upgrade request");
        assertThat(mail.text()).contains("Hello Sam,", "The first response target of ticket UA-1 (request r-1) was missed",
                "Target:         first response (counted from the receipt of the request)",
                "Waiting since:  Tuesday, 1 December 2026, 10:15 UTC / Tuesday, 1 December 2026, 11:15 CET (Europe/Berlin)",
                "Due:            Tuesday, 1 December 2026, 14:15 UTC / Tuesday, 1 December 2026, 15:15 CET (Europe/Berlin)",
                "Calendar:       24x5 (Monday to Friday, UTC)", "Customer:       Dana Ops");
        assertThat(mail.html()).contains("Tuesday, 1 December 2026, 15:15 CET (Europe/Berlin)", "24x5 (Monday to Friday, UTC)");
    }

    @Test
    void the_pending_reminder_says_when_the_request_closes_and_says_nothing_of_it_when_auto_close_is_off() {
        Map<String, Object> model = fullModel();
        RenderedMail closing = renderer.render(Template.PENDING_REMINDER, REQUEST_ID, "UA-1", model);
        model.put("closesAt", null);
        RenderedMail open = renderer.render(Template.PENDING_REMINDER, REQUEST_ID, "UA-1", model);

        assertThat(closing.text()).contains("still needs your answer",
                "the request will be closed on Saturday, 12 December 2026, 22:00 EST (America/New_York) / Sunday, 13 December 2026, 03:00 UTC");
        assertThat(closing.html()).contains("the request will be closed on");
        assertThat(open.text()).contains("still needs your answer").doesNotContain("closed").doesNotContain("reopens");
        assertThat(open.html()).contains("still needs your answer").doesNotContain("closed").doesNotContain("reopens");
    }

    @Test
    void the_reminders_and_closings_escape_peoples_names_in_html() {
        Map<String, Object> model = fullModel();
        model.put("requesterName", "<b>Dana</b> & Co");
        model.put("engineer", "<i>Sam</i>");
        model.put("assignee", "<i>Sam</i>");
        model.put("closedBy", "<i>alice</i>");
        for (Template template : List.of(Template.SLA_BREACHED, Template.PENDING_REMINDER, Template.ON_HOLD_RECHECK,
                Template.ON_HOLD_RECHECK_ENGINEER, Template.CALL_REMINDER, Template.CALL_REMINDER_ENGINEER,
                Template.CLOSED_NO_RESPONSE, Template.CLOSED_BY_ENGINEER)) {
            RenderedMail mail = renderer.render(template, REQUEST_ID, "UA-1", model);
            assertThat(mail.html()).as(template.tag()).doesNotContain("<b>Dana").doesNotContain("<i>")
                    .containsAnyOf("&lt;b&gt;Dana&lt;/b&gt; &amp; Co", "&lt;i&gt;");
        }
    }

    @Test
    void a_request_closed_for_no_response_says_an_update_reopens_it_one_closed_by_an_engineer_names_them() {
        RenderedMail noResponse = renderer.render(Template.CLOSED_NO_RESPONSE, REQUEST_ID, "UA-1", fullModel());
        RenderedMail byEngineer = renderer.render(Template.CLOSED_BY_ENGINEER, REQUEST_ID, "UA-1", fullModel());

        assertThat(noResponse.text()).contains("we did not hear back from you", "updating it reopens it",
                "Saturday, 12 December 2026, 22:00 EST (America/New_York) / Sunday, 13 December 2026, 03:00 UTC");
        assertThat(byEngineer.text()).contains("alice of GitLab Support closed your upgrade assistance request (ticket UA-1)")
                .doesNotContain("reopens");
    }

    @Test
    void the_call_emails_show_the_manage_link_to_the_customer_and_never_to_the_engineer() {
        Map<String, Object> model = fullModel();
        model.put("manageUrl", "https://upgrade-assist.example/calls/secret-token");
        model.put("meetingUrl", "https://meet.example/sam?a=1&b=2");
        model.put("invitation", true);
        model.put("previousStart", ShownTime.of(Instant.parse("2026-12-12T03:00:00Z"), "America/New_York"));

        for (Template customer : new Template[]{Template.CALL_BOOKED, Template.CALL_RESCHEDULED}) {
            RenderedMail mail = renderer.render(customer, REQUEST_ID, "UA-1", model);
            assertThat(mail.text()).contains("https://upgrade-assist.example/calls/secret-token",
                    "https://meet.example/sam?a=1&b=2");
            assertThat(mail.html()).contains("href=\"https://upgrade-assist.example/calls/secret-token\"",
                    "href=\"https://meet.example/sam?a=1&amp;b=2\"");
        }
        for (Template engineer : new Template[]{Template.CALL_BOOKED_ENGINEER, Template.CALL_RESCHEDULED_ENGINEER,
                Template.CALL_CANCELLED, Template.CALL_CANCELLED_ENGINEER}) {
            RenderedMail mail = renderer.render(engineer, REQUEST_ID, "UA-1", model);
            assertThat(mail.text()).doesNotContain("secret-token");
            assertThat(mail.html()).doesNotContain("secret-token");
        }
        assertThat(renderer.render(Template.CALL_RESCHEDULED, REQUEST_ID, "UA-1", model).text())
                .contains("Instead of:                 Friday, 11 December 2026, 22:00 EST (America/New_York) / "
                        + "Saturday, 12 December 2026, 03:00 UTC");
    }

    @Test
    void a_booking_link_issued_again_names_the_engineer_who_issued_it() {
        Map<String, Object> model = fullModel();
        assertThat(renderer.render(Template.BOOKING_LINK, REQUEST_ID, "UA-1", model).text()).doesNotContain("issued a new booking link");

        model.put("reissuedBy", "<b>alice</b>");
        RenderedMail mail = renderer.render(Template.BOOKING_LINK, REQUEST_ID, "UA-1", model);

        assertThat(mail.text()).contains("<b>alice</b> of GitLab Support issued a new booking link for you.");
        assertThat(mail.html()).contains("&lt;b&gt;alice&lt;/b&gt;</span> of GitLab Support issued a new booking")
                .doesNotContain("<b>alice");
    }

    @Test
    void the_plan_recheck_to_support_names_the_request_every_new_deficiency_and_the_window_start() {
        Map<String, Object> model = fullModel();
        model.put("upgradeStart", ShownTime.of(Instant.parse("2026-12-13T03:00:00Z"), "Europe/Berlin"));
        model.put("feedbackLines", List.of("Data version 2026-12-02.1.", "<b>kept</b>"));

        RenderedMail mail = renderer.render(Template.PLAN_RECHECK_ENGINEER, REQUEST_ID, "UA-1", model);

        assertThat(mail.subject()).isEqualTo("[UA-1] Upgrade-path data changed: an approved plan needs changes");
        assertThat(mail.text()).contains("Hello Sam,", "ticket UA-1 (request r-1, revision 2) no longer fits it",
                "the customer (Dana Ops) has been asked to amend it",
                "Window start:   Sunday, 13 December 2026, 03:00 UTC / Sunday, 13 December 2026, 04:00 CET (Europe/Berlin)"
                        + " (customer's time zone: Saturday, 12 December 2026, 22:00 EST (America/New_York))",
                "* ROLLBACK_PLAN_MISSING: The rollback plan is missing.", "* TZ: No time zone.",
                "Required stops now: 16.3.9, 16.7.10", "Data version 2026-12-02.1.")
                .doesNotContain("Upgrade-focus").doesNotContain("How to fix it");
        assertThat(mail.html()).contains("ROLLBACK_PLAN_MISSING", "&lt;b&gt;kept&lt;/b&gt;").doesNotContain("<b>kept");

        model.put("toAssignee", false);
        model.put("assignee", null);
        model.put("upgradeStart", null);
        model.put("customerUpgradeStart", null);
        RenderedMail unassigned = renderer.render(Template.PLAN_RECHECK_ENGINEER, REQUEST_ID, "UA-1", model);
        assertThat(unassigned.text()).contains("Hello Upgrade-focus engineers of EMEA,",
                "Window start:   not known to Upgrade Assist's emails (see the request)",
                "You receive this because the request is not assigned: one of you please pick it up.");
        assertThat(unassigned.html()).contains("not known to Upgrade Assist");
    }

    /** The customer's page of request {@code requestId}, as the web module's {@code /r/<token>} finds it. */
    private static String pageOf(String requestId) {
        return WEB + "/r/" + new CustomerPageTokens(SECRET).tokenFor(requestId);
    }

    @Test
    void every_email_to_the_customer_carries_the_link_of_its_requests_page_in_text_and_html() {
        List<Template> customer = java.util.Arrays.stream(Template.values())
                .filter(t -> t.audience() == Template.Audience.CUSTOMER).toList();
        assertThat(customer).hasSize(20); // a new kind of customer email is added here knowingly

        for (Template template : customer) {
            for (String requestId : List.of(REQUEST_ID, "6a41b6da-481e-44af-8dd2-11ef623bf305")) {
                RenderedMail mail = renderer.render(template, requestId, "UA-1", fullModel());
                String page = pageOf(requestId);
                assertThat(page).doesNotContain("example//r/").matches(".*/r/[A-Za-z0-9_-]{43}");
                assertThat(mail.text()).as(template.tag())
                        .contains("\nYour request page (status, what is missing, the conversation, reply): " + page + "\n")
                        .doesNotContain("/console/");
                assertThat(mail.html()).as(template.tag())
                        .contains("<a href=\"" + page + "\">" + page + "</a></p>\n</body>").doesNotContain("/console/");
            }
        }
        assertThat(renderer.render(Template.COMPLETED, "r-2", "UA-1", fullModel()).text())
                .contains(pageOf("r-2")).doesNotContain(pageOf(REQUEST_ID));
    }

    @Test
    void emails_to_support_never_carry_the_customers_link_but_the_console_page_of_the_request() {
        List<Template> support = java.util.Arrays.stream(Template.values())
                .filter(t -> t.audience() == Template.Audience.ENGINEER).toList();
        assertThat(support).hasSize(11);

        for (Template template : support) {
            RenderedMail mail = renderer.render(template, REQUEST_ID, "UA-1", fullModel());
            assertThat(mail.text()).as(template.tag()).doesNotContain("/r/").doesNotContain("request page")
                    .contains("\nThe request in the support console: " + WEB + "/console/requests/r-1\n");
            assertThat(mail.html()).as(template.tag()).doesNotContain("/r/")
                    .contains("<a href=\"" + WEB + "/console/requests/r-1\">");
        }
        assertThat(renderer.render(Template.SLA_BREACHED, "a b/c", "UA-1", fullModel()).text())
                .contains(WEB + "/console/requests/a%20b%2Fc\n");
    }

    @Test
    void the_approval_links_the_runbook_of_the_approved_plan_no_other_email_does() {
        RenderedMail mail = renderer.render(Template.PLAN_APPROVED, REQUEST_ID, "UA-1", fullModel());

        assertThat(mail.text()).contains("Your upgrade runbook: " + pageOf(REQUEST_ID) + "/runbook\n");
        assertThat(mail.html()).contains("Your upgrade runbook: <a href=\"" + pageOf(REQUEST_ID) + "/runbook\">"
                + pageOf(REQUEST_ID) + "/runbook</a>");
        for (Template other : Template.values()) {
            if (other != Template.PLAN_APPROVED) {
                RenderedMail rendered = renderer.render(other, REQUEST_ID, "UA-1", fullModel());
                assertThat(rendered.text()).as(other.tag()).doesNotContain("/runbook");
                assertThat(rendered.html()).as(other.tag()).doesNotContain("/runbook");
            }
        }
    }

    @Test
    void a_models_variable_cannot_stand_in_for_the_links_and_an_email_without_its_request_is_refused() {
        Map<String, Object> model = fullModel();
        model.put("requestPageUrl", "https://evil.example/r/x");
        model.put("consoleUrl", "https://evil.example/console");

        assertThat(renderer.render(Template.COMPLETED, REQUEST_ID, "UA-1", model).text())
                .contains(pageOf(REQUEST_ID)).doesNotContain("evil.example");
        assertThat(renderer.render(Template.COMPLETED_ENGINEER, REQUEST_ID, "UA-1", model).text())
                .doesNotContain("evil.example");
        assertThatThrownBy(() -> renderer.render(Template.COMPLETED, null, "UA-1", model))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> renderer.render(Template.COMPLETED_ENGINEER, " ", "UA-1", model))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_web_base_url_tolerates_a_trailing_slash_and_must_be_an_http_url() {
        CustomerPageTokens tokens = new CustomerPageTokens(SECRET);
        assertThat(new RequestLinks(tokens, "http://localhost:8085").requestPage("r-1"))
                .isEqualTo("http://localhost:8085/r/" + tokens.tokenFor("r-1"));
        assertThat(new RequestLinks(tokens, " https://ua.example/portal// ").runbook("r-1"))
                .isEqualTo("https://ua.example/portal/r/" + tokens.tokenFor("r-1") + "/runbook");
        for (String bad : new String[]{null, "", "localhost:8085", "ftp://ua.example", "https://ua.example/?a=1",
                "javascript:alert(1)"}) {
            assertThatThrownBy(() -> new RequestLinks(tokens, bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("web-base-url");
        }
        assertThat(new RequestLinks(tokens, "http://localhost:8085").toString()).doesNotContain(tokens.tokenFor("r-1"));
    }

    static Map<String, Object> fullModel() {
        ShownTime time = ShownTime.of(Instant.parse("2026-12-13T03:00:00Z"), "America/New_York");
        Map<String, Object> model = new HashMap<>();
        model.put("requesterName", "Dana Ops");
        model.put("priority", "HIGH");
        model.put("highPriority", true);
        model.put("firstResponseHours", 4);
        model.put("receivedAt", time);
        model.put("revision", 2);
        model.put("deficiencies", List.of(
                new Deficiency("ROLLBACK_PLAN_MISSING", "rollbackPlan", "The rollback plan is missing.", "Add a backup and a restore."),
                new Deficiency("TZ", "maintenanceWindow.timeZone", "No time zone.", "Give a time zone.")));
        model.put("findings", List.of(new Finding("F", Finding.Severity.ADVISORY, "Test in staging.")));
        model.put("requiredStops", List.of("16.3.9", "16.7.10"));
        model.put("planGuideUrl", "https://docs.gitlab.com/update/plan_your_upgrade/");
        model.put("upgradePathUrl", "https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/");
        model.put("upgradeStart", time);
        model.put("windowEnd", time);
        model.put("windowDurationMinutes", 240);
        model.put("callOffered", true);
        model.put("reasonText", "Postpone.");
        model.put("explanation", "Too soon.");
        model.put("finalDecline", false);
        model.put("url", "https://example.test/book/1");
        model.put("callMinutes", 30);
        model.put("expiresAt", time);
        model.put("engineer", "Sam");
        model.put("start", time);
        model.put("end", time);
        model.put("requestId", "r-1");
        model.put("fromEngineer", "Sam");
        model.put("toEngineer", "Kim");
        model.put("callStart", time);
        model.put("notes", "Notes.");
        model.put("assignee", "Sam");
        model.put("minutesLeftInWindow", 25L);
        model.put("rollbackEstimateMinutes", 90);
        model.put("rollBackNow", true);
        model.put("advice", "Roll back.");
        model.put("details", "Done.");
        model.put("approvedBy", "alice");
        model.put("feedbackLines", List.of("Looks good.", "", "Keep the backup."));
        model.put("requestedBy", "alice");
        model.put("engineerItems", List.of(new Deficiency(Deficiency.ENGINEER_REQUESTED, "rollbackPlan",
                "The rollback plan does not say how long a restore takes.", "Time a restore in staging.")));
        model.put("otherDeficiencies", List.of(new Deficiency("TZ", "maintenanceWindow.timeZone", "No time zone.",
                "Give a time zone.")));
        model.put("author", "alice");
        model.put("bodyLines", List.of("First line.", "Second line."));
        model.put("at", time);
        model.put("toAssignee", true);
        model.put("region", "EMEA");
        model.put("targetName", "first response");
        model.put("targetText", "first response (counted from the receipt of the request)");
        model.put("clockStartedAt", ShownTime.of(Instant.parse("2026-12-01T10:15:34Z"), "Europe/Berlin"));
        model.put("dueAt", ShownTime.of(Instant.parse("2026-12-01T14:15:34Z"), "Europe/Berlin"));
        model.put("calendarText", "24x5 (Monday to Friday, UTC)");
        model.put("awaitingSince", time);
        model.put("closesAt", time);
        model.put("customerWindowEnd", time);
        model.put("customerStart", time);
        model.put("customerUpgradeStart", time);
        model.put("closedAt", time);
        model.put("closedBy", "alice");
        return model;
    }
}
