package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.notification.CommandCounts;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.Meters;
import dev.upgradeassist.notification.Polls;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger writes of a poll are made together (docs/adr/0032): the records a poll brings are recorded with one
 * milestones bulk write and one ledger insert per poll, not two writes per email; and the same records delivered
 * again send nothing and count once each as a duplicate.
 */
@IntegrationTest
class PollWritesIT {

    private static final int REQUESTS = 12;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @Test
    void the_records_of_a_poll_are_recorded_with_one_write_per_collection_and_delivered_again_send_nothing() {
        List<RequestFlow> flows = IntStream.range(0, REQUESTS).mapToObj(i -> RequestFlow.request()).toList();
        List<RequestReceived> events = flows.stream().map(RequestFlow::received).toList();

        long inserts = CommandCounts.served(mongo, "notifications", "insert");
        long upserts = CommandCounts.served(mongo, "request_milestones", "update");
        whilePaused(() -> events.forEach(TestKafka::publish));
        flows.forEach(flow -> Mails.awaitCount(flow.requester, 1));

        // one consumer for the topic's three partitions (at most one poll per partition, two if a fetch was cut
        // short); record by record this took twelve of each
        assertThat(CommandCounts.served(mongo, "notifications", "insert") - inserts).as("ledger inserts").isBetween(1L, 6L);
        assertThat(CommandCounts.served(mongo, "request_milestones", "update") - upserts).as("milestones upserts").isBetween(1L, 6L);
        for (RequestFlow flow : flows) {
            Document milestone = mongo.findById(flow.requestId, Document.class, "request_milestones");
            assertThat(milestone).as("milestones of %s", flow.requestId).isNotNull();
            assertThat(milestone.getList("keys", String.class)).hasSize(1);
            assertThat(milestone.get("submittedAt")).isNotNull();
        }

        double duplicates = Meters.duplicates(meters);
        double skipped = Meters.notifications(meters, "duplicate_skipped", Template.REQUEST_RECEIVED);
        whilePaused(() -> events.forEach(TestKafka::publish));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Meters.notifications(meters, "duplicate_skipped", Template.REQUEST_RECEIVED) >= skipped + REQUESTS);
        await().atMost(Duration.ofSeconds(10)).until(() -> Meters.duplicates(meters) >= duplicates + REQUESTS);
        assertThat(Meters.duplicates(meters)).as("once per record").isEqualTo(duplicates + REQUESTS);
        for (RequestFlow flow : flows) {
            assertThat(Mails.of(flow.requester)).as("emails to %s", flow.requester).hasSize(1);
        }
    }

    @Test
    void every_listener_container_acknowledges_manually() {
        for (MessageListenerContainer container : listeners.getAllListenerContainers()) {
            assertThat(container.getContainerProperties().getAckMode()).as(container.getListenerId())
                    .isEqualTo(ContainerProperties.AckMode.MANUAL);
        }
    }

    private void whilePaused(Runnable publish) {
        Polls.whilePaused(listeners, publish);
    }
}
