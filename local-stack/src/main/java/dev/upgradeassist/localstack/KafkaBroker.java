package dev.upgradeassist.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one JVM),
 * started from the Maven artifacts whose version the Spring Boot BOM manages.
 *
 * <p>Options ({@code --name=value} or {@code -Dlocalstack.name=value}):
 * {@code data-dir} (default {@code .local-stack/kafka}), {@code host} (127.0.0.1),
 * {@code port} (9092), {@code controller-port} (9093).
 *
 * <p>The log directory is formatted once; data and committed offsets survive restarts.
 * SIGTERM runs Kafka's own controlled shutdown.
 */
public final class KafkaBroker {

    private static final String APPEND_LINGER_CONFIG = "group.coordinator.append.linger.ms";

    private KafkaBroker() {
    }

    public static void main(String[] args) throws IOException {
        LauncherOptions options = new LauncherOptions(args);
        Path dataDir = options.getPath("data-dir", ".local-stack/kafka");
        String host = options.get("host", "127.0.0.1");
        int port = options.getInt("port", 9092);
        int controllerPort = options.getInt("controller-port", 9093);

        Path logDir = dataDir.resolve("data");
        Files.createDirectories(logDir);
        Path config = dataDir.resolve("server.properties");
        writeConfig(config, serverProperties(logDir, host, port, controllerPort));

        if (Files.notExists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Map<String, String> serverProperties(Path logDir, String host, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "3");
        // one broker: every replication factor and min ISR is 1
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // low latency for a low-volume local pipeline
        p.put("group.initial.rebalance.delay.ms", "0");
        if (configExists(APPEND_LINGER_CONFIG)) {
            p.put(APPEND_LINGER_CONFIG, "0");
        }
        // keep every event: rebuilding a read model replays the topics from offset 0
        p.put("log.retention.ms", "-1");
        return p;
    }

    private static boolean configExists(String name) {
        try {
            Class<?> configs = Class.forName("org.apache.kafka.coordinator.group.GroupCoordinatorConfig");
            Object def = configs.getField("CONFIG_DEF").get(null);
            return ((org.apache.kafka.common.config.ConfigDef) def).names().contains(name);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return false;
        }
    }

    private static void writeConfig(Path file, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder("# written by dev.upgradeassist.localstack.KafkaBroker on every start\n");
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    private static void format(Path config) {
        String clusterId = Uuid.randomUuid().toString();
        PrintStream out = System.out;
        int code = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", config.toString()}, out);
        if (code != 0) {
            throw new IllegalStateException("formatting the Kafka log dir failed with code " + code);
        }
        out.println("Formatted Kafka log dir for cluster " + clusterId);
    }
}
