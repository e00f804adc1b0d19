package dev.upgradeassist.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.http.Http;
import dev.upgradeassist.systemtests.http.Pipeline;
import dev.upgradeassist.systemtests.kafka.KafkaProbe;
import dev.upgradeassist.systemtests.kafka.ReplayWatch;
import dev.upgradeassist.systemtests.load.LoadGenerator;
import dev.upgradeassist.systemtests.load.Scenario;
import dev.upgradeassist.systemtests.load.Tracked;
import dev.upgradeassist.systemtests.load.Tracker;
import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.stack.StackConfig;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
class PipelineSmokeIT extends SmokeSteps {

    private static final double RATE = Double.parseDouble(System.getProperty("systemtests.smoke.rate", "4"));
    private static final int SECONDS = Integer.parseInt(System.getProperty("systemtests.smoke.seconds", "60"));

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
        // and the harness's topic reader, on which the tracker's safety net rests, keeps catching up with the broker
        assertThat(sut.signals.caughtUp.get()).as("times the topic reader reached the topics' end offsets").isPositive();
        assertThat((System.nanoTime() - sut.signals.caughtUpTo().orElseThrow()) / 1_000_000)
                .as("ms since the topic reader last had everything published before").isLessThan(5_000);
        log.accept("submit → first email " + Latency.ofMicros(requests.stream().filter(Tracked::hasMail)
                .map(Tracked::submitToFirstMailMicros).toList()));
        assertThat(sut.verifier.awaitPoisonDeadLettered(poison, Duration.ofMinutes(4)))
                .as("every poison record in its DLT from every consuming group").isTrue();
        Verdict afterKills = sut.verifier.verify(requests, poison, Duration.ofMinutes(4));
        log.accept("after the kills: " + afterKills);
        assertCorrect(afterKills);

        // when every topic is replayed from the beginning on every consuming service
        log.accept("replay EARLIEST of every consumed topic on every consuming service");
        ReplayWatch replay = new ReplayWatch(sut.kafka);
        sut.replayEverything();
        ReplayWatch.Outcome replayed = replay.await(Duration.ofMinutes(6), Duration.ofMillis(100));
        log.accept("replay: " + replayed.describe());
        assertThat(replayed.done()).as("every group went back and committed past the topic ends of the replay call").isTrue();
        Thread.sleep(5_000);

        // then the flow continues, and still nothing is lost or sent twice
        LoadGenerator.Steady after = sut.load.steady("after-replay", 2, 6);
        after.awaitStopped(Duration.ofMinutes(1));
        Thread.sleep(1_000);
        requests.addAll(after.requests());
        assertThat(Tracker.await(requests, Duration.ofMinutes(4))).as("unfinished after the replay").isEmpty();
        Verdict afterReplay = sut.verifier.verify(requests, poison, Duration.ofMinutes(4));
        log.accept("after the replay: " + afterReplay);
        assertCorrect(afterReplay);
        assertThat(afterReplay.duplicateMessageIds).as("duplicates the replay added").isEqualTo(afterKills.duplicateMessageIds);
    }

    @Test
    @Order(3)
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
        Verdict verdict = sut.verifier.verify(requests, List.of(), Duration.ofMinutes(4));
        log.accept("two instances: " + verdict);
        assertCorrect(verdict);
    }

    @Test
    @Order(4)
    void an_engineer_and_a_customer_converse_in_both_approval_modes_and_an_internal_note_never_leaves_support()
            throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String publicMarker = "public-reply-" + run;
        String internalMarker = "internal-note-" + run;
        String customerMarker = "customer-reply-" + run;
        String changesMarker = "changes-feedback-" + run;
        String approvalMarker = "approval-feedback-" + run;
        String intake = sut.config.serviceUrl(Service.INTAKE) + "/api/v1/upgrade-requests/";
        String review = sut.config.serviceUrl(Service.REVIEW) + "/api/v1/reviews/";

        // given approval mode AUTOMATIC (the local default): a complete request with a call wanted gets its link
        String automaticMailbox = "conversation-a-" + run + "@load.example";
        String automatic = submit(Scenario.CALL_WANTED, automaticMailbox, 900_001);
        awaitStatus(automatic, "CALL_LINK_ISSUED");
        assertThat(post(intake + automatic + "/assignment", ALICE, "{\"engineer\":\"bob\"}").status()).isEqualTo(200);

        // when the engineer replies in public, keeps an internal note, the customer replies, and the engineer
        // then asks for changes after the automatic approval
        assertThat(post(intake + automatic + "/comments", ALICE,
                comment(publicMarker + " please confirm the Gitaly backup", "PUBLIC")).status()).isEqualTo(201);
        assertThat(post(intake + automatic + "/comments", ALICE,
                comment(internalMarker + " customer's DBA is new, pair with bob", "INTERNAL")).status()).isEqualTo(201);
        assertThat(post(intake + automatic + "/comments", Pipeline.PORTAL,
                "{\"body\":\"" + customerMarker + " backup confirmed\"}").status()).isEqualTo(201);
        assertThat(post(review + automatic + "/request-changes", ALICE, "{\"feedback\":\"" + changesMarker
                + "\",\"items\":[{\"field\":\"rollbackPlan\",\"message\":\"Restore Gitaly too\","
                + "\"hint\":\"Add the repository restore and its time\"}]}").status()).isEqualTo(202);

        // then the request waits on the customer, the customer got the reply and the changes, the assignee the reply
        awaitStatus(automatic, "AWAITING_INFO");
        awaitMail(automaticMailbox, publicMarker);
        awaitMail(automaticMailbox, changesMarker);
        awaitMail("bob@gitlab.example", customerMarker);

        // given approval mode ENGINEER, set the way a container sets it
        log.accept("Restarting review-service with UPGRADE_ASSIST_REVIEW_APPROVAL_MODE=ENGINEER");
        sut.stack.restartServiceWith(Service.REVIEW, Map.of("UPGRADE_ASSIST_REVIEW_APPROVAL_MODE", "ENGINEER"),
                Duration.ofMinutes(4));
        try {
            String engineerMailbox = "conversation-e-" + run + "@load.example";
            String engineerMode = submit(Scenario.APPROVED, engineerMailbox, 900_002);

            // then a complete request waits for an engineer, with no approval email
            awaitStatus(engineerMode, "IN_REVIEW");
            Thread.sleep(3_000);
            assertThat(pipelineStatus(engineerMode)).as("still waiting for the engineer").isEqualTo("IN_REVIEW");
            assertThat(mailText(engineerMailbox)).as("no approval email before the engineer approves")
                    .doesNotContain("reviewed and approved");

            // when the engineer approves with feedback
            assertThat(post(review + engineerMode + "/approve", ALICE, "{\"feedback\":\"" + approvalMarker + "\"}")
                    .status()).isEqualTo(202);

            // then it goes on as an approved request (no call wanted: on hold) and the approval email has the feedback
            awaitStatus(engineerMode, "ON_HOLD");
            awaitMail(engineerMailbox, approvalMarker);
            assertThat(post(review + engineerMode + "/approve", ALICE, "{}").status()).as("a second approval").isEqualTo(409);
        } finally {
            sut.stack.restartServiceWith(Service.REVIEW, Map.of(), Duration.ofMinutes(4));
        }

        // and the internal note is in no mailbox at all, and in no PORTAL view, while the engineer sees it
        Map<String, String> everything = allMail();
        assertThat(String.join("\n", everything.values())).as("every message of every mailbox (positive control)")
                .contains(publicMarker);
        assertThat(everything).as("mailboxes holding the internal note's marker")
                .allSatisfy((mailbox, text) -> assertThat(text).as(mailbox).doesNotContain(internalMarker));
        assertThat(sut.http.get(intake + automatic, Pipeline.PORTAL).body()).contains(publicMarker).doesNotContain(internalMarker);
        assertThat(sut.http.get(intake + automatic, ALICE).body()).contains(internalMarker);
    }

    @Test
    @Order(5)
    void a_change_of_the_upgrade_path_data_sends_an_approved_plan_that_no_longer_fits_back_to_the_customer_once()
            throws Exception {
        String data = sut.config.serviceUrl(Service.REVIEW) + "/api/v1/operations/upgrade-path-data";
        String shipped = java.nio.file.Files.readString(sut.config.repo.resolve(
                "review-service/src/main/resources/upgrade-path/stops.yml"));
        String stop = "- { stop: \"17.1\",  latestPatch: \"17.1.8\",   source: \"[S24][S22]\", when: [LARGE_CI_PIPELINE_MESSAGES] }";
        assertThat(shipped).as("the shipped data makes 17.1 a conditional stop").contains(stop);
        // test data only: as if GitLab made 17.1 a required stop for everyone
        String changed = shipped.replace(stop, "- { stop: \"17.1\",  latestPatch: \"17.1.8\",   source: \"smoke test\" }");

        // given an approved plan 16.11.10 -> 17.3.7 that does not stop at 17.1, on hold until its window
        String mailbox = "data-change-" + Long.toString(System.currentTimeMillis(), 36) + "@load.example";
        String id = submit(Scenario.APPROVED, mailbox, 900_003);
        awaitStatus(id, "ON_HOLD");

        // when an operator loads upgrade-path data in which 17.1 is required
        try {
            Http.Response accepted = sut.http.put(data, Pipeline.OPERATOR, changed, "application/yaml");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

            // then the plan goes back to the customer with the missing stop, and the customer is told once
            awaitStatus(id, "AWAITING_INFO");
            awaitMail(mailbox, "upgrade-path data has changed");
            assertThat(sut.http.get(sut.config.serviceUrl(Service.INTAKE) + "/api/v1/upgrade-requests/" + id,
                    Pipeline.PORTAL).body()).contains("17.1.8");
        } finally {
            assertThat(sut.http.put(data, Pipeline.OPERATOR, shipped, "application/yaml").status()).isEqualTo(200);
        }
        Thread.sleep(3_000); // the shipped data back: another re-check, which must not send anything again
        String mail = mailText(mailbox);
        assertThat(mail.split("upgrade-path data has changed", -1).length - 1)
                .as("emails saying the data changed (text and HTML part of one email)").isEqualTo(2);
    }

    @Test
    @Order(2)
    void every_metric_a_dashboard_or_alert_queries_is_exported_by_a_service() throws Exception {
        // given the flow above has run (consumers, producers, listeners, dead letters and duplicates all counted)
        Map<Service, Set<String>> exported = sut.scrapeAll();
        exported.forEach((service, names) -> log.accept(service.id() + " exports " + names.size() + " series names"));

        Map<String, Set<String>> missing = sut.unexportedOpsMetrics(exported);

        assertThat(missing).as("metrics queried in ops/grafana/dashboards/*.json or ops/prometheus/alerts.yml "
                + "that no service exports on /actuator/prometheus (name → where it is used)").isEmpty();
    }

    @Test
    @Order(6)
    void no_service_log_line_holds_an_email_address_a_name_or_a_request_body() throws Exception {
        // given the flow above has run: every requester has a name and an address of its own
        Path logs = sut.config.workDir.resolve("logs");
        List<String> leaks = new ArrayList<>();

        for (Service service : Service.values()) {
            try (var files = java.nio.file.Files.list(logs)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(service.id())).toList()) {
                    try (var lines = java.nio.file.Files.lines(file)) {
                        // the comments and feedback of the conversation test carry these markers in their text
                        lines.filter(line -> line.contains("@load.example") || line.contains("Load Requester")
                                        || line.contains("\"upgradePlan\"") || line.contains("\"rollbackPlan\"")
                                        || line.contains("public-reply-") || line.contains("internal-note-")
                                        || line.contains("customer-reply-") || line.contains("-feedback-"))
                                .limit(3).forEach(line -> leaks.add(file.getFileName() + ": "
                                        + line.substring(0, Math.min(300, line.length()))));
                    }
                }
            }
        }

        // then no log line carries personal data, a request body, a comment or an engineer's feedback
        assertThat(leaks).as("log lines with an email address, a requester name or a request body").isEmpty();
    }
}
