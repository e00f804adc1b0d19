package dev.upgradeassist.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.metrics.OpsMetrics;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class OpsMetricsTest {

    @Test
    void series_names_are_taken_from_an_expression_without_functions_labels_durations_or_grafana_variables() {
        assertThat(OpsMetrics.metricNames("histogram_quantile(0.95, sum by (le, stage) (rate(a_seconds_bucket{application=~\"$application\"}[$__rate_interval])))"
                + " / on (application) max without (x) (b_total offset 5m) > 60 and up{job=\"x\"} == 0 or vector(1e3)"))
                .containsExactly("a_seconds_bucket", "b_total", "up");
    }

    @Test
    void exported_names_are_the_sample_names_so_a_counter_is_its_total_series_and_a_histogram_its_buckets() {
        String exposition = """
                # HELP upgrade_assist_reviews_total
                # TYPE upgrade_assist_reviews_total counter
                upgrade_assist_reviews_total{application="review-service",outcome="approved"} 3.0
                # TYPE upgrade_assist_request_stage_seconds histogram
                upgrade_assist_request_stage_seconds_bucket{le="0.1"} 1
                upgrade_assist_request_stage_seconds_count 1
                upgrade_assist_request_stage_seconds_sum 0.05
                upgrade_assist_tickets_on_hold 2.0
                """;

        assertThat(OpsMetrics.exported(exposition)).containsExactlyInAnyOrder("upgrade_assist_reviews_total",
                "upgrade_assist_request_stage_seconds_bucket", "upgrade_assist_request_stage_seconds_count",
                "upgrade_assist_request_stage_seconds_sum", "upgrade_assist_tickets_on_hold");
        assertThat(OpsMetrics.exported(exposition)).doesNotContain("upgrade_assist_reviews", "upgrade_assist_request_stage_seconds");
    }

    @Test
    void the_ops_files_reference_the_contract_metrics_and_not_prometheus_own_series() throws Exception {
        var referenced = OpsMetrics.referenced(Path.of(".."));

        assertThat(referenced).containsKeys("upgrade_assist_requests_received_total", "upgrade_assist_request_stage_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag_max", "http_server_requests_seconds_count");
        assertThat(referenced).doesNotContainKey("up");
        assertThat(referenced.get("upgrade_assist_events_dead_lettered_total")).anyMatch(use -> use.startsWith("alerts.yml"));
    }
}
