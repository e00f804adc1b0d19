package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.CallReminderDue;
import dev.upgradeassist.contracts.OnHoldRecheckDue;
import dev.upgradeassist.contracts.PendingReminderDue;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.SlaBreached;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.Meters;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import dev.upgradeassist.notification.ledger.NotificationHistory;
import dev.upgradeassist.notification.ledger.NotificationStatus;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clocks' emails (intake's timers): an SLA breach to Support only (the assignee, else the region's Upgrade-focus
 * engineers: alice AMER, bob EMEA, chandra APAC; dmitri EMEA is not Upgrade-focus), the pending reminder, the on-hold
 * re-check (customer and Support), the call reminder (customer and engineer), the closing. Each goes out once, however
 * often and under whichever event id its timer's event is published. The seeded engineers' mailboxes are shared by every
 * test, so those are read by the ticket id in the subject.
 */
@IntegrationTest
class ClocksIT {

    private static final String GROUP = "notification-service";

    @Autowired
    NotificationHistory ledger;

    @Autowired
    MeterRegistry meters;

    // ------------------------------------------------------------------ SLA breach

    @Test
    void an_sla_breach_goes_to_the_assignee_only_with_the_due_time_in_utc_and_their_zone_and_never_to_the_customer() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.slaBreached("chandra", Region.APAC));

        Mailbox.Mail mail = onlyOne("chandra@gitlab.example", flow);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Response target missed on an upgrade request");
        assertThat(mail.to()).containsExactly("chandra@gitlab.example");
        assertThat(mail.cc()).isEmpty();
        assertThat(Mails.text(mail)).contains("Hello chandra,",
                "The first response target of ticket " + flow.ticketId + " (request " + flow.requestId + ") was missed",
                "Waiting since:  Tuesday, 1 December 2026, 10:15 UTC / Tuesday, 1 December 2026, 15:45 IST (Asia/Kolkata)",
                "Due:            Tuesday, 1 December 2026, 14:15 UTC / Tuesday, 1 December 2026, 19:45 IST (Asia/Kolkata)",
                "Calendar:       24x5 (Monday to Friday, UTC)", "Customer:       Dana Ops")
                .doesNotContain("Upgrade-focus");
        assertThat(Mails.html(mail)).contains("19:45 IST (Asia/Kolkata)");
        settled(flow, 1);
        assertThat(Mails.of(flow.requester)).isEmpty();
        assertThat(Mails.of(flow.contactEmail)).isEmpty();
        assertThat(Mails.of(flow.tam)).isEmpty();
        for (String other : List.of("alice@gitlab.example", "bob@gitlab.example", "dmitri@gitlab.example")) {
            assertThat(ofTicket(other, flow)).as(other).isEmpty();
        }
    }

    @Test
    void an_unassigned_sla_breach_in_emea_goes_to_bob_only_not_dmitri_and_not_the_customer() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.slaBreached(SlaBreached.Kind.NEXT_RESPONSE, RequestFlow.SLA_DUE, null, Region.EMEA));

        Mailbox.Mail mail = onlyOne("bob@gitlab.example", flow);
        assertThat(mail.to()).containsExactly("bob@gitlab.example");
        assertThat(Mails.text(mail)).contains("Hello Upgrade-focus engineers of EMEA,",
                "The next response target of ticket " + flow.ticketId,
                "Due:            Tuesday, 1 December 2026, 14:15 UTC / Tuesday, 1 December 2026, 15:15 CET (Europe/Berlin)",
                "the request is not assigned: one of you please pick it up");
        settled(flow, 1);
        assertThat(ofTicket("dmitri@gitlab.example", flow)).isEmpty();
        assertThat(ofTicket("alice@gitlab.example", flow)).isEmpty();
        assertThat(ofTicket("chandra@gitlab.example", flow)).isEmpty();
        assertThat(Mails.of(flow.requester)).isEmpty();
        assertThat(Mails.of(flow.contactEmail)).isEmpty();
        assertThat(Mails.of(flow.tam)).isEmpty();
    }

    @Test
    void an_sla_breach_of_a_us_government_request_names_its_calendar() {
        RequestFlow flow = RequestFlow.usFederal();

        TestKafka.publish(flow.slaBreached("alice", Region.AMER));

        assertThat(Mails.text(onlyOne("alice@gitlab.example", flow))).contains(
                "Calendar:       US Government support hours (weekdays 05:00-17:00 America/Los_Angeles)",
                "09:15 EST (America/New_York)");
    }

    @Test
    void an_sla_breach_with_nobody_to_tell_is_recorded_failed_with_the_reason_and_the_next_record_flows() {
        RequestFlow flow = RequestFlow.request();
        double failedBefore = Meters.notifications(meters, "failed", Template.SLA_BREACHED);

        TestKafka.publish(flow.slaBreached(null, null)); // unassigned, no region: no Upgrade-focus engineer
        TestKafka.publish(flow.pendingReminder(null));

        Mails.one(flow.requester);
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).stream()
                .anyMatch(e -> e.status() == NotificationStatus.FAILED));
        NotificationEntry failed = ledger.history(flow.requestId).stream()
                .filter(e -> e.status() == NotificationStatus.FAILED).findFirst().orElseThrow();
        assertThat(failed.template()).isEqualTo(Template.SLA_BREACHED);
        assertThat(failed.to()).isEmpty();
        assertThat(failed.lastError()).isEqualTo("no recipient: the request is unassigned and the directory has no "
                + "Upgrade-focus engineer for region (none given)");
        assertThat(Meters.notifications(meters, "failed", Template.SLA_BREACHED)).isEqualTo(failedBefore + 1);
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), flow.requestId)).isEmpty();
    }

    // ------------------------------------------------------------------ pending reminder

    @Test
    void the_pending_reminder_goes_to_requester_and_contact_cc_tam_and_says_when_the_request_will_be_closed() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.pendingReminder(RequestFlow.CLOSES_AT));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Reminder: your upgrade request is waiting for your answer");
        assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("Hello Dana Ops,", "(ticket " + flow.ticketId + ") still needs your answer",
                "since Thursday, 3 December 2026, 04:41 EST (America/New_York) / Thursday, 3 December 2026, 09:41 UTC",
                "the request will be closed on Thursday, 17 December 2026, 04:41 EST (America/New_York) / "
                        + "Thursday, 17 December 2026, 09:41 UTC", "an update reopens it");
        assertThat(Mails.html(mail)).contains("Thursday, 17 December 2026, 04:41 EST (America/New_York)");
        assertThat(Mails.one(flow.tam).messageId()).isEqualTo(mail.messageId());
        settled(flow, 1);
        assertThat(ofTicket("alice@gitlab.example", flow)).isEmpty(); // the assignee is not told
    }

    @Test
    void without_auto_close_the_pending_reminder_has_no_close_line() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.pendingReminder(null));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(Mails.text(mail)).contains("still needs your answer").doesNotContain("closed")
                .doesNotContain("17 December").doesNotContain("reopens");
        assertThat(Mails.html(mail)).contains("still needs your answer").doesNotContain("closed");
    }

    @Test
    void on_the_us_government_instance_no_reminder_or_closing_copies_the_tam() {
        RequestFlow flow = RequestFlow.usFederal();

        TestKafka.publish(flow.pendingReminder(RequestFlow.CLOSES_AT));
        TestKafka.publish(flow.onHoldRecheck("alice", Region.AMER));
        TestKafka.publish(flow.callReminder());
        TestKafka.publish(flow.closed(RequestClosed.Reason.NO_RESPONSE, "system"));

        List<Mailbox.Mail> mails = Mails.awaitCount(flow.requester, 4);
        assertThat(mails).hasSize(4).allSatisfy(mail -> {
            assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
            assertThat(mail.cc()).isEmpty();
            assertThat(Mails.headers(mail)).doesNotContainIgnoringCase("\nCc:").doesNotContain(flow.tam);
        });
        settled(flow, 6);
        assertThat(Mails.of(flow.tam)).isEmpty();
    }

    // ------------------------------------------------------------------ on-hold re-check

    @Test
    void the_on_hold_recheck_asks_the_customer_for_the_outcome_and_the_assignee_to_follow_up() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.onHoldRecheck("alice", Region.AMER));

        Mailbox.Mail customer = Mails.one(flow.requester);
        assertThat(customer.subject()).isEqualTo("[" + flow.ticketId + "] Reminder: please tell us how your upgrade went");
        assertThat(customer.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(customer.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(customer)).contains("was planned to end on Sunday, 13 December 2026, 02:00 EST "
                + "(America/New_York) / Sunday, 13 December 2026, 07:00 UTC", "Please report the outcome of the upgrade");

        Mailbox.Mail engineer = onlyOne("alice@gitlab.example", flow);
        assertThat(engineer.subject()).isEqualTo("[" + flow.ticketId + "] No upgrade outcome yet: please follow up");
        assertThat(engineer.to()).containsExactly("alice@gitlab.example");
        assertThat(engineer.cc()).isEmpty();
        assertThat(Mails.text(engineer)).contains("Hello alice,", "request " + flow.requestId,
                "ended on Sunday, 13 December 2026, 07:00 UTC / Sunday, 13 December 2026, 02:00 EST (America/New_York)",
                "Please follow up with them.");
        settled(flow, 2);
        assertThat(Mails.of(flow.requester)).hasSize(1);
        assertThat(ofTicket("bob@gitlab.example", flow)).isEmpty();
    }

    @Test
    void an_unassigned_on_hold_recheck_goes_to_the_regions_upgrade_focus_engineers() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.onHoldRecheck(null, Region.EMEA));

        Mailbox.Mail engineer = onlyOne("bob@gitlab.example", flow);
        assertThat(engineer.to()).containsExactly("bob@gitlab.example");
        assertThat(Mails.text(engineer)).contains("Hello Upgrade-focus engineers of EMEA,", "08:00 CET (Europe/Berlin)");
        assertThat(Mails.one(flow.requester).subject()).contains("please tell us how your upgrade went");
        settled(flow, 2);
        assertThat(ofTicket("dmitri@gitlab.example", flow)).isEmpty();
    }

    // ------------------------------------------------------------------ call reminder

    @Test
    void the_call_reminder_goes_to_the_customer_in_their_zone_and_to_the_engineer_in_theirs() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.callReminderWithChandra());

        Mailbox.Mail customer = Mails.one(flow.requester);
        assertThat(customer.subject()).isEqualTo("[" + flow.ticketId + "] Reminder: your upgrade review call");
        assertThat(customer.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(customer.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(customer)).contains("with chandra",
                "Start (your time zone): Tuesday, 8 December 2026, 10:00 EST (America/New_York)",
                "Start (UTC):            Tuesday, 8 December 2026, 15:00 UTC").doesNotContain("Kolkata");

        Mailbox.Mail engineer = onlyOne("chandra@gitlab.example", flow);
        assertThat(engineer.subject()).isEqualTo("[" + flow.ticketId + "] Reminder: upgrade review call with you");
        assertThat(engineer.to()).containsExactly("chandra@gitlab.example");
        assertThat(engineer.cc()).isEmpty();
        assertThat(Mails.text(engineer)).contains("Hello chandra,", "with Dana Ops",
                "Start (UTC):                  Tuesday, 8 December 2026, 15:00 UTC",
                "Start (your time zone):       Tuesday, 8 December 2026, 20:30 IST (Asia/Kolkata)",
                "Start (customer's time zone): Tuesday, 8 December 2026, 10:00 EST (America/New_York)");
        settled(flow, 2);
        assertThat(Mails.of(flow.requester)).hasSize(1);
    }

    @Test
    void the_engineer_of_a_call_unknown_to_the_directory_gets_the_reminder_at_the_events_address_in_utc() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.callReminder());

        Mailbox.Mail engineer = Mails.one(flow.engineer);
        assertThat(engineer.to()).containsExactly(flow.engineer);
        assertThat(Mails.text(engineer)).contains("Hello Sam Engineer,", "Start (UTC):").doesNotContain("Start (your time zone)");
        assertThat(Mails.one(flow.requester).subject()).contains("Reminder: your upgrade review call");
    }

    // ------------------------------------------------------------------ closing

    @Test
    void a_request_closed_for_no_response_tells_the_customer_that_an_update_reopens_it() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.closed(RequestClosed.Reason.NO_RESPONSE, "system"));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade request was closed: no response");
        assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("We closed your upgrade assistance request (ticket " + flow.ticketId + ")",
                "we did not hear back from you", "update the request with the missing information: updating it reopens it",
                "(America/New_York)", "UTC").doesNotContain("system");
        settled(flow, 1);
        assertThat(ofTicket("alice@gitlab.example", flow)).isEmpty();
    }

    @Test
    void a_request_closed_by_an_engineer_tells_the_customer_who_closed_it() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.closed(RequestClosed.Reason.ENGINEER_CLOSED, "alice"));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade request was closed");
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("alice of GitLab Support closed your upgrade assistance request (ticket "
                + flow.ticketId + ")").doesNotContain("did not hear back").doesNotContain("reopens");
        settled(flow, 1);
        assertThat(ledger.history(flow.requestId)).extracting(NotificationEntry::template)
                .containsExactly(Template.CLOSED_BY_ENGINEER);
    }

    // ------------------------------------------------------------------ once, escaping

    @Test
    void each_clock_email_goes_out_once_across_redelivery_and_republication_under_a_new_event_id() {
        RequestFlow flow = RequestFlow.request();
        SlaBreached breach = flow.slaBreached(null, Region.EMEA);
        PendingReminderDue pending = flow.pendingReminder(RequestFlow.CLOSES_AT);
        OnHoldRecheckDue onHold = flow.onHoldRecheck("alice", Region.AMER);
        CallReminderDue call = flow.callReminder();
        RequestClosed closed = flow.closed(RequestClosed.Reason.NO_RESPONSE, "system");
        Template[] templates = {Template.SLA_BREACHED, Template.PENDING_REMINDER, Template.ON_HOLD_RECHECK,
                Template.ON_HOLD_RECHECK_ENGINEER, Template.CALL_REMINDER, Template.CALL_REMINDER_ENGINEER,
                Template.CLOSED_NO_RESPONSE};
        double skippedBefore = Meters.notifications(meters, "duplicate_skipped", templates);

        for (int round = 0; round < 2; round++) { // the first delivery, then a redelivery of the same records
            TestKafka.publish(breach);
            TestKafka.publish(pending);
            TestKafka.publish(onHold);
            TestKafka.publish(call);
            TestKafka.publish(closed);
        }
        // intake raising the same timers again under new event ids
        TestKafka.publish(RequestFlow.republished(breach));
        TestKafka.publish(RequestFlow.republished(pending));
        TestKafka.publish(RequestFlow.republished(onHold));
        TestKafka.publish(RequestFlow.republished(call));
        TestKafka.publish(RequestFlow.republished(closed));
        // a later clock of the same request (the next response, another due time) is an email of its own
        TestKafka.publish(flow.slaBreached(SlaBreached.Kind.NEXT_RESPONSE, Instant.parse("2026-12-04T10:00:00Z"), null,
                Region.EMEA));

        await().atMost(Duration.ofSeconds(30)).until(() -> Meters.notifications(meters, "duplicate_skipped", templates)
                >= skippedBefore + 14);
        settled(flow, 8);
        assertThat(ledger.history(flow.requestId)).extracting(NotificationEntry::template).containsExactlyInAnyOrder(
                Template.SLA_BREACHED, Template.SLA_BREACHED, Template.PENDING_REMINDER, Template.ON_HOLD_RECHECK,
                Template.ON_HOLD_RECHECK_ENGINEER, Template.CALL_REMINDER, Template.CALL_REMINDER_ENGINEER,
                Template.CLOSED_NO_RESPONSE);
        assertThat(Meters.notifications(meters, "duplicate_skipped", templates)).isEqualTo(skippedBefore + 14);
        assertThat(Mails.awaitCount(flow.requester, 4)).hasSize(4);
        assertThat(Mails.of(flow.tam)).hasSize(4);
        assertThat(Mails.of(flow.engineer)).hasSize(1);
        assertThat(ofTicket("alice@gitlab.example", flow)).hasSize(1);
        assertThat(ofTicket("bob@gitlab.example", flow)).hasSize(2)
                .extracting(m -> Mails.text(m).contains("next response target")).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void a_customers_name_is_escaped_in_the_html_of_the_reminders_and_the_support_emails() {
        RequestFlow flow = RequestFlow.named("<script>alert('x')</script> & Co");

        TestKafka.publish(flow.pendingReminder(RequestFlow.CLOSES_AT));
        TestKafka.publish(flow.slaBreached("alice", Region.AMER));

        Mailbox.Mail customer = Mails.one(flow.requester);
        Mailbox.Mail support = onlyOne("alice@gitlab.example", flow);
        for (Mailbox.Mail mail : List.of(customer, support)) {
            assertThat(Mails.html(mail)).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co")
                    .doesNotContain("<script>");
            assertThat(Mails.text(mail)).contains("<script>alert('x')</script> & Co");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The record of this request was consumed and every email recorded for it is final (sent or failed). */
    private void settled(RequestFlow flow, int entries) {
        TestKafka.awaitConsumed(GROUP, Topics.INTAKE, flow.requestId, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).size() == entries
                && ledger.history(flow.requestId).stream().allMatch(e -> e.status() == NotificationStatus.SENT
                || e.status() == NotificationStatus.FAILED));
    }

    private static Mailbox.Mail onlyOne(String address, RequestFlow flow) {
        return Mails.onlyOneAboutTicket(address, flow.ticketId);
    }

    private static List<Mailbox.Mail> ofTicket(String address, RequestFlow flow) {
        return Mails.aboutTicket(address, flow.ticketId);
    }
}
