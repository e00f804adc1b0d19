package dev.upgradeassist.localstack;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code kafka TOOL [args]}: runs one of Kafka's own command-line tools in this JVM against the local broker. */
final class KafkaTools {

    static final Map<String, String> KAFKA_TOOLS = Map.of(
            "topics", "org.apache.kafka.tools.TopicCommand",
            "consumer-groups", "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
            "console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer",
            "console-producer", "org.apache.kafka.tools.ConsoleProducer",
            "get-offsets", "org.apache.kafka.tools.GetOffsetShell");

    private final StackPorts ports;
    private final LauncherConsole console;

    KafkaTools(StackPorts ports, LauncherConsole console) {
        this.ports = ports;
        this.console = console;
    }

    int run(List<String> toolArgs) {
        if (toolArgs.isEmpty() || !KAFKA_TOOLS.containsKey(toolArgs.get(0))) {
            console.fail("usage: ./run-local.sh kafka topics|consumer-groups|console-consumer|console-producer|get-offsets [args]");
            return 1;
        }
        List<String> rest = kafkaToolArgs(toolArgs.subList(1, toolArgs.size()), ports.kafka());
        try {
            Class.forName(KAFKA_TOOLS.get(toolArgs.get(0))).getMethod("main", String[].class)
                    .invoke(null, (Object) rest.toArray(String[]::new));
            return 0;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Kafka's tools are not on the classpath: " + e, e);
        }
    }

    /** The tool's arguments with {@code --bootstrap-server localhost:<kafka>} first unless they name one. */
    static List<String> kafkaToolArgs(List<String> args, int kafkaPort) {
        if (args.stream().anyMatch(a -> a.startsWith("--bootstrap-server"))) {
            return args;
        }
        return Stream.concat(Stream.of("--bootstrap-server", "localhost:" + kafkaPort), args.stream()).toList();
    }
}
