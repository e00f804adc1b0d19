package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.notification.CommandCounts;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An email of an event that does not say the request's form (on hold) copies the TAM only when the request is not of
 * the US Government instance, as an earlier event said: what this instance learned from that event is not read again.
 */
@IntegrationTest
class FormReadsIT {

    @Autowired
    MongoTemplate mongo;

    @Test
    void the_form_an_earlier_email_of_the_request_said_is_not_read_from_the_milestones_again() {
        RequestFlow flow = RequestFlow.request();
        // as the portal sends it: the submission names the form
        UpgradeSubmission standard = new UpgradeSubmission(Form.STANDARD, null, null, null, Region.AMER, null, null,
                null, null, null, null, null, null, null, null, null, null);
        TestKafka.publish(new RequestReceived(UUID.randomUUID().toString(), Instant.now(), flow.requestId,
                flow.ticketId, 1, "HIGH", standard, null, flow.contact()));
        Mails.awaitCount(flow.tam, 1);
        long before = milestoneReads();

        TestKafka.publish(flow.onHold());

        assertThat(Mails.awaitCount(flow.tam, 2)).as("on hold copies the TAM").hasSize(2);
        assertThat(milestoneReads() - before).as("request_milestones reads for the on-hold email").isZero();
    }

    /** The {@code request_milestones} finds the MongoDB-protocol server served on this test's database so far. */
    private long milestoneReads() {
        return CommandCounts.served(mongo, "request_milestones", "find");
    }
}
