package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.testing.TestEvents;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * review-service's re-check of an approved plan after the upgrade-path data changed ({@code ChangesRequested} with
 * {@code requestedBy} "review-service"): besides the customer's {@code changes_requested}, one email to Support
 * ({@code plan_recheck_engineer}): the assignee, else the region's Upgrade-focus engineers (alice AMER, bob EMEA,
 * chandra APAC; dmitri EMEA is not Upgrade-focus), once per event. An engineer's own request for changes tells no one in
 * Support. The seeded engineers' mailboxes are shared by every test, so those are read by the ticket id in the subject.
 */
@IntegrationTest
class PlanRecheckIT {

    private static final String GROUP = "notification-service";

    @Autowired
    NotificationHistory ledger;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

    @Test
    void the_assignee_is_told_once_with_the_request_the_new_deficiencies_and_the_window_start_even_when_delivered_twice() {
        RequestFlow flow = RequestFlow.request();
        ChangesRequested recheck = recheck(flow, "alice", Region.AMER);
        double skippedBefore = Meters.notifications(meters, "duplicate_skipped", Template.PLAN_RECHECK_ENGINEER);

        TestKafka.publish(flow.approved()); // revision 1, upgrade start 2026-12-13T03:00Z (22:00 New York)
        TestKafka.publish(recheck);
        TestKafka.publish(recheck); // a redelivery of the same record

        Mailbox.Mail mail = onlyOne("alice@gitlab.example", flow);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Upgrade-path data changed: an approved plan needs changes");
        assertThat(mail.to()).containsExactly("alice@gitlab.example");
        assertThat(mail.cc()).isEmpty();
        String text = Mails.text(mail);
        assertThat(text).contains("Hello alice,",
                "GitLab's upgrade-path data has changed, and the approved upgrade plan of ticket " + flow.ticketId
                        + " (request " + flow.requestId + ", revision 1) no longer fits it.",
                "the customer (Dana Ops) has been asked to amend it",
                "Window start:   Sunday, 13 December 2026, 03:00 UTC / Saturday, 12 December 2026, 22:00 EST (America/New_York)",
                "* REQUIRED_STOP_MISSED: The plan skips the required stop 19.2.",
                "* KNOWN_BAD_PATCH: 18.11.7 has a known problem: use 18.11.9 or later.",
                "Required stops now: 18.11.9, 19.2.1")
                .doesNotContain("Upgrade-focus");
        assertThat(Mails.html(mail)).contains("REQUIRED_STOP_MISSED", "The plan skips the required stop 19.2.",
                "22:00 EST (America/New_York)");
        // no customer address in Support's email (the name only, as the other Support emails)
        assertThat(mail.raw()).doesNotContain(flow.requester).doesNotContain(flow.contactEmail).doesNotContain(flow.tam);

        settled(flow, 3); // plan_approved, changes_requested, plan_recheck_engineer
        assertThat(ledger.history(flow.requestId)).extracting(NotificationEntry::template).containsExactlyInAnyOrder(
                Template.PLAN_APPROVED, Template.CHANGES_REQUESTED, Template.PLAN_RECHECK_ENGINEER);
        await().atMost(Duration.ofSeconds(20)).until(() -> Meters.notifications(meters, "duplicate_skipped",
                Template.PLAN_RECHECK_ENGINEER) >= skippedBefore + 1);
        assertThat(Meters.notifications(meters, "duplicate_skipped", Template.PLAN_RECHECK_ENGINEER))
                .isEqualTo(skippedBefore + 1);
        assertThat(ofTicket("alice@gitlab.example", flow)).hasSize(1);
        List<Mailbox.Mail> customer = Mails.awaitCount(flow.requester, 2);
        assertThat(customer).extracting(Mailbox.Mail::subject).containsExactlyInAnyOrder(
                "[" + flow.ticketId + "] Your upgrade plan was reviewed and approved",
                "[" + flow.ticketId + "] Changes requested to your upgrade plan");
        for (String other : List.of("bob@gitlab.example", "chandra@gitlab.example", "dmitri@gitlab.example")) {
            assertThat(ofTicket(other, flow)).as(other).isEmpty();
        }
    }

    @Test
    void an_unassigned_request_is_told_to_the_regions_upgrade_focus_engineers() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(recheck(flow, null, Region.EMEA)); // no approval seen: the window start is not known

        Mailbox.Mail mail = onlyOne("bob@gitlab.example", flow);
        assertThat(mail.to()).containsExactly("bob@gitlab.example");
        assertThat(Mails.text(mail)).contains("Hello Upgrade-focus engineers of EMEA,",
                "Window start:   not known to Upgrade Assist's emails (see the request)",
                "You receive this because the request is not assigned: one of you please pick it up.",
                "* REQUIRED_STOP_MISSED: The plan skips the required stop 19.2.");
        settled(flow, 2);
        assertThat(ofTicket("dmitri@gitlab.example", flow)).isEmpty();
        assertThat(ofTicket("alice@gitlab.example", flow)).isEmpty();
        assertThat(Mails.one(flow.requester).subject()).isEqualTo("[" + flow.ticketId + "] Changes requested to your upgrade plan");
    }

    @Test
    void an_unknown_assignee_without_a_region_fails_only_supports_email_with_the_reason_and_the_next_record_flows() {
        RequestFlow flow = RequestFlow.request();
        double failedBefore = Meters.notifications(meters, "failed", Template.PLAN_RECHECK_ENGINEER);

        TestKafka.publish(recheck(flow, "zoe", null));
        TestKafka.publish(flow.declined());

        Mails.awaitCount(flow.requester, 2);
        settled(flow, 3);
        NotificationEntry failed = ledger.history(flow.requestId).stream()
                .filter(e -> e.status() == NotificationStatus.FAILED).findFirst().orElseThrow();
        assertThat(failed.template()).isEqualTo(Template.PLAN_RECHECK_ENGINEER);
        assertThat(failed.to()).isEmpty();
        assertThat(failed.lastError()).isEqualTo("no recipient: its assignee is not in the engineer directory "
                + "(upgrade-assist.notification.engineers) and the directory has no Upgrade-focus engineer for region (none given)");
        assertThat(Meters.notifications(meters, "failed", Template.PLAN_RECHECK_ENGINEER)).isEqualTo(failedBefore + 1);
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), flow.requestId)).isEmpty();
    }

    @Test
    void an_engineers_own_request_for_changes_tells_no_one_in_support() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(TestEvents.changesRequested().requestId(flow.requestId).revision(2).requestedBy("alice")
                .assignee("alice").region(Region.AMER).contact(flow.contact()).build());

        assertThat(Mails.one(flow.requester).subject()).isEqualTo("[" + flow.ticketId + "] Changes requested to your upgrade plan");
        settled(flow, 1);
        assertThat(ledger.history(flow.requestId)).extracting(NotificationEntry::template)
                .containsExactly(Template.CHANGES_REQUESTED);
        for (String engineer : List.of("alice@gitlab.example", "bob@gitlab.example", "chandra@gitlab.example")) {
            assertThat(ofTicket(engineer, flow)).as(engineer).isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** review-service's re-check of revision 1: a missed stop and a known-bad patch, the automatic checks' codes only. */
    private static ChangesRequested recheck(RequestFlow flow, String assignee, Region region) {
        return TestEvents.changesRequested().requestId(flow.requestId).revision(1).requestedBy("review-service")
                .assignee(assignee).region(region).contact(flow.contact())
                .feedback("GitLab's upgrade-path data changed (version 2026-12-02.1): your approved plan no longer fits it.")
                .deficiencies(List.of(
                        new Deficiency("REQUIRED_STOP_MISSED", "upgradePath", "The plan skips the required stop 19.2.",
                                "Add a hop to the latest 19.2 patch."),
                        new Deficiency("KNOWN_BAD_PATCH", "upgradePath",
                                "18.11.7 has a known problem: use 18.11.9 or later.", "Use 18.11.9 or later.")))
                .requiredStops(List.of("18.11.9", "19.2.1"))
                .build();
    }

    @Test
    void an_approval_and_its_recheck_in_one_poll_tell_the_window_the_approval_deferred() {
        RequestFlow flow = RequestFlow.request();

        // the approval's window waits with the poll's writes; the re-check reads it before they are made
        dev.upgradeassist.notification.Polls.whilePaused(listeners, () -> {
            TestKafka.publish(flow.approved());
            TestKafka.publish(recheck(flow, "alice", Region.AMER));
        });

        assertThat(Mails.text(onlyOne("alice@gitlab.example", flow))).contains(
                "Window start:   Sunday, 13 December 2026, 03:00 UTC / Saturday, 12 December 2026, 22:00 EST (America/New_York)");
        settled(flow, 3);
    }

    /** The record of this request was consumed and every email recorded for it is final (sent or failed). */
    private void settled(RequestFlow flow, int entries) {
        TestKafka.awaitConsumed(GROUP, Topics.REVIEW, flow.requestId, Duration.ofSeconds(30));
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
