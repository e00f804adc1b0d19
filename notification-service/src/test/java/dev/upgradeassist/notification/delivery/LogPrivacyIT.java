package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.Smtp;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import dev.upgradeassist.notification.ledger.NotificationHistory;
import dev.upgradeassist.notification.ledger.NotificationStatus;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's log names an email by its key, template and attempt count and a failure by its exception class and
 * SMTP reply code: never an address (personal data) nor the text an SMTP server sent back.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyIT {

    @Autowired
    NotificationHistory ledger;

    @Test
    void a_recipient_the_smtp_server_refuses_is_logged_without_its_address_or_the_servers_text(CapturedOutput output) {
        assumeThat(Smtp.inJvm()).as("needs the in-JVM GreenMail").isTrue();
        RequestFlow flow = RequestFlow.request();
        Smtp.refuse(flow.contactEmail, "550 5.1.1 <" + flow.contactEmail + ">: unknown user SERVER-TEXT-" + flow.ticketId);

        TestKafka.publish(flow.received());

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.history(flow.requestId).stream()
                .anyMatch(e -> e.lastError() != null && e.lastError().contains("550")));
        String key = ledger.history(flow.requestId).stream().filter(e -> e.to().contains(flow.requester))
                .findFirst().orElseThrow().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> serviceLog(output).contains(key));
        assertThat(serviceLog(output)).contains("550")
                .doesNotContain(flow.contactEmail).doesNotContain(flow.requester).doesNotContain(flow.tam)
                .doesNotContain("SERVER-TEXT").doesNotContain("unknown user");
    }

    @Test
    void an_address_dropped_for_its_syntax_is_logged_without_the_address(CapturedOutput output) {
        RequestFlow flow = RequestFlow.request();
        String bad = "dropped-" + flow.ticketId + "@@acme.example";
        CustomerContact contact = flow.contact(bad, flow.contactEmail);

        TestKafka.publish(flow.received(contact));

        Mails.one(flow.contactEmail);
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).stream()
                .anyMatch(e -> e.status() == NotificationStatus.FAILED));
        NotificationEntry dropped = ledger.history(flow.requestId).stream()
                .filter(e -> e.status() == NotificationStatus.FAILED).findFirst().orElseThrow();
        assertThat(dropped.lastError()).contains(bad); // the ledger (and the API) say which address it was
        await().atMost(Duration.ofSeconds(10)).until(() -> serviceLog(output).contains(dropped.id()));
        assertThat(serviceLog(output)).doesNotContain("dropped-" + flow.ticketId)
                .doesNotContain(flow.contactEmail).doesNotContain(flow.tam);
    }

    @Test
    void the_manage_link_of_a_call_is_never_logged(CapturedOutput output) {
        RequestFlow flow = RequestFlow.request();
        String token = flow.manageUrl.substring(flow.manageUrl.lastIndexOf('/') + 1);

        TestKafka.publish(flow.callBookedWithInvitation());
        TestKafka.publish(flow.callRescheduled(1, RequestFlow.BOOKED_START, RequestFlow.MOVED_START));

        Mails.awaitCount(flow.requester, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).stream()
                .filter(e -> e.status() == NotificationStatus.SENT).count() == 4);
        String key = ledger.history(flow.requestId).get(0).id();
        await().atMost(Duration.ofSeconds(10)).until(() -> serviceLog(output).contains(key));
        assertThat(serviceLog(output)).doesNotContain(token).doesNotContain(flow.requester);
    }

    @Test
    void the_customers_request_page_token_is_never_logged(CapturedOutput output) {
        RequestFlow flow = RequestFlow.request();
        // the seed profile's dev secret (as intake-service derives the same token)
        String token = new CustomerPageTokens("dev-customer-page-secret-for-the-local-stack-only").tokenFor(flow.requestId);

        TestKafka.publish(flow.received());
        TestKafka.publish(flow.approved());

        assertThat(Mails.awaitCount(flow.requester, 2)).allSatisfy(mail -> assertThat(Mails.text(mail)).contains(token));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.history(flow.requestId).stream()
                .filter(e -> e.status() == NotificationStatus.SENT).count() == 2);
        for (NotificationEntry entry : ledger.history(flow.requestId)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> serviceLog(output).contains(entry.id()));
        }
        assertThat(serviceLog(output)).doesNotContain(token).doesNotContain("/r/");
    }

    /** What the application logged: the test's own in-JVM mail server (GreenMail) logs what it receives. */
    private static String serviceLog(CapturedOutput output) {
        return Arrays.stream(output.getAll().split("\\R"))
                .filter(line -> !line.contains("com.icegreen") && !line.contains("c.i.greenmail") && !line.contains("c.i.g."))
                .collect(Collectors.joining("\n"));
    }
}
