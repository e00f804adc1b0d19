package dev.upgradeassist.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The launcher's pure parts: the URL table, the stop order, Kafka tool arguments, log tails, timeouts. */
class LauncherTest {

    @Test
    void the_url_table_lists_the_started_services_and_the_infrastructure_on_their_ports() {
        String table = StackSummary.urlTable(StackPorts.STANDARD, List.of(AppService.INTAKE, AppService.REVIEW), "intake-service"::equals);

        assertThat(table).contains("intake-service         http://localhost:8081   (UP; Swagger UI /swagger-ui.html)")
                .contains("review-service         http://localhost:8082   (DOWN;")
                .doesNotContain("scheduling-service")
                .contains("localhost:9092 (controller 127.0.0.1:9093)")
                .contains("mongodb://localhost:27017/upgrade-assist-<intake|review|scheduling|notification>")
                .contains("localhost:3025", "localhost:3143", "http://localhost:8025/api/user/<address>/messages/INBOX")
                .contains("dev-portal-token");
    }

    @Test
    void the_url_table_lists_the_console_with_its_sign_in() {
        String table = StackSummary.urlTable(StackPorts.STANDARD, List.of(AppService.WEB), "web"::equals);

        assertThat(table).contains("web                    http://localhost:8085/console   (UP; sign in as alice / dev-alice)");
    }

    @Test
    void services_stop_first_then_mail_and_mongo_then_kafka() {
        assertThat(StackControl.stopSteps()).containsExactly(
                List.of("intake-service", "review-service", "scheduling-service", "notification-service", "web"),
                List.of("mail", "mongo"), List.of("kafka"));
        assertThat(StackControl.stopSteps().stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(Topology.allNames());
    }

    @Test
    void kafka_tools_get_the_bootstrap_server_unless_they_name_one() {
        assertThat(KafkaTools.kafkaToolArgs(List.of("--list"), 9092)).containsExactly("--bootstrap-server", "localhost:9092", "--list");
        assertThat(KafkaTools.kafkaToolArgs(List.of("--bootstrap-server", "h:1", "--list"), 9092)).containsExactly("--bootstrap-server", "h:1", "--list");
        assertThat(KafkaTools.KAFKA_TOOLS).containsKeys("topics", "consumer-groups", "console-consumer", "console-producer", "get-offsets");
    }

    @Test
    void log_tails_can_leave_out_stack_frames() {
        List<String> log = List.of("start", "APPLICATION FAILED TO START", "java.lang.X: boom", "\tat a.b(C.java:1)",
                "\t... 12 common frames omitted", "Caused by: y");
        assertThat(LogTail.tail(log, 3, true)).isEqualTo("APPLICATION FAILED TO START\njava.lang.X: boom\nCaused by: y");
        assertThat(LogTail.tail(log, 2, false)).isEqualTo("\t... 12 common frames omitted\nCaused by: y");
    }

    @Test
    void timeouts_come_from_the_environment_in_seconds() {
        assertThat(Launcher.seconds(Map.of(), "READY_TIMEOUT", 120)).isEqualTo(120);
        assertThat(Launcher.seconds(Map.of("READY_TIMEOUT", " 300 "), "READY_TIMEOUT", 120)).isEqualTo(300);
    }

    @Test
    void the_common_prefix_of_the_databases() {
        assertThat(StackSummary.commonPrefix(List.of("upgrade-assist-a", "upgrade-assist-b"))).isEqualTo("upgrade-assist-");
    }
}
