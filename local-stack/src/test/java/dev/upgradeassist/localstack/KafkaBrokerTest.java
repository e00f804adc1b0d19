package dev.upgradeassist.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private final Map<String, String> config =
            KafkaBroker.serverProperties(Path.of("/tmp/kafka/data"), "127.0.0.1", 9092, 9093);

    @Test
    void runs_broker_and_controller_in_one_process_on_the_local_ports() {
        assertThat(config)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("log.dirs", Path.of("/tmp/kafka/data").toString());
    }

    @Test
    void every_replication_factor_is_one_and_topics_are_created_with_three_partitions() {
        assertThat(config)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("num.partitions", "3");
    }

    @Test
    void group_coordination_does_not_wait() {
        assertThat(config)
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("group.coordinator.append.linger.ms", "0");
    }
}
