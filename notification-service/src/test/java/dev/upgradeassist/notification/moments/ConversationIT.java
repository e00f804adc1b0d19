package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.CommentAdded.Visibility;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.notification.AllMail;
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
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Comments: an engineer's PUBLIC reply goes to the customer (TAM copied, except on the US Government instance); a
 * customer's reply goes to the assignee, or to the Upgrade-focus engineers of the region (the seeded directory: alice
 * AMER, bob EMEA, chandra APAC are Upgrade-focus, dmitri EMEA is not); an INTERNAL note is in no email, no ledger entry
 * and no log. One email per comment, however often it is delivered. The seeded engineers' mailboxes are shared by
 * every test, so those are read by the ticket id in the subject.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ConversationIT {

    private static final String GROUP = "notification-service";
    private static final List<String> ROSTER = List.of("alice@gitlab.example", "bob@gitlab.example",
            "chandra@gitlab.example", "dmitri@gitlab.example");

    @Autowired
    NotificationHistory ledger;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Test
    void an_engineers_public_reply_goes_to_requester_and_contact_with_the_tam_copied_and_its_lines_kept() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.engineerComment(Visibility.PUBLIC, "Thanks for the plan.\n\nPlease also time a restore."));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] A reply from GitLab Support on your upgrade request");
        assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(mail.cc()).containsExactly(flow.tam);
        assertThat(Mails.text(mail)).contains("Hello Dana Ops,", "alice replied on your upgrade assistance request (ticket "
                        + flow.ticketId + ")", "(America/New_York)", "UTC",
                "\nThanks for the plan.\n\nPlease also time a restore.\n");
        assertThat(Mails.html(mail)).contains("<span>Thanks for the plan.</span><br><span></span><br><span>Please also time a restore.</span>");
        assertThat(Mails.one(flow.tam).messageId()).isEqualTo(mail.messageId());
    }

    @Test
    void on_the_us_government_instance_an_engineers_reply_copies_no_one() {
        RequestFlow flow = RequestFlow.usFederal();

        TestKafka.publish(flow.engineerComment(Visibility.PUBLIC, "Reply on a federal request."));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).contains("A reply from GitLab Support");
        assertThat(mail.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(mail.cc()).isEmpty();
        assertThat(Mails.headers(mail)).doesNotContainIgnoringCase("\nCc:").doesNotContain(flow.tam);
        assertThat(Mails.of(flow.tam)).isEmpty();
    }

    @Test
    void a_script_in_a_reply_is_escaped_in_the_html_and_verbatim_in_the_text() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.engineerComment(Visibility.PUBLIC, "<script>alert('x')</script>\nsecond line & more"));

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(Mails.html(mail)).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "second line &amp; more")
                .doesNotContain("<script>");
        assertThat(Mails.text(mail)).contains("<script>alert('x')</script>\nsecond line & more");
    }

    @Test
    void a_customer_reply_goes_to_the_assignee_with_ticket_request_and_text() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.customerComment("We moved the window.\nNew start: Sunday 02:00.", "chandra", Region.EMEA));

        Mailbox.Mail mail = await().atMost(Duration.ofSeconds(30)).until(() -> ofTicket("chandra@gitlab.example", flow),
                list -> list.size() == 1).get(0);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] The customer replied on an upgrade request");
        assertThat(mail.to()).containsExactly("chandra@gitlab.example");
        assertThat(mail.cc()).isEmpty();
        assertThat(Mails.text(mail)).contains("Hello chandra,", "Dana Ops", flow.ticketId, flow.requestId,
                "\nWe moved the window.\nNew start: Sunday 02:00.\n");
        assertThat(Mails.html(mail)).contains("<span>We moved the window.</span><br><span>New start: Sunday 02:00.</span>");
        // the region's Upgrade-focus engineer hears nothing of an assigned request, nor does the customer
        TestKafka.awaitConsumed(GROUP, Topics.INTAKE, flow.requestId, Duration.ofSeconds(30));
        assertThat(ofTicket("bob@gitlab.example", flow)).isEmpty();
        assertThat(Mails.of(flow.requester)).isEmpty();
        assertThat(Mails.of(flow.tam)).isEmpty();
    }

    @Test
    void an_unassigned_customer_reply_goes_to_the_upgrade_focus_engineers_of_its_region_only() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.customerComment("Anyone there?", null, Region.EMEA));

        Mailbox.Mail mail = await().atMost(Duration.ofSeconds(30)).until(() -> ofTicket("bob@gitlab.example", flow),
                list -> list.size() == 1).get(0);
        assertThat(mail.to()).containsExactly("bob@gitlab.example"); // dmitri (EMEA) has no Upgrade focus
        assertThat(Mails.text(mail)).contains("Hello Upgrade-focus engineers of EMEA,", "Anyone there?", "is not assigned");
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).stream()
                .anyMatch(e -> e.status() == NotificationStatus.SENT));
        assertThat(ofTicket("dmitri@gitlab.example", flow)).isEmpty();
        assertThat(ofTicket("alice@gitlab.example", flow)).isEmpty();
        assertThat(ofTicket("chandra@gitlab.example", flow)).isEmpty();
    }

    @Test
    void a_customer_reply_whose_assignee_the_directory_does_not_know_goes_to_the_region() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.customerComment("Hello?", "zed-who-left", Region.APAC));

        Mailbox.Mail mail = await().atMost(Duration.ofSeconds(30)).until(() -> ofTicket("chandra@gitlab.example", flow),
                list -> list.size() == 1).get(0);
        assertThat(mail.to()).containsExactly("chandra@gitlab.example");
        assertThat(Mails.text(mail)).contains("is assigned to zed-who-left, who is not in the engineer directory");
    }

    @Test
    void a_customer_reply_with_nobody_to_tell_is_recorded_failed_and_the_next_record_flows(CapturedOutput output) {
        RequestFlow flow = RequestFlow.request();
        double failedBefore = Meters.notifications(meters, "failed", Template.CUSTOMER_REPLY);
        String body = "NOBODY-" + UUID.randomUUID();

        TestKafka.publish(flow.customerComment(body, null, null)); // unassigned, no region: no Upgrade-focus engineer
        TestKafka.publish(flow.engineerComment(Visibility.PUBLIC, "Behind it."));

        assertThat(Mails.one(flow.requester).subject()).contains("A reply from GitLab Support");
        await().atMost(Duration.ofSeconds(20)).until(() -> failed(flow).size() == 1);
        NotificationEntry entry = failed(flow).get(0);
        assertThat(entry.template()).isEqualTo(Template.CUSTOMER_REPLY);
        assertThat(entry.to()).isEmpty();
        assertThat(entry.lastError()).startsWith("no recipient: the request is unassigned")
                .contains("no Upgrade-focus engineer for region (none given)");
        assertThat(Meters.notifications(meters, "failed", Template.CUSTOMER_REPLY)).isEqualTo(failedBefore + 1);
        // the ledger's entry is written before the relay publishes the event it raised
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TestKafka.events(Topics.NOTIFICATION,
                flow.requestId)).anySatisfy(r -> assertThat(r.typeId()).isEqualTo("NotificationFailed.v1")));
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), flow.requestId)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains(entry.id()));
        assertThat(output.getAll()).doesNotContain(body);
    }

    @Test
    void an_internal_note_is_in_no_email_of_any_mailbox_no_ledger_entry_no_event_and_no_log(CapturedOutput output) {
        RequestFlow flow = RequestFlow.request();
        String marker = "INTERNAL-ONLY-" + UUID.randomUUID();
        String publicMarker = "PUBLIC-REPLY-" + UUID.randomUUID();
        String customerMarker = "CUSTOMER-REPLY-" + UUID.randomUUID();

        // the note comes first; the public comments of the same request (same partition) come after it
        TestKafka.publish(flow.engineerComment(Visibility.INTERNAL, "Between us: " + marker + "\nsecond line"));
        TestKafka.publish(flow.engineerComment(Visibility.PUBLIC, "For the customer: " + publicMarker));
        TestKafka.publish(flow.customerComment("Answer: " + customerMarker, "alice", Region.AMER));

        await().atMost(Duration.ofSeconds(30)).until(() -> Mails.of(flow.requester).stream()
                .anyMatch(m -> Mails.text(m).contains(publicMarker)));
        await().atMost(Duration.ofSeconds(30)).until(() -> ofTicket("alice@gitlab.example", flow).size() == 1);
        TestKafka.awaitConsumed(GROUP, Topics.INTAKE, flow.requestId, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).size() >= 2
                && ledger.history(flow.requestId).stream().allMatch(e -> e.status() == NotificationStatus.SENT));

        List<String> everyMessage = AllMail.searchable(everyone(flow));
        // the search sees what was sent (so its finding nothing below means something)
        assertThat(everyMessage).anySatisfy(m -> assertThat(m).contains(publicMarker));
        assertThat(everyMessage).anySatisfy(m -> assertThat(m).contains(customerMarker));
        assertThat(everyMessage).noneSatisfy(m -> assertThat(m).contains(marker));
        assertThat(ledger.history(flow.requestId)).extracting(NotificationEntry::template)
                .containsExactlyInAnyOrder(Template.ENGINEER_REPLY, Template.CUSTOMER_REPLY);
        assertThat(everyStoredDocument()).anySatisfy(d -> assertThat(d).contains(publicMarker))
                .noneSatisfy(d -> assertThat(d).contains(marker));
        assertThat(TestKafka.events(Topics.NOTIFICATION, flow.requestId))
                .noneSatisfy(r -> assertThat(r.valueAsString()).contains(marker));
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    void a_comment_delivered_again_or_republished_under_a_new_event_id_is_emailed_once() {
        RequestFlow flow = RequestFlow.request();
        CommentAdded reply = flow.engineerComment(Visibility.PUBLIC, "Once only.");
        CommentAdded customer = flow.customerComment("Me too, once.", null, Region.EMEA);
        double skippedBefore = Meters.notifications(meters, "duplicate_skipped", Template.ENGINEER_REPLY,
                Template.CUSTOMER_REPLY);

        TestKafka.publish(reply);
        TestKafka.publish(customer);
        TestKafka.publish(reply);
        TestKafka.publish(RequestFlow.republished(reply));
        TestKafka.publish(customer);
        TestKafka.publish(RequestFlow.republished(customer));

        await().atMost(Duration.ofSeconds(30)).until(() -> Meters.notifications(meters, "duplicate_skipped",
                Template.ENGINEER_REPLY, Template.CUSTOMER_REPLY) >= skippedBefore + 4);
        TestKafka.awaitConsumed(GROUP, Topics.INTAKE, flow.requestId, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).stream()
                .allMatch(e -> e.status() == NotificationStatus.SENT));
        assertThat(ledger.history(flow.requestId)).hasSize(2);
        assertThat(Mails.awaitCount(flow.requester, 1)).hasSize(1);
        assertThat(Mails.of(flow.tam)).hasSize(1);
        assertThat(ofTicket("bob@gitlab.example", flow)).hasSize(1);
    }

    private List<NotificationEntry> failed(RequestFlow flow) {
        return ledger.history(flow.requestId).stream().filter(e -> e.status() == NotificationStatus.FAILED).toList();
    }

    /** The messages of a shared (seeded engineer's) mailbox that are about this request. */
    private static List<Mailbox.Mail> ofTicket(String address, RequestFlow flow) {
        return Mails.of(address).stream().filter(m -> m.subject() != null && m.subject().contains("[" + flow.ticketId + "]"))
                .toList();
    }

    /** Every address a message of this request could have gone to (the mailboxes read in docker mode). */
    private static String[] everyone(RequestFlow flow) {
        List<String> all = new ArrayList<>(ROSTER);
        all.addAll(List.of(flow.requester, flow.contactEmail, flow.tam, flow.engineer, flow.otherEngineer));
        return all.toArray(String[]::new);
    }

    /** Every document of every collection of the service's database, as JSON. */
    private List<String> everyStoredDocument() {
        List<String> documents = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            for (Document document : mongo.getCollection(collection).find()) {
                documents.add(document.toJson());
            }
        }
        return documents;
    }
}
