package dev.upgradeassist.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.kafka.KafkaProbe;
import dev.upgradeassist.systemtests.load.LoadGenerator;
import dev.upgradeassist.systemtests.load.Tracked;
import dev.upgradeassist.systemtests.load.Tracker;
import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.stack.StackConfig;
import dev.upgradeassist.systemtests.verify.Verifier;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The smoke version of the system test, run by {@code ./mvnw verify} after the service jars are
 * packaged: the whole stack as real processes on ports of its own (so a developer's
 * {@code ./run-local.sh} stack is never disturbed), about a minute of load at a modest rate, one
 * kill -9 of each service while it runs, poison records, one replay of every topic, then the
 * invariants; then a second instance of each service beside the first under load; and the
 * operations files checked against what the services really export.
 *
 * <p>Correctness is asserted, speed is not: timeouts are generous for a busy 2-core CI machine.
 * A duplicate email from the notification crash window (SMTP accepted, process killed before the
 * ledger recorded it) is printed and counted but fails the test only with
 * {@code -Dsystemtests.strict=true}; every other duplicate, a lost request or a second booking
 * link fails it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineSmokeIT {

    private static final double RATE = Double.parseDouble(System.getProperty("systemtests.smoke.rate", "4"));
    private static final int SECONDS = Integer.parseInt(System.getProperty("systemtests.smoke.seconds", "60"));
    private static final boolean STRICT = Boolean.getBoolean("systemtests.strict");

    private final Consumer<String> log = SystemUnderTest.consoleLog();
    private SystemUnderTest sut;

    @BeforeAll
    void start_the_stack() throws Exception {
        Path repo = Path.of(System.getProperty("systemtests.repo", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("systemtests.work", "target"))
                .resolve("smoke-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        sut = new SystemUnderTest(new StackConfig(repo, work), "smoke", log);
        sut.startInfrastructure(Duration.ofMinutes(3));
        log.accept("Starting the four services together");
        sut.stack.startServicesTogether(Duration.ofMinutes(5));
        sut.prepareLoad(14, 4, Duration.ofMinutes(10));
    }

    @AfterAll
    void stop_the_stack() {
        if (sut != null) {
            sut.close();
        }
    }

    @Test
    @Order(1)
    void every_request_ends_right_once_through_kill_9_of_each_service_poison_and_a_replay() throws Exception {
        // given a steady load, with each service killed (kill -9) and restarted once while it runs
        LoadGenerator.Steady steady = sut.load.steady("smoke", RATE);
        long start = steady.startNanos;
        Service[] order = Service.values();
        for (int i = 0; i < order.length; i++) {
            sleepUntil(start, (i + 1) * SECONDS / (order.length + 2));
            log.accept("kill -9 " + order[i].id());
            sut.stack.kill9(order[i]);
            sut.stack.startService(order[i], Duration.ofMinutes(4), "restart after kill -9, under load");
        }
        // and poison records on every consumed topic
        List<KafkaProbe.Poison> poison = sut.kafka.injectPoison(6, "/upgrade-assist/systemtests");
        sleepUntil(start, SECONDS);
        steady.stop();
        List<Tracked> requests = new ArrayList<>(steady.requests());
        log.accept(requests.size() + " requests submitted; waiting for each to finish");

        // then every request reaches its final status and its first email
        List<Tracked> open = Tracker.await(requests, Duration.ofMinutes(6));
        assertThat(open).as("requests without a final status or a first email after 6 minutes").isEmpty();
        log.accept("submit → first email " + Latency.ofMicros(requests.stream().filter(Tracked::hasMail)
                .map(Tracked::submitToFirstMailMicros).toList()));
        assertThat(sut.verifier.awaitPoisonDeadLettered(poison, Duration.ofMinutes(4)))
                .as("every poison record in its DLT from every consuming group").isTrue();
        Verifier.Verdict afterKills = sut.verifier.verify(requests, poison, Duration.ofMinutes(4));
        log.accept("after the kills: " + afterKills);
        assertCorrect(afterKills);

        // when every topic is replayed from the beginning on every consuming service
        log.accept("replay EARLIEST of every consumed topic on every consuming service");
        sut.replayEverything();
        assertThat(sut.lag.awaitZero(Duration.ofMinutes(6))).as("consumer lag back to 0 after the replay").isTrue();
        Thread.sleep(5_000);

        // then the flow continues, and still nothing is lost or sent twice
        LoadGenerator.Steady after = sut.load.steady("after-replay", 2, 6);
        after.awaitStopped(Duration.ofMinutes(1));
        Thread.sleep(1_000);
        requests.addAll(after.requests());
        assertThat(Tracker.await(requests, Duration.ofMinutes(4))).as("unfinished after the replay").isEmpty();
        Verifier.Verdict afterReplay = sut.verifier.verify(requests, poison, Duration.ofMinutes(4));
        log.accept("after the replay: " + afterReplay);
        assertCorrect(afterReplay);
        assertThat(afterReplay.duplicateMessageIds).as("duplicates the replay added").isEqualTo(afterKills.duplicateMessageIds);
    }

    @Test
    @Order(2)
    void two_instances_of_each_service_share_the_work_and_every_request_still_ends_right_once() throws Exception {
        // given a second instance of each service beside the first: the same consumer groups, the same databases
        log.accept("Starting a second instance of each service");
        for (Service service : Service.values()) {
            sut.stack.startSecondInstance(service, Duration.ofMinutes(4));
        }

        // when a steady load runs while both instances consume, and the second ones leave (SIGTERM) while it runs
        LoadGenerator.Steady steady = sut.load.steady("two-instances", RATE);
        Thread.sleep(SECONDS / 2 * 1000L);
        Map<Service, Double> handledBySecond = new java.util.EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            handledBySecond.put(service, listenerCalls(sut.pipeline.prometheus(service, sut.stack.secondInstanceUrl(service))));
        }
        for (Service service : Service.values()) {
            sut.stack.stopSecondInstance(service);
        }
        Thread.sleep(10_000);
        steady.stop();
        List<Tracked> requests = new ArrayList<>(steady.requests());
        log.accept(requests.size() + " requests submitted beside second instances; records handled by them: " + handledBySecond);

        // then every second instance did part of the work
        assertThat(handledBySecond).as("Kafka records handled by each second instance (spring_kafka_listener_seconds_count)")
                .allSatisfy((service, calls) -> assertThat(calls).as(service.id()).isPositive());
        // and every request ends in its final status with its emails, once, with one booking link
        assertThat(Tracker.await(requests, Duration.ofMinutes(6))).as("unfinished beside two instances").isEmpty();
        Verifier.Verdict verdict = sut.verifier.verify(requests, List.of(), Duration.ofMinutes(4));
        log.accept("two instances: " + verdict);
        assertCorrect(verdict);
    }

    private static double listenerCalls(String prometheus) {
        return prometheus.lines().filter(line -> line.startsWith("spring_kafka_listener_seconds_count{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    @Order(3)
    void every_metric_a_dashboard_or_alert_queries_is_exported_by_a_service() throws Exception {
        // given the flow above has run (consumers, producers, listeners, dead letters and duplicates all counted)
        Map<Service, Set<String>> exported = sut.scrapeAll();
        exported.forEach((service, names) -> log.accept(service.id() + " exports " + names.size() + " series names"));

        Map<String, Set<String>> missing = sut.unexportedOpsMetrics(exported);

        assertThat(missing).as("metrics queried in ops/grafana/dashboards/*.json or ops/prometheus/alerts.yml "
                + "that no service exports on /actuator/prometheus (name → where it is used)").isEmpty();
    }

    @Test
    @Order(4)
    void no_service_log_line_holds_an_email_address_a_name_or_a_request_body() throws Exception {
        // given the flow above has run: every requester has a name and an address of its own
        Path logs = sut.config.workDir.resolve("logs");
        List<String> leaks = new ArrayList<>();

        for (Service service : Service.values()) {
            try (var files = java.nio.file.Files.list(logs)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(service.id())).toList()) {
                    try (var lines = java.nio.file.Files.lines(file)) {
                        lines.filter(line -> line.contains("@load.example") || line.contains("Load Requester")
                                        || line.contains("\"upgradePlan\"") || line.contains("\"rollbackPlan\""))
                                .limit(3).forEach(line -> leaks.add(file.getFileName() + ": "
                                        + line.substring(0, Math.min(300, line.length()))));
                    }
                }
            }
        }

        // then no log line carries personal data or a body
        assertThat(leaks).as("log lines with an email address, a requester name or a request body").isEmpty();
    }

    private void assertCorrect(Verifier.Verdict v) {
        assertThat(v.notAccepted).as("submissions never accepted").isZero();
        assertThat(v.lost).as("requests not in their expected final status (lost)").isZero();
        assertThat(v.unexpectedStatus).as("requests that showed a status outside their path").isZero();
        assertThat(v.duplicateTemplates).as("the same email (template) recorded twice for a request").isZero();
        assertThat(v.duplicateLinks).as("second booking links for one approved revision").isZero();
        assertThat(v.poisonMissingFromDlt).as("poison records missing from a DLT").isZero();
        if (v.crashWindowDuplicates > 0) {
            log.accept("WARNING: " + v.crashWindowDuplicates + " duplicate email(s) from the notification crash window "
                    + "(SMTP accepted, process killed before the ledger recorded SENT): " + v.examples);
        }
        assertThat(v.duplicateMessageIds - (STRICT ? 0 : v.crashWindowDuplicates))
                .as("emails delivered twice (same Message-ID)" + (STRICT ? "" : ", apart from the crash window")).isZero();
    }

    private static void sleepUntil(long startNanos, long seconds) throws InterruptedException {
        long wait = startNanos + seconds * 1_000_000_000L - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }
}
