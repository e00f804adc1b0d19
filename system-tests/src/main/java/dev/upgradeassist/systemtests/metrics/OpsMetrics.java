package dev.upgradeassist.systemtests.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the operations files query (every Grafana dashboard under
 * {@code ops/grafana/dashboards/*.json}: panel targets and template-variable queries; every rule
 * of {@code ops/prometheus/alerts.yml}) and the names the services export on
 * {@code /actuator/prometheus}.
 *
 * <p>Names are compared exactly, as Prometheus would: a query for {@code x_seconds_bucket} needs a
 * service to export the series {@code x_seconds_bucket} (a histogram with buckets, not just a
 * summary's {@code _count}/{@code _sum}); {@code x_total} needs the counter's sample line
 * {@code x_total}; the bare family name of a histogram or summary is not a series at all. Only the
 * series Prometheus itself adds ({@code up}, {@code scrape_*}, {@code ALERTS}) are taken as given.
 */
public final class OpsMetrics {

    /** Series that Prometheus makes itself, not a service. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE");

    private static final Set<String> PROMQL_WORDS = Set.of(
            "by", "without", "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "bool", "offset",
            "inf", "nan", "Inf", "NaN");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpsMetrics() {
    }

    /** Metric name → where it is used (file and panel, or alert), for every name the ops files reference. */
    public static Map<String, Set<String>> referenced(Path repo) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        Path dashboards = repo.resolve("ops/grafana/dashboards");
        List<Path> files;
        try (Stream<Path> list = Files.list(dashboards)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode board = JSON.readTree(Files.readString(file));
            List<JsonNode> panels = new ArrayList<>();
            collectPanels(board.path("panels"), panels);
            for (JsonNode panel : panels) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asString("");
                    String where = file.getFileName() + " / " + panel.path("title").asString("?");
                    metricNames(expr).forEach(m -> uses.computeIfAbsent(m, k -> new TreeSet<>()).add(where));
                }
            }
            for (JsonNode variable : board.path("templating").path("list")) {
                String query = variable.path("query").isObject() ? variable.path("query").path("query").asString("")
                        : variable.path("query").asString("");
                String where = file.getFileName() + " / variable " + variable.path("name").asString("?");
                Matcher m = LABEL_VALUES.matcher(query);
                while (m.find()) {
                    uses.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(where);
                }
                if (!query.startsWith("label_values") && !query.isBlank() && !query.startsWith("label_names")) {
                    String inner = query.replaceFirst("^query_result\\((.*)\\)$", "$1");
                    metricNames(inner).forEach(n -> uses.computeIfAbsent(n, k -> new TreeSet<>()).add(where));
                }
            }
        }
        Map<String, Object> alerts = new Yaml().load(Files.readString(repo.resolve("ops/prometheus/alerts.yml")));
        for (Object group : (List<?>) alerts.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                String where = "alerts.yml / " + (r.get("alert") != null ? r.get("alert") : r.get("record"));
                metricNames(String.valueOf(r.get("expr"))).forEach(m -> uses.computeIfAbsent(m, k -> new TreeSet<>()).add(where));
            }
        }
        PROMETHEUS_OWN.forEach(uses::remove);
        return uses;
    }

    private static void collectPanels(JsonNode panels, List<JsonNode> into) {
        for (JsonNode panel : panels) {
            into.add(panel);
            if (panel.has("panels")) {
                collectPanels(panel.path("panels"), into);   // rows hold their collapsed panels
            }
        }
    }

    /** Identifiers of a PromQL expression that name series (not functions, keywords, labels, durations or numbers). */
    public static Set<String> metricNames(String expr) {
        String stripped = expr
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")               // string literals
                .replaceAll("\\{[^}]*}", " ")                                  // label matchers
                .replaceAll("\\[[^]]*]", " ")                                  // range selectors and subqueries
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")   // label lists
                .replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?", " ");           // Grafana variables ($__rate_interval)
        Set<String> names = new LinkedHashSet<>();
        Matcher identifiers = Pattern.compile("(?<![\\w.$:])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()").matcher(stripped);
        while (identifiers.find()) {
            String name = identifiers.group(1);
            if (!PROMQL_WORDS.contains(name) && !name.matches("\\d.*")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The series names in a Prometheus text exposition (sample lines, not the {@code # TYPE} family
     * names, which for counters in OpenMetrics lack {@code _total}).
     */
    public static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
