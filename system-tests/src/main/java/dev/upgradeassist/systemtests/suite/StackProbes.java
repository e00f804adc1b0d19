package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.kafka.KafkaProbe;
import dev.upgradeassist.systemtests.metrics.MongoCommandCounts;
import dev.upgradeassist.systemtests.report.Profiler;
import dev.upgradeassist.systemtests.stack.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the parts read from a running stack: CPU time, metrics, logs, topic sizes, health. */
public final class StackProbes {

    private static final Pattern DUPLICATE_KEY = Pattern.compile("DuplicateKeyError: .*? collection: (\\S+) index");

    private final SystemUnderTest sut;
    private final Consumer<String> log;

    public StackProbes(SystemUnderTest sut, Consumer<String> log) {
        this.sut = sut;
        this.log = log;
    }

    /** CPU milliseconds so far of every process of the stack and of the harness, by the name the report shows. */
    public Map<String, Long> cpuOfAll() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pidsOfAll().forEach((name, pid) -> cpu.put(name, Profiler.cpuMillis(pid)));
        return cpu;
    }

    /** The pid of every process of the stack and of the harness, by the name the report shows. */
    public Map<String, Long> pidsOfAll() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            pids.put(service.id(), sut.stack.process(service).pid());
        }
        pids.put("kafka", sut.stack.kafkaProcess().pid());
        pids.put("mongo", sut.stack.mongoProcess().pid());
        pids.put("mail (GreenMail: SMTP in, REST polled by the harness)", sut.stack.mailProcess().pid());
        pids.put("harness (this JVM: load, polling)", ProcessHandle.current().pid());
        return pids;
    }

    /**
     * Every service's /actuator/prometheus text ("" when it does not answer), followed by the MongoDB-protocol server's
     * counts of the commands it served on the service's database ({@link MongoCommandCounts}).
     */
    public Map<Service, String> scrapeText() {
        Map<Service, String> text = new EnumMap<>(Service.class);
        Map<String, String> commands = MongoCommandCounts.byDatabase(sut.config.mongoPort);
        for (Service service : Service.values()) {
            String own;
            try {
                own = sut.pipeline.prometheus(service);
            } catch (IOException e) {
                own = "";
            }
            text.put(service, own + "\n" + commands.getOrDefault(service.database(), ""));
        }
        return text;
    }

    /** DuplicateKeyError lines in the MongoDB-protocol server's log, by collection. */
    public Map<String, Long> duplicateKeyErrorsInMongoLog() {
        Map<String, Long> counts = new TreeMap<>();
        try (var lines = Files.lines(sut.stack.mongoProcess().log())) {
            lines.forEach(line -> {
                Matcher m = DUPLICATE_KEY.matcher(line);
                if (m.find()) {
                    counts.merge(m.group(1), 1L, Long::sum);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // no log
        }
        return counts;
    }

    /** Records in each topic of the pipeline (0 for one not created yet). */
    public Map<String, Long> topicEnds() throws Exception {
        Map<String, Long> ends = new TreeMap<>();
        for (String topic : Topics.ALL) {
            ends.put(topic, sut.kafka.topicExists(topic) ? sut.kafka.recordCount(topic) : 0);
        }
        return ends;
    }

    /**
     * Records in {@code __consumer_offsets}: one per partition in each offset commit of a consumer group (the
     * services' and the harness's; the harness's topic reader commits none), or -1 when it cannot be read.
     */
    public long offsetRecords() {
        try {
            // described by name: the topic listing leaves internal topics out
            return sut.kafka.recordCount("__consumer_offsets");
        } catch (Exception e) {
            log.accept("  could not read __consumer_offsets' end offsets: " + e);
            return -1;
        }
    }

    /** Records in the dead-letter topics of every consumed topic. */
    public double deadLettered() throws Exception {
        long records = 0;
        for (String topic : KafkaProbe.CONSUMED) {
            String dlt = Topics.deadLetter(topic);
            if (sut.kafka.topicExists(dlt)) {
                records += sut.kafka.recordCount(dlt);
            }
        }
        return records;
    }

    /** Waits until every service answers UP; returns the milliseconds that took. */
    public long awaitAllHealthy(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        for (Service service : Service.values()) {
            while (!sut.stack.healthy(service) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Empties GreenMail after a part (its mail was checked), so that the next part starts with empty mailboxes. */
    public void purgeMail() {
        try {
            sut.mail.purge();
            sut.archive.newLifetime();
        } catch (IOException e) {
            log.accept("  GreenMail purge failed: " + e);
        }
    }
}
