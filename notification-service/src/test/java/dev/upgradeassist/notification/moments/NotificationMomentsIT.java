package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each moment of a request: the right email, to the right To and Cc, with the right content. */
@IntegrationTest
class NotificationMomentsIT {

    @Test
    void request_received_acknowledges_to_requester_and_contact_cc_tam_with_the_4_hour_target() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.received());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] We received your upgrade assistance request");
        assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(mail.messageId()).matches("<[0-9a-f]{64}@upgrade-assist>");
        assertThat(Mails.text(mail)).contains("Hello Dana Ops,", "Your ticket is " + flow.ticketId,
                "our target for a first response is 4 hours", "(America/New_York)", "UTC");
        assertThat(Mails.html(mail)).contains("<strong>4 hours</strong>", flow.ticketId);
        assertThat(Mails.one(flow.contactEmail).messageId()).isEqualTo(mail.messageId());
        assertThat(Mails.one(flow.tam).messageId()).isEqualTo(mail.messageId());
    }

    @Test
    void without_a_tam_there_is_no_cc_and_a_shared_address_is_mailed_once() {
        RequestFlow flow = RequestFlow.withoutTam();

        TestKafka.publish(flow.received(flow.contact(flow.requester, flow.requester.toUpperCase())));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.to()).containsExactly(flow.requester);
        assertThat(mail.cc()).isEmpty();
        assertThat(Mails.headers(mail)).doesNotContainIgnoringCase("\nCc:");
    }

    @Test
    void on_the_us_government_instance_no_email_of_the_request_copies_the_tam() {
        RequestFlow flow = RequestFlow.usFederal();

        TestKafka.publish(flow.received());
        Mails.one(flow.requester);
        // the events after it carry no form: the service remembers the request's
        TestKafka.publish(flow.infoMissing());
        TestKafka.publish(flow.onHold());
        TestKafka.publish(flow.completed());

        List<Mailbox.Mail> mails = Mails.awaitCount(flow.requester, 4);
        assertThat(mails).extracting(Mailbox.Mail::subject).containsExactlyInAnyOrder(
                "[" + flow.ticketId + "] We received your upgrade assistance request",
                "[" + flow.ticketId + "] Information missing from your upgrade request",
                "[" + flow.ticketId + "] Your upgrade is scheduled",
                "[" + flow.ticketId + "] Your upgrade is complete");
        assertThat(mails).allSatisfy(mail -> {
            assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
            assertThat(mail.cc()).isEmpty();
            assertThat(Mails.headers(mail)).doesNotContainIgnoringCase("\nCc:").doesNotContain(flow.tam);
        });
        assertThat(Mails.one(flow.engineer).subject()).isEqualTo("[" + flow.ticketId + "] Upgrade request completed");
        await().atMost(Duration.ofSeconds(20)).until(() -> sent(flow).size() == 5);
        assertThat(sent(flow)).allSatisfy(sent -> assertThat(sent.cc()).isEmpty());
        assertThat(Mails.of(flow.tam)).isEmpty();
    }

    @Test
    void a_us_government_approval_copies_no_one_even_as_the_first_event_heard_of_the_request() {
        RequestFlow flow = RequestFlow.usFederal();

        TestKafka.publish(flow.approved()); // carries its form

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade plan was reviewed and approved");
        assertThat(mail.cc()).isEmpty();
        assertThat(Mails.of(flow.tam)).isEmpty();
    }

    @Test
    void an_amendment_gets_a_short_received_your_update_note() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.amended());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] We received your updated upgrade request");
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("revision 2");
    }

    @Test
    void info_missing_lists_every_deficiency_with_its_hint_and_the_links() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.infoMissing());

        Mailbox.Mail mail = Mails.one(flow.contactEmail);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Information missing from your upgrade request");
        assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains(
                "We can't proceed with scheduling",
                "* The rollback plan is missing.", "How to fix it: A rollback plan needs both a way to back up and a way to restore.",
                "* The upgrade time has no time zone.", "How to fix it: Please give the planned upgrade date, start time and timezone.",
                "https://docs.gitlab.com/update/plan_your_upgrade/",
                "https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/",
                "Scheduling cannot go ahead until these items are fixed.");
        assertThat(Mails.html(mail)).contains("href=\"https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/\"");
    }

    @Test
    void approval_lists_findings_required_stops_and_the_start_in_both_zones() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.approved());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade plan was reviewed and approved");
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("* 16.3.9", "* 16.7.10", "* 17.3.7",
                "WARNING: We recommend testing the upgrade in a staging environment first.",
                "Saturday, 12 December 2026, 22:00 EST (America/New_York)", "Sunday, 13 December 2026, 03:00 UTC",
                "book a 30-minute call");
    }

    @Test
    void an_engineers_approval_names_the_engineer_and_shows_the_feedback_with_its_line_breaks_escaped_in_html() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.approvedByEngineer("alice", "Solid plan.\nKeep <b>two</b> backups & test the restore."));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade plan was reviewed and approved");
        assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("Approved by: alice",
                "Feedback from alice:\nSolid plan.\nKeep <b>two</b> backups & test the restore.\n",
                "Saturday, 12 December 2026, 22:00 EST (America/New_York)", "* 16.3.9");
        assertThat(Mails.html(mail)).contains("Approved by: <strong>alice</strong>",
                "<span>Solid plan.</span><br><span>Keep &lt;b&gt;two&lt;/b&gt; backups &amp; test the restore.</span>")
                .doesNotContain("<b>two</b>");
    }

    @Test
    void an_automatic_approval_names_no_engineer_and_shows_no_feedback() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.approved());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(Mails.text(mail)).doesNotContain("Approved by").doesNotContain("Feedback");
        assertThat(Mails.html(mail)).doesNotContain("Approved by").doesNotContain("Feedback");
    }

    @Test
    void changes_requested_shows_the_feedback_and_every_item_with_its_hint_to_requester_and_contact_cc_tam() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.changesRequested("Almost there.\nTwo things before we can schedule."));

        Mailbox.Mail mail = Mails.one(flow.contactEmail);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Changes requested to your upgrade plan");
        assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains(
                "alice reviewed your upgrade assistance request (ticket " + flow.ticketId + ")",
                "Feedback:\nAlmost there.\nTwo things before we can schedule.\n",
                "* rollbackPlan: The rollback plan does not say how long a restore takes.\n"
                        + "  How to fix it: Time a restore of last night's backup in staging and give the duration.",
                "* upgradePath: The path skips the 16.11 required stop.\n  How to fix it: Use the Upgrade Path tool and list every hop.",
                "Our automatic checks also found:",
                "* The upgrade time has no time zone.\n  How to fix it: Please give the planned upgrade date, start time and timezone.",
                "Required upgrade stops on your path: 16.3.9, 16.7.10, 16.11.10",
                "WARNING: We recommend testing the upgrade in a staging environment first.",
                "https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/",
                "Scheduling cannot go ahead until these changes are made.");
        assertThat(Mails.html(mail)).contains("<code>rollbackPlan</code>",
                "Time a restore of last night&#39;s backup in staging and give the duration.",
                "<span>Almost there.</span><br><span>Two things before we can schedule.</span>");
        assertThat(Mails.one(flow.tam).messageId()).isEqualTo(mail.messageId());
    }

    @Test
    void changes_requested_on_the_us_government_instance_copies_no_one() {
        RequestFlow flow = RequestFlow.usFederal();

        TestKafka.publish(flow.received()); // carries the form; ChangesRequested does not
        Mails.one(flow.requester);
        TestKafka.publish(flow.changesRequested(null));

        List<Mailbox.Mail> mails = Mails.awaitCount(flow.requester, 2);
        assertThat(mails).extracting(Mailbox.Mail::subject)
                .contains("[" + flow.ticketId + "] Changes requested to your upgrade plan");
        assertThat(mails).allSatisfy(mail -> assertThat(mail.cc()).isEmpty());
        assertThat(Mails.text(mails.get(1))).doesNotContain("Feedback:");
        assertThat(Mails.of(flow.tam)).isEmpty();
    }

    @Test
    void a_decline_gives_the_reason_and_suggests_rescheduling_or_narrowing_the_scope() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.declined());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade assistance request was declined");
        assertThat(Mails.text(mail)).contains("Reason: We recommend postponing", "The window starts in less than a day.",
                "reschedule the upgrade to a later window, or narrow the scope");
    }

    @Test
    void the_booking_link_email_carries_the_link_30_minutes_and_its_expiry() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.bookingLink());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Book your 30-minute upgrade review call");
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("https://upgrade-assist.example/book/abc123?x=1&y=2", "30-minute",
                "expires on Thursday, 10 December 2026, 12:00 EST (America/New_York) / Thursday, 10 December 2026, 17:00 UTC");
        assertThat(Mails.html(mail)).contains("href=\"https://upgrade-assist.example/book/abc123?x=1&amp;y=2\"");
    }

    @Test
    void a_booked_call_is_shown_to_the_customer_in_their_zone_and_utc_and_the_engineer_is_told() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.callBooked());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade review call is booked");
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("Start (your time zone): Tuesday, 8 December 2026, 10:00 EST (America/New_York)",
                "Start (UTC):            Tuesday, 8 December 2026, 15:00 UTC");
        Mailbox.Mail engineer = Mails.one(flow.engineer);
        assertThat(engineer.subject()).isEqualTo("[" + flow.ticketId + "] Upgrade review call booked with you");
        assertThat(engineer.to()).containsExactly(flow.engineer);
        assertThat(engineer.cc()).isEmpty();
        assertThat(Mails.text(engineer)).contains("Tuesday, 8 December 2026, 15:00 UTC", flow.requestId);
        assertThat(Mails.of(flow.tam)).hasSize(1); // the customer email only
    }

    @Test
    void a_handoff_introduces_the_new_engineer_to_the_customer_and_tells_both_engineers() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.handedOff());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] A new support engineer is handling your upgrade");
        assertThat(Mails.text(mail)).contains("Kim Engineer is now the support engineer", "taking over from Sam Engineer")
                .doesNotContain("Customer prefers mornings.");
        Mailbox.Mail engineers = Mails.one(flow.engineer);
        assertThat(engineers.subject()).isEqualTo("[" + flow.ticketId + "] Upgrade request handed off");
        assertThat(engineers.to()).containsExactlyInAnyOrder(flow.engineer, flow.otherEngineer);
        assertThat(Mails.text(engineers)).contains("Customer prefers mornings.");
        assertThat(Mails.one(flow.otherEngineer).messageId()).isEqualTo(engineers.messageId());
    }

    @Test
    void on_hold_confirms_the_schedule_and_reminds_to_report_the_outcome() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.onHold());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade is scheduled");
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("Upgrade start: Saturday, 12 December 2026, 22:00 EST (America/New_York)",
                "Window ends:   Sunday, 13 December 2026, 02:00 EST (America/New_York) / Sunday, 13 December 2026, 07:00 UTC",
                "please report the outcome of the upgrade");
    }

    @Test
    void rollback_advice_shows_the_time_left_and_the_roll_back_now_flag_to_customer_and_assignee() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.rollbackAdvised(true));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Problems during your upgrade: our rollback advice");
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("*** ROLL BACK NOW ***", "(25 minutes)", "(90 minutes)",
                "Stop the upgrade and restore the backup taken before the first hop.");
        assertThat(Mails.html(mail)).contains("ROLL BACK NOW");
        Mailbox.Mail engineer = Mails.one(flow.engineer);
        assertThat(engineer.subject()).isEqualTo("[" + flow.ticketId + "] Customer reported upgrade problems");
        assertThat(Mails.text(engineer)).contains("ROLL BACK NOW was advised: 25 minutes left");
    }

    @Test
    void rollback_advice_with_time_left_tells_the_customer_how_much() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.rollbackAdvised(false));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(Mails.text(mail)).contains("Time left in your maintenance window: 150 minutes").doesNotContain("ROLL BACK NOW");
    }

    @Test
    void completion_thanks_the_customer_and_tells_the_assignee() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.completed());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade is complete");
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("marked ticket " + flow.ticketId + " as solved");
        Mailbox.Mail engineer = Mails.one(flow.engineer);
        assertThat(engineer.subject()).isEqualTo("[" + flow.ticketId + "] Upgrade request completed");
        assertThat(engineer.to()).containsExactly(flow.engineer);
    }

    @Test
    void an_expired_booking_link_sends_nothing() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.linkExpired());
        TestKafka.publish(flow.onHold()); // same partition, after it

        Mails.one(flow.requester);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.events(Topics.NOTIFICATION, flow.requestId).size() == 1);
        NotificationSent sent = TestKafka.events(Topics.NOTIFICATION, flow.requestId).get(0).as(NotificationSent.class);
        assertThat(sent.template()).isEqualTo("on_hold");
    }

    private static List<NotificationSent> sent(RequestFlow flow) {
        return TestKafka.events(Topics.NOTIFICATION, flow.requestId).stream()
                .filter(r -> "NotificationSent.v1".equals(r.typeId()))
                .map(r -> r.as(NotificationSent.class)).toList();
    }
}
