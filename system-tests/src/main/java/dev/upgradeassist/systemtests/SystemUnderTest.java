package dev.upgradeassist.systemtests;

import dev.upgradeassist.systemtests.http.Http;
import dev.upgradeassist.systemtests.http.MailApi;
import dev.upgradeassist.systemtests.http.Pipeline;
import dev.upgradeassist.systemtests.kafka.KafkaProbe;
import dev.upgradeassist.systemtests.kafka.LagMonitor;
import dev.upgradeassist.systemtests.load.EventSignals;
import dev.upgradeassist.systemtests.load.LoadGenerator;
import dev.upgradeassist.systemtests.load.Submissions;
import dev.upgradeassist.systemtests.load.Tracker;
import dev.upgradeassist.systemtests.metrics.OpsMetrics;
import dev.upgradeassist.systemtests.stack.HarnessStack;
import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.stack.StackConfig;
import dev.upgradeassist.systemtests.verify.MailArchive;
import dev.upgradeassist.systemtests.verify.Verifier;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Everything a system test works with: the stack's processes, the public API, GreenMail's REST
 * API, the broker's admin API, the load generator and the checks. {@link #close()} stops every
 * process (and a JVM shutdown hook kills whatever is left, even when the test fails).
 */
public final class SystemUnderTest implements AutoCloseable {

    public final StackConfig config;
    public final HarnessStack stack;
    public final Http http = new Http(Duration.ofSeconds(30));
    public final Pipeline pipeline;
    public final MailApi mail;
    public final MailArchive archive;
    public final String runTag;
    public final Consumer<String> log;
    public KafkaProbe kafka;
    public LagMonitor lag;
    /** The topics' signals that gate the tracker's polls; null with {@code -Dsystemtests.pollGate=false}. */
    public EventSignals signals;
    public Tracker tracker;
    public Submissions submissions;
    public LoadGenerator load;
    public Verifier verifier;

    public SystemUnderTest(StackConfig config, String runTag, Consumer<String> log) {
        this.config = config;
        this.runTag = runTag;
        this.stack = new HarnessStack(config).logTo(log);
        this.pipeline = new Pipeline(config, http);
        this.mail = new MailApi(config, http);
        this.archive = new MailArchive(mail);
        this.log = log;
    }

    public static Consumer<String> consoleLog() {
        return line -> System.out.println(LocalTime.now().withNano(0) + " " + line);
    }

    /** Kafka, MongoDB protocol, GreenMail; then the probes that need the broker. */
    public void startInfrastructure(Duration timeout) {
        log.accept("Starting Kafka :" + config.kafkaPort + ", MongoDB protocol :" + config.mongoPort + ", GreenMail SMTP :"
                + config.smtpPort + " REST :" + config.mailApiPort + " (work dir " + config.workDir + ")");
        stack.startInfrastructure(timeout);
        kafka = new KafkaProbe(config.bootstrapServers());
        lag = new LagMonitor(kafka, 1_000);
    }

    /** After the services are up: the load generator and the checks (asks review for the required stops). */
    public void prepareLoad(int leadDays, int trackerThreads, Duration giveUpAfter) throws IOException {
        List<String> stops = pipeline.requiredStops(Submissions.FROM, Submissions.TO);
        submissions = new Submissions(stops, Submissions.today(), leadDays, "load.example");
        log.accept("Complete requests go " + Submissions.FROM + " → " + String.join(" → ", submissions.hops())
                + ", window " + submissions.windowStart() + " " + Submissions.TIME_ZONE);
        if (Boolean.parseBoolean(System.getProperty("systemtests.pollGate", "true"))) {
            signals = new EventSignals(config.bootstrapServers());
        }
        tracker = new Tracker(pipeline, mail, trackerThreads, giveUpAfter, signals);
        load = new LoadGenerator(pipeline, submissions, tracker, runTag, giveUpAfter);
        verifier = new Verifier(pipeline, archive, kafka, log);
    }

    /** Replays every consumed topic from EARLIEST on every service that consumes it. */
    public void replayEverything() throws IOException {
        for (Service service : Service.values()) {
            for (String topic : service.consumes()) {
                Http.Response response = pipeline.replay(service, topic, "EARLIEST");
                if (response.status() != 202) {
                    throw new IOException("replay of " + topic + " on " + service.id() + ": HTTP " + response.status()
                            + " " + response.body());
                }
            }
        }
    }

    /** Metric names that a dashboard or alert queries but no service exports: name → where it is used. */
    public Map<String, Set<String>> unexportedOpsMetrics(Map<Service, Set<String>> exportedByService) throws IOException {
        Set<String> exported = new TreeSet<>();
        exportedByService.values().forEach(exported::addAll);
        Map<String, Set<String>> missing = new TreeMap<>();
        OpsMetrics.referenced(config.repo).forEach((name, uses) -> {
            if (!exported.contains(name)) {
                missing.put(name, uses);
            }
        });
        return missing;
    }

    public Map<Service, Set<String>> scrapeAll() throws IOException {
        Map<Service, Set<String>> names = new java.util.EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            names.put(service, OpsMetrics.exported(pipeline.prometheus(service)));
        }
        return names;
    }

    @Override
    public void close() {
        if (tracker != null) {
            tracker.close();
        }
        if (signals != null) {
            signals.close();
        }
        if (load != null) {
            load.close();
        }
        if (lag != null) {
            lag.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        stack.close();
    }
}
