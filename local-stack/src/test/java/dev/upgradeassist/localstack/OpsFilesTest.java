package dev.upgradeassist.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prometheus and Grafana files parse, and reference only metrics that the services publish. */
class OpsFilesTest {

    /**
     * The contract's business meters (the clocks' from people-and-time.md) plus the outbox, skip and clock gauges the
     * services add.
     */
    private static final Set<String> PROJECT_METRICS = Set.of(
            "upgrade_assist_requests_received_total",
            "upgrade_assist_reviews_total",
            "upgrade_assist_deficiencies_total",
            "upgrade_assist_booking_links_total",
            "upgrade_assist_tickets_on_hold",
            "upgrade_assist_notifications_total",
            "upgrade_assist_events_duplicates_total",
            "upgrade_assist_events_dead_lettered_total",
            "upgrade_assist_request_stage_seconds_bucket",
            "upgrade_assist_request_stage_seconds_count",
            "upgrade_assist_request_stage_seconds_sum",
            "upgrade_assist_outbox_oldest_pending_seconds",
            "upgrade_assist_outbox_pending",
            "upgrade_assist_events_skipped_total",
            "upgrade_assist_sla_breaches_total",
            "upgrade_assist_reminders_total",
            "upgrade_assist_requests_closed_total",
            "upgrade_assist_requests_breached",
            "upgrade_assist_oldest_unanswered_seconds",
            "up");

    /** Standard Micrometer / Spring Kafka meter families. */
    private static final List<String> STANDARD_PREFIXES = List.of(
            "http_server_requests_seconds_", "kafka_consumer_", "kafka_producer_", "spring_kafka_", "jvm_", "process_");

    private static final Set<String> PROMQL_WORDS = Set.of(
            "by", "without", "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "bool", "offset");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    @SuppressWarnings("unchecked")
    void prometheus_scrapes_the_four_services_on_their_actuator_endpoint() {
        Map<String, Object> config = new Yaml().load(RepositoryFiles.read("ops/prometheus/prometheus.yml"));

        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        Map<String, Object> job = jobs.stream().filter(j -> "upgrade-assist".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(String.valueOf(job.get("static_configs"))).contains(
                "intake-service:8081", "review-service:8082", "scheduling-service:8083", "notification-service:8084");
        assertThat(String.valueOf(config.get("rule_files"))).contains("alerts.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void alert_rules_cover_dead_letters_outbox_lag_server_errors_and_down_services() {
        List<Map<String, Object>> rules = alertRules();

        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule).containsKeys("alert", "expr", "labels", "annotations");
            assertThat(((Map<String, Object>) rule.get("labels"))).containsKey("severity");
        });
        String exprs = String.join("\n", rules.stream().map(r -> String.valueOf(r.get("expr"))).toList());
        assertThat(exprs).contains(
                "upgrade_assist_events_dead_lettered_total",
                "upgrade_assist_outbox_oldest_pending_seconds",
                "kafka_consumer_fetch_manager_records_lag_max",
                "http_server_requests_seconds_count{status=~\"5..\"}",
                "up{job=\"upgrade-assist\"} == 0");
        assertThat(rules.stream().map(r -> r.get("alert")).distinct().count()).isEqualTo(rules.size());
    }

    @Test
    void alert_rules_reference_only_known_metrics() {
        alertRules().forEach(rule -> assertKnownMetrics("alert " + rule.get("alert"), String.valueOf(rule.get("expr"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafana_provisioning_points_at_prometheus_and_the_mounted_dashboards() {
        Map<String, Object> datasources = new Yaml().load(RepositoryFiles.read("ops/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> datasource = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("uid", "prometheus")
                .containsEntry("url", "http://prometheus:9090");

        Map<String, Object> dashboards = new Yaml().load(RepositoryFiles.read("ops/grafana/provisioning/dashboards/dashboards.yml"));
        Map<String, Object> provider = ((List<Map<String, Object>>) dashboards.get("providers")).get(0);
        String path = String.valueOf(((Map<String, Object>) provider.get("options")).get("path"));
        assertThat(RepositoryFiles.read("docker-compose.yml")).contains("./ops/grafana/dashboards:" + path);
    }

    @Test
    void there_are_three_dashboards_with_distinct_uids() throws IOException {
        List<JsonNode> boards = new ArrayList<>();
        for (Path file : dashboardFiles().toList()) {
            boards.add(json.readTree(Files.readString(file)));
        }
        assertThat(boards).hasSize(3);
        assertThat(boards.stream().map(b -> b.get("uid").asString()).distinct()).hasSize(3);
        assertThat(boards.stream().map(b -> b.get("title").asString()))
                .anySatisfy(t -> assertThat(t).containsIgnoringCase("funnel"))
                .anySatisfy(t -> assertThat(t).containsIgnoringCase("kafka"))
                .anySatisfy(t -> assertThat(t).containsIgnoringCase("dead letter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboardFiles")
    void dashboard_is_valid_json_whose_panels_query_known_metrics(Path file) throws IOException {
        JsonNode board = json.readTree(Files.readString(file));

        assertThat(board.path("title").asString()).isNotBlank();
        assertThat(board.path("panels").isArray()).isTrue();
        int queries = 0;
        for (JsonNode panel : board.path("panels")) {
            assertThat(panel.path("gridPos").isObject()).as("gridPos of %s", panel.path("title")).isTrue();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asString()).isEqualTo("prometheus");
                assertKnownMetrics(file.getFileName() + " / " + panel.path("title").asString(), target.path("expr").asString());
                queries++;
            }
        }
        assertThat(queries).isPositive();
    }

    @Test
    void the_funnel_dashboard_shows_every_stage_of_the_contract() throws IOException {
        String funnel = Files.readString(RepositoryFiles.resolve("ops/grafana/dashboards/upgrade-assist-funnel.json"));

        assertThat(funnel).contains(
                "upgrade_assist_requests_received_total", "upgrade_assist_reviews_total",
                "upgrade_assist_deficiencies_total", "upgrade_assist_booking_links_total",
                "upgrade_assist_tickets_on_hold", "upgrade_assist_notifications_total",
                "upgrade_assist_request_stage_seconds_bucket");
    }

    @Test
    void metric_names_are_the_series_of_an_expression_not_its_functions_labels_or_durations() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, stage) (rate(a_seconds_bucket{application=~\"$application\"}[$__range])))"
                + " / on (application) max without (x) (b_total) > 60 and up{job=\"x\"} == 0"))
                .containsExactly("a_seconds_bucket", "b_total", "up");
    }

    static Stream<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(RepositoryFiles.resolve("ops/grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() {
        Map<String, Object> alerts = new Yaml().load(RepositoryFiles.read("ops/prometheus/alerts.yml"));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) alerts.get("groups")) {
            assertThat(group).containsKeys("name", "rules");
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        assertThat(rules).isNotEmpty();
        return rules;
    }

    private static void assertKnownMetrics(String where, String expr) {
        assertThat(expr).as("expr of %s", where).isNotBlank();
        Set<String> metrics = metricNames(expr);
        assertThat(metrics).as("metrics in %s", where).isNotEmpty();
        assertThat(metrics).as("metrics in %s", where).allSatisfy(metric -> assertThat(
                PROJECT_METRICS.contains(metric) || STANDARD_PREFIXES.stream().anyMatch(metric::startsWith))
                .as("%s is a contract, outbox or standard Micrometer/Spring Kafka metric", metric).isTrue());
    }

    /** Identifiers of a PromQL expression that name series (not functions, keywords, labels or durations). */
    static Set<String> metricNames(String expr) {
        String stripped = expr
                .replaceAll("\"[^\"]*\"", "\"\"")                            // string literals
                .replaceAll("\\{[^}]*}", " ")                                // label matchers
                .replaceAll("\\[[^]]*]", " ")                                // range selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "); // label lists
        Set<String> names = new LinkedHashSet<>();
        Matcher identifiers = Pattern.compile("(?<![\\w.$])([a-zA-Z_][a-zA-Z0-9_]*)\\b(?!\\s*\\()").matcher(stripped);
        while (identifiers.find()) {
            String name = identifiers.group(1);
            if (!PROMQL_WORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
