package dev.upgradeassist.systemtests.baseline;

import dev.upgradeassist.systemtests.stack.ManagedProcess;
import dev.upgradeassist.systemtests.stack.StackConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own performance tools ({@code org.apache.kafka.tools.ProducerPerformance} and
 * {@code ConsumerPerformance} from kafka-tools on the local-stack classpath), run as separate
 * processes against the stack's broker: the ceiling the pipeline is measured against.
 */
public final class KafkaPerf {

    /** ProducerPerformance's summary line. */
    public record ProducerResult(String command, long records, double recordsPerSec, double mbPerSec, double avgMs,
                                 double maxMs, double p50Ms, double p95Ms, double p99Ms, double p999Ms) {
    }

    /** ConsumerPerformance's result row. */
    public record ConsumerResult(String command, long messages, double mbPerSec, double messagesPerSec, long fetchMillis) {
    }

    private static final Pattern PRODUCER = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    private final StackConfig stack;

    public KafkaPerf(StackConfig stack) {
        this.stack = stack;
    }

    public ProducerResult produce(String topic, long records, int recordSize, int throughput, List<String> extraProps)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-Xmx512m", "-cp", stack.launcherClasspath(),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", Integer.toString(throughput),
                "--producer-props", "bootstrap.servers=" + stack.bootstrapServers(), "acks=all"));
        args.addAll(extraProps);
        String out = run("producer-perf", args, Duration.ofMinutes(8));
        String command = display(args);
        Matcher m = PRODUCER.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary:\n" + tail(out));
        }
        m = PRODUCER.matcher(last);
        m.find();
        return new ProducerResult(command, Long.parseLong(m.group(1)), d(m.group(2)), d(m.group(3)), d(m.group(4)),
                d(m.group(5)), d(m.group(6)), d(m.group(7)), d(m.group(8)), d(m.group(9)));
    }

    public ConsumerResult consume(String topic, long messages, String group) throws IOException {
        List<String> args = List.of("-Xmx512m", "-cp", stack.launcherClasspath(), "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", stack.bootstrapServers(), "--topic", topic, "--messages", Long.toString(messages),
                "--group", group, "--timeout", "60000");
        String out = run("consumer-perf", args, Duration.ofMinutes(8));
        // header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
        //         rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        for (String line : out.split("\n")) {
            String[] cols = line.split(",\\s*");
            if (cols.length >= 10 && cols[0].matches("\\d{4}-.*")) {
                return new ConsumerResult(display(args), Long.parseLong(cols[4].trim()), d(cols[3]), d(cols[5]),
                        Long.parseLong(cols[7].trim()));
            }
        }
        throw new IllegalStateException("ConsumerPerformance printed no result:\n" + tail(out));
    }

    private String run(String name, List<String> args, Duration timeout) throws IOException {
        Path log = stack.workDir.resolve("logs").resolve(name + "-" + System.nanoTime() + ".log");
        ManagedProcess process = ManagedProcess.startJava(name, args, log, stack.workDir);
        if (!process.waitFor(timeout)) {
            process.kill9();
            throw new IllegalStateException(name + " did not finish within " + timeout);
        }
        return Files.readString(log);
    }

    /** The command as a reader would type it (classpath shortened). */
    private static String display(List<String> args) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-cp")) {
                shown.add("-cp local-stack/target/local-stack.jar:$(cat local-stack/target/classpath.txt)");
                i++;
            } else {
                shown.add(args.get(i).contains("127.0.0.1:") ? args.get(i).replaceAll("127\\.0\\.0\\.1:\\d+", "<broker>") : args.get(i));
            }
        }
        return "java " + String.join(" ", shown);
    }

    private static double d(String s) {
        return Double.parseDouble(s.trim());
    }

    private static String tail(String out) {
        return out.length() > 3000 ? out.substring(out.length() - 3000) : out;
    }
}
