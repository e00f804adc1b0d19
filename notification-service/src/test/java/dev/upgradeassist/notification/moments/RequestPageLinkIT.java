package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the real pipeline (Kafka, the ledger, SMTP): every email delivered to a customer carries the link of the
 * customer's page of its request, {@code <web base URL>/r/<token>} (the token as intake-service derives and stores it,
 * under the same secret: the {@code seed} profile's dev secret here), the approval also its runbook; Support's emails
 * carry the console's page of the request and never the customer's link.
 */
@IntegrationTest
class RequestPageLinkIT {

    /** The platform's dev secret of the {@code local} and {@code seed} profiles (the tests run with {@code seed}). */
    private static final String DEV_SECRET = "dev-customer-page-secret-for-the-local-stack-only";
    /** The default of {@code upgrade-assist.notification.web-base-url}: the web module of the local stack. */
    private static final String WEB = "http://localhost:8085";

    private static String pageOf(RequestFlow flow) {
        return WEB + "/r/" + new CustomerPageTokens(DEV_SECRET).tokenFor(flow.requestId);
    }

    @Test
    void the_received_email_delivered_to_requester_contact_and_tam_links_the_customers_request_page() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.received());

        Mailbox.Mail mail = Mails.one(flow.requester);
        String page = pageOf(flow);
        assertThat(page).matches("http://localhost:8085/r/[A-Za-z0-9_-]{43}");
        assertThat(Mails.text(mail)).contains(
                "Your request page (status, what is missing, the conversation, reply): " + page + "\n");
        assertThat(Mails.html(mail)).contains("<a href=\"" + page + "\">" + page + "</a>");
        assertThat(Mails.headers(mail)).doesNotContain("/r/");
        assertThat(Mails.text(Mails.one(flow.tam))).contains(page);
    }

    @Test
    void the_approval_links_the_request_page_and_the_runbook() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.approved());

        Mailbox.Mail mail = Mails.one(flow.contactEmail);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade plan was reviewed and approved");
        assertThat(Mails.text(mail)).contains("Your upgrade runbook: " + pageOf(flow) + "/runbook\n",
                "Your request page (status, what is missing, the conversation, reply): " + pageOf(flow) + "\n");
        assertThat(Mails.html(mail)).contains("<a href=\"" + pageOf(flow) + "/runbook\">");
    }

    @Test
    void supports_emails_link_the_console_and_never_the_customers_page() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.completed());
        TestKafka.publish(flow.customerComment("Thanks, all went well.", "alice", Region.AMER));

        String console = WEB + "/console/requests/" + flow.requestId;
        Mailbox.Mail engineer = Mails.one(flow.engineer);
        assertThat(engineer.subject()).isEqualTo("[" + flow.ticketId + "] Upgrade request completed");
        Mailbox.Mail reply = Mails.onlyOneAboutTicket("alice@gitlab.example", flow.ticketId);
        assertThat(reply.subject()).isEqualTo("[" + flow.ticketId + "] The customer replied on an upgrade request");
        for (Mailbox.Mail mail : List.of(engineer, reply)) {
            assertThat(Mails.text(mail)).contains("The request in the support console: " + console + "\n")
                    .doesNotContain("/r/");
            assertThat(Mails.html(mail)).contains("<a href=\"" + console + "\">").doesNotContain("/r/");
        }
        assertThat(Mails.text(Mails.one(flow.requester))).contains(pageOf(flow)).doesNotContain("/console/");
    }
}
