package dev.upgradeassist.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.contracts.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology builds every process from one description; nothing here starts a process. */
class TopologyTest {

    @TempDir
    Path repo;

    @BeforeEach
    void aBuiltLocalStack() throws Exception {
        Files.createDirectories(repo.resolve("local-stack/target"));
        Files.writeString(repo.resolve("local-stack/target/classpath.txt"), "/m2/kafka.jar:/m2/mongo.jar\n");
    }

    @Test
    void the_launchers_run_from_local_stack_jar_and_its_classpath() {
        assertThat(local().kafka().javaArgs()).containsSubsequence("-cp",
                repo.resolve("local-stack/target/local-stack.jar") + ":/m2/kafka.jar:/m2/mongo.jar");
        assertThat(Artifacts.snapshot(repo, repo.resolve("jars")).launcherClasspath())
                .isEqualTo(repo.resolve("jars/local-stack.jar") + ":/m2/kafka.jar:/m2/mongo.jar");
    }

    private Topology local() {
        return Topology.local(repo, repo.resolve(".local-stack"));
    }

    @Test
    void the_services_have_distinct_ports_databases_and_names() {
        List<AppService> services = List.of(AppService.values());
        assertThat(services.stream().map(AppService::port)).doesNotHaveDuplicates().containsExactly(8081, 8082, 8083, 8084, 8085);
        assertThat(services.stream().flatMap(s -> s.database().stream())).doesNotHaveDuplicates()
                .containsExactly("upgrade-assist-intake", "upgrade-assist-review", "upgrade-assist-scheduling", "upgrade-assist-notification");
        assertThat(Topology.allNames()).doesNotHaveDuplicates()
                .containsExactly("kafka", "mongo", "mail", "intake-service", "review-service", "scheduling-service", "notification-service", "web");
    }

    @Test
    void the_web_module_runs_without_kafka_database_or_mail_and_calls_this_stacks_services() {
        ProcessSpec web = local().service(AppService.WEB);

        assertThat(AppService.WEB.eventDriven()).isFalse();
        assertThat(AppService.WEB.database()).isEmpty();
        assertThat(web.javaArgs()).contains("--spring.profiles.active=local", "--server.port=8085",
                        "--upgrade-assist.web.intake-url=http://127.0.0.1:8081",
                        "--upgrade-assist.web.review-url=http://127.0.0.1:8082",
                        "--upgrade-assist.web.scheduling-url=http://127.0.0.1:8083",
                        "--upgrade-assist.web.notification-url=http://127.0.0.1:8084")
                .noneMatch(a -> a.startsWith("--spring.kafka") || a.startsWith("--spring.mongodb") || a.startsWith("--spring.mail"));
        assertThat(local().ideEnvironment(AppService.WEB))
                .containsEntry("UPGRADE_ASSIST_WEB_INTAKE_URL", "http://127.0.0.1:8081")
                .doesNotContainKey("SPRING_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void the_consumer_groups_of_a_topic_come_from_what_each_service_consumes() {
        assertThat(AppService.groupsReading(Topics.REVIEW)).containsExactly("intake-service", "scheduling-service", "notification-service");
        assertThat(AppService.groupsReading(Topics.NOTIFICATION)).isEmpty();
        assertThat(Arrays.stream(AppService.values()).flatMap(s -> s.consumes().stream())).allMatch(Topics.ALL::contains);
    }

    @Test
    void a_service_runs_the_local_profile_on_its_port_against_the_stacks_infrastructure() {
        ProcessSpec review = local().service(AppService.REVIEW);

        assertThat(review.name()).isEqualTo("review-service");
        assertThat(review.javaArgs()).startsWith(AppService.REVIEW.jvmFlags(StackOptions.SERVICE_JVM).toArray(String[]::new))
                .startsWith("-Xmx128m")
                .containsSubsequence("-jar", repo.resolve("review-service/target/review-service.jar").toString())
                .contains("--spring.profiles.active=local", "--spring.application.name=review-service", "--server.port=8082",
                        "--spring.kafka.bootstrap-servers=127.0.0.1:9092",
                        "--spring.mongodb.uri=mongodb://127.0.0.1:27017/upgrade-assist-review",
                        "--spring.mail.host=127.0.0.1", "--spring.mail.port=3025");
        assertThat(review.healthUrl()).contains("http://127.0.0.1:8082/actuator/health");
        assertThat(review.readyPorts()).containsExactly(8082);
        // intake keeps the most live under load: its heap is twice the others' (docs/adr/0025), its young generation
        // smaller than SerialGC's default third (docs/adr/0027)
        assertThat(local().service(AppService.INTAKE).javaArgs()).startsWith("-Xmx256m", "-Xmn32m", "-XX:+UseSerialGC");
        assertThat(local().service(AppService.SCHEDULING).javaArgs())
                .contains("--upgrade-assist.scheduling.booking-base-url=http://localhost:8083");
        assertThat(local().service(AppService.NOTIFICATION).javaArgs())
                .contains("--upgrade-assist.notification.web-base-url=http://localhost:8085");
    }

    @Test
    void infrastructure_listens_on_the_standard_ports_with_data_under_the_data_dir() {
        Topology topology = local();
        assertThat(topology.infrastructure()).extracting(ProcessSpec::name).containsExactly("kafka", "mongo", "mail");
        assertThat(topology.kafka().javaArgs()).contains(KafkaBroker.class.getName(), "--port=9092", "--controller-port=9093",
                "--data-dir=" + repo.resolve(".local-stack/kafka"));
        assertThat(topology.mongo().javaArgs()).contains(MongoServerMain.class.getName(), "--port=27017", "--backend=h2",
                "--file=" + repo.resolve(".local-stack/mongo/upgrade-assist.mv.db"));
        assertThat(topology.mail().javaArgs()).contains("-Dgreenmail.smtp.port=3025", "-Dgreenmail.imap.port=3143",
                "-Dgreenmail.api.port=8025", repo.resolve("local-stack/target/greenmail/greenmail-standalone.jar").toString());
        assertThat(topology.mail().readyPorts()).containsExactlyInAnyOrder(3025, 3143, 8025);
        // GreenMail holds every message on its heap: when it is full the process ends rather than keep a dead SMTP port
        assertThat(topology.mail().javaArgs()).contains("-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider");
    }

    @Test
    void a_stack_on_free_ports_uses_them_everywhere() {
        AtomicInteger next = new AtomicInteger(40000);
        StackPorts ports = StackPorts.free(next::incrementAndGet);
        Topology topology = new Topology(repo.resolve("work"), ports, Artifacts.snapshot(repo, repo.resolve("jars")),
                new StackOptions("WARN", List.of(), List.of(), "memory", 2, List.of(), List.of("-Xmx1g")));

        ProcessSpec intake = topology.service(AppService.INTAKE);
        // the stack's own -Xmx comes after the service's heap, so it wins (the JVM takes the last one)
        assertThat(intake.javaArgs()).startsWith("-Xmx256m", "-Xmn32m", "-Xmx1g")
                .contains("--server.port=" + ports.service(AppService.INTAKE), "--spring.kafka.bootstrap-servers=127.0.0.1:" + ports.kafka(),
                        "--spring.mongodb.uri=mongodb://127.0.0.1:" + ports.mongo() + "/upgrade-assist-intake",
                        "--spring.mail.port=" + ports.smtp())
                .containsSubsequence("-jar", repo.resolve("jars/intake-service.jar").toString());
        assertThat(topology.service(AppService.SCHEDULING).javaArgs())
                .contains("--upgrade-assist.scheduling.booking-base-url=" + topology.serviceUrl(AppService.SCHEDULING));
        assertThat(topology.service(AppService.NOTIFICATION).javaArgs())
                .contains("--upgrade-assist.notification.web-base-url=" + topology.serviceUrl(AppService.WEB));
        assertThat(topology.mongo().javaArgs()).contains("--backend=memory", "--worker-threads=2", "-Dlocalstack.log.level=WARN");
        assertThat(topology.service(AppService.INTAKE, 5555).javaArgs()).contains("--server.port=5555");
        assertThat(List.of(ports.kafka(), ports.kafkaController(), ports.mongo(), ports.smtp(), ports.imap(), ports.mailApi()))
                .doesNotHaveDuplicates().doesNotContainAnyElementsOf(ports.services().values());
    }

    @Test
    void a_service_run_from_an_IDE_gets_the_same_wiring_as_environment_variables() {
        assertThat(local().ideEnvironment(AppService.INTAKE)).containsExactly(
                java.util.Map.entry("SPRING_PROFILES_ACTIVE", "local"),
                java.util.Map.entry("SERVER_PORT", "8081"),
                java.util.Map.entry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                java.util.Map.entry("SPRING_MONGODB_URI", "mongodb://127.0.0.1:27017/upgrade-assist-intake"),
                java.util.Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
                java.util.Map.entry("SPRING_MAIL_PORT", "3025"));
    }

    @Test
    void a_spec_takes_further_arguments_and_environment_without_changing_the_original() {
        ProcessSpec spec = local().service(AppService.INTAKE);
        ProcessSpec more = spec.withArgs(List.of("--x=1")).withEnvironment(java.util.Map.of("A", "b")).withName("intake-service-2");

        assertThat(more.javaArgs()).endsWith("--x=1");
        assertThat(more.environment()).containsEntry("A", "b");
        assertThat(more.name()).isEqualTo("intake-service-2");
        assertThat(spec.javaArgs()).doesNotContain("--x=1");
        assertThat(spec.environment()).isEmpty();
    }
}
