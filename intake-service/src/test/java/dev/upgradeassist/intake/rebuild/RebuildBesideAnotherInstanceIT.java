package dev.upgradeassist.intake.rebuild;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.intake.IntakeServiceApplication;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestInfrastructure;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.utils.Utils;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild on one instance while another instance of intake keeps projecting its own partitions into the live view:
 * what the other instance writes until the swap is not lost with the old collection.
 */
@IntegrationTest
class RebuildBesideAnotherInstanceIT extends IntakeApiSupport {

    private static final String REBUILD = "/api/v1/operations/rebuild-request-views";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    RequestViewRebuild rebuild;

    @Test
    void what_another_instance_projects_while_the_rebuild_swaps_is_in_the_new_live_view() {
        var infra = TestInfrastructure.get();
        try (var second = new SpringApplicationBuilder(IntakeServiceApplication.class).profiles("seed").run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoUri("test-" + System.getProperty("test.database", "upgrade-assist")),
                "--upgrade-assist.platform.tokens[" + TestTokens.OPERATOR + "]=OPERATOR",
                // one consumer per topic whose id sorts first: the range assignor gives it partition 0 of each topic
                "--spring.kafka.listener.concurrency=1",
                "--spring.kafka.consumer.client-id=a-second-instance",
                "--spring.kafka.consumer.properties.partition.assignment.strategy=" + RangeAssignor.class.getName())) {
            var secondListeners = second.getBean(KafkaListenerEndpointRegistry.class);
            await().atMost(WAIT).until(() -> ownsPartitionZero(secondListeners.getListenerContainer(
                    "intake-service-review-events")));
            // a request whose review events land on partition 0: the second instance's, not this one's
            String requestId;
            do {
                requestId = UUID.randomUUID().toString();
            } while (Utils.toPositive(Utils.murmur2(requestId.getBytes(StandardCharsets.UTF_8))) % 3 != 0);
            String id = requestId;
            rebuild.beforeSwapForTests(() -> {
                // this instance is paused and has read the topics; the other one projects a decision now
                TestKafka.publish(Events.infoMissing(id, 1, Instant.now()));
                await().atMost(WAIT).until(() -> mongo.findById(id, Document.class, "request_views") != null);
            });

            assertThat(client().post(REBUILD, TestTokens.OPERATOR, "").status()).isEqualTo(202);
            await().atMost(WAIT).until(() -> client().get(REBUILD, TestTokens.OPERATOR).json().get("state").asString(),
                    state -> !state.equals("RUNNING"));

            assertThat(client().get(REBUILD, TestTokens.OPERATOR).json().get("state").asString()).isEqualTo("DONE");
            // the decision the other instance projected before the swap is in the new live view
            Document live = mongo.findById(id, Document.class, "request_views");
            assertThat(live).as("the view the other instance wrote before the swap").isNotNull();
            assertThat(live.getString("status")).isEqualTo("AWAITING_INFO");
        } finally {
            rebuild.beforeSwapForTests(null);
        }
    }

    private static boolean ownsPartitionZero(MessageListenerContainer container) {
        return container != null && container.getAssignedPartitions() != null
                && container.getAssignedPartitions().stream().anyMatch(p -> p.partition() == 0
                && p.topic().equals(Topics.REVIEW));
    }
}
