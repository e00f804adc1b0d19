#!/usr/bin/env python3
"""Writes the Grafana dashboards in ops/grafana/dashboards/ (edit here, then run:
    python3 ops/grafana/generate-dashboards.py ops/grafana/dashboards
and commit both). Metric names: shared contract, Micrometer and Spring Kafka meters only;
local-stack's OpsFilesTest checks them."""
import json, sys
DS = {"type": "prometheus", "uid": "prometheus"}
APP = 'application=~"$application"'

class Board:
    def __init__(self, uid, title, description):
        self.uid, self.title, self.description = uid, title, description
        self.panels, self.y, self.x, self.row_h, self.next_id = [], 0, 0, 0, 1
    def row(self, title):
        self.newline()
        self.panels.append({"id": self._id(), "type": "row", "title": title, "collapsed": False,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}, "panels": []})
        self.y += 1
    def newline(self):
        if self.x:
            self.y += self.row_h; self.x = 0; self.row_h = 0
    def _id(self):
        i = self.next_id; self.next_id += 1; return i
    def panel(self, kind, title, targets, w=12, h=8, unit=None, description=None, stack=False, legend_calcs=None, extra=None):
        if self.x + w > 24: self.newline()
        p = {"id": self._id(), "type": kind, "title": title, "datasource": DS,
             "gridPos": {"h": h, "w": w, "x": self.x, "y": self.y},
             "targets": [{"refId": chr(65 + i), "datasource": DS, "expr": e, "legendFormat": l, "range": True}
                         for i, (e, l) in enumerate(targets)],
             "fieldConfig": {"defaults": {}, "overrides": []}, "options": {}}
        if description: p["description"] = description
        if unit: p["fieldConfig"]["defaults"]["unit"] = unit
        if kind == "timeseries":
            p["fieldConfig"]["defaults"]["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10,
                "showPoints": "never", "stacking": {"mode": "normal" if stack else "none", "group": "A"}}
            p["options"] = {"legend": {"displayMode": "table" if legend_calcs else "list", "placement": "bottom",
                                       "calcs": legend_calcs or [], "showLegend": True},
                            "tooltip": {"mode": "multi", "sort": "desc"}}
        if kind == "stat":
            p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                            "colorMode": "value", "graphMode": "area", "textMode": "auto", "orientation": "auto"}
        if kind == "bargauge":
            p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                            "displayMode": "gradient", "orientation": "horizontal", "showUnfilled": True}
        if extra:
            for k, v in extra.items(): p[k] = v
        self.panels.append(p)
        self.x += w; self.row_h = max(self.row_h, h)
    def json(self):
        return {
            "uid": self.uid, "title": self.title, "description": self.description,
            "tags": ["upgrade-assist"], "timezone": "browser", "schemaVersion": 39, "version": 1,
            "editable": False, "graphTooltip": 1, "refresh": "30s",
            "time": {"from": "now-6h", "to": "now"},
            "templating": {"list": [{
                "name": "application", "label": "Service", "type": "query", "datasource": DS,
                "query": {"query": "label_values(http_server_requests_seconds_count, application)", "refId": "A"},
                "definition": "label_values(http_server_requests_seconds_count, application)",
                "multi": True, "includeAll": True, "allValue": ".*", "refresh": 2, "sort": 1,
                "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}]},
            "annotations": {"list": []},
            "panels": self.panels,
        }

out = sys.argv[1] if len(sys.argv) > 1 else "ops/grafana/dashboards"

def write(board, name):
    with open(f"{out}/{name}", "w") as f:
        json.dump(board.json(), f, indent=2)
        f.write("\n")

# 1. request funnel and stage latencies
b = Board("ua-funnel", "Upgrade Assist: request funnel and stage latencies",
          "From submission to review, booking link, on hold and notifications; stage latency percentiles.")
b.row("Funnel (selected time range)")
b.panel("stat", "Requests received", [(f'sum(increase(upgrade_assist_requests_received_total{{{APP}}}[$__range]))', "received")], w=4, h=5)
b.panel("stat", "Approved", [(f'sum(increase(upgrade_assist_reviews_total{{{APP}, outcome="approved"}}[$__range]))', "approved")], w=4, h=5)
b.panel("stat", "Info missing", [(f'sum(increase(upgrade_assist_reviews_total{{{APP}, outcome="info_missing"}}[$__range]))', "info missing")], w=4, h=5)
b.panel("stat", "Declined", [(f'sum(increase(upgrade_assist_reviews_total{{{APP}, outcome="declined"}}[$__range]))', "declined")], w=4, h=5)
b.panel("stat", "Review calls booked", [(f'sum(increase(upgrade_assist_booking_links_total{{{APP}, event="booked"}}[$__range]))', "booked")], w=4, h=5)
b.panel("stat", "Tickets on hold (now)", [(f'sum(upgrade_assist_tickets_on_hold{{{APP}}})', "on hold")], w=4, h=5)
b.row("Flow")
b.panel("timeseries", "Requests received per minute by form and region",
        [(f'sum by (form, region) (rate(upgrade_assist_requests_received_total{{{APP}}}[5m])) * 60', "{{form}} {{region}}")], unit="short", stack=True)
b.panel("timeseries", "Review outcomes per minute",
        [(f'sum by (outcome) (rate(upgrade_assist_reviews_total{{{APP}}}[5m])) * 60', "{{outcome}}")], unit="short", stack=True)
b.panel("bargauge", "Deficiencies by code (selected time range)",
        [(f'sort_desc(sum by (code) (increase(upgrade_assist_deficiencies_total{{{APP}}}[$__range])))', "{{code}}")], unit="short",
        extra={"description": "Why requests come back as InfoMissing: what to improve in the portal form."})
b.panel("timeseries", "Booking links per minute by event",
        [(f'sum by (event) (rate(upgrade_assist_booking_links_total{{{APP}}}[5m])) * 60', "{{event}}")], unit="short")
b.panel("timeseries", "Tickets on hold",
        [(f'sum(upgrade_assist_tickets_on_hold{{{APP}}})', "on hold")], unit="short")
b.panel("timeseries", "Notifications per minute by template and outcome",
        [(f'sum by (template, outcome) (rate(upgrade_assist_notifications_total{{{APP}}}[5m])) * 60', "{{template}} {{outcome}}")], unit="short")
b.row("Stage latencies (upgrade_assist_request_stage_seconds)")
for stage in ["submitted_to_reviewed", "approved_to_on_hold", "submitted_to_first_email"]:
    b.panel("timeseries", f"{stage}: p50 / p95 / p99",
            [(f'histogram_quantile({q}, sum by (le) (rate(upgrade_assist_request_stage_seconds_bucket{{{APP}, stage="{stage}"}}[15m])))', f"p{int(q*100)}")
             for q in (0.5, 0.95, 0.99)], w=8, unit="s", legend_calcs=["lastNotNull", "max"])
b.panel("timeseries", "Stage latency p95 by stage",
        [(f'histogram_quantile(0.95, sum by (le, stage) (rate(upgrade_assist_request_stage_seconds_bucket{{{APP}}}[15m])))', "{{stage}}")], w=24, unit="s")
write(b, "upgrade-assist-funnel.json")

# 2. Kafka consumers and lag
b = Board("ua-kafka", "Upgrade Assist: Kafka consumers and lag",
          "Kafka client meters (Micrometer KafkaClientMetrics) and Spring Kafka listener timers per service.")
b.row("Lag")
b.panel("timeseries", "Records lag (max) by service and topic",
        [(f'max by (application, topic) (kafka_consumer_fetch_manager_records_lag_max{{{APP}}})', "{{application}} {{topic}}")],
        unit="short", legend_calcs=["lastNotNull", "max"],
        description="records-lag-max: how many records the consumer is behind on its worst partition. The ConsumerLagging alert fires above 100 for 2 minutes (proxy for lag in time > 60 s).")
b.panel("timeseries", "Records lag (max) by consumer client",
        [(f'max by (application, client_id) (kafka_consumer_fetch_manager_records_lag_max{{{APP}}})', "{{client_id}}")], unit="short")
b.row("Throughput")
b.panel("timeseries", "Records consumed per second",
        [(f'sum by (application, topic) (rate(kafka_consumer_fetch_manager_records_consumed_total{{{APP}}}[5m]))', "{{application}} {{topic}}")], unit="ops")
b.panel("timeseries", "Records sent per second (producers)",
        [(f'sum by (application) (rate(kafka_producer_record_send_total{{{APP}}}[5m]))', "{{application}} sent"),
         (f'sum by (application) (rate(kafka_producer_record_error_total{{{APP}}}[5m]))', "{{application}} errors")], unit="ops")
b.row("Listeners (Spring Kafka observation timers)")
b.panel("timeseries", "Listener invocations per second by result",
        [(f'sum by (application, result) (rate(spring_kafka_listener_seconds_count{{{APP}}}[5m]))', "{{application}} {{result}}")], unit="ops")
b.panel("timeseries", "Listener mean processing time",
        [(f'sum by (application) (rate(spring_kafka_listener_seconds_sum{{{APP}}}[5m])) / sum by (application) (rate(spring_kafka_listener_seconds_count{{{APP}}}[5m]))', "{{application}}")], unit="s")
b.panel("timeseries", "Fetch latency (avg)",
        [(f'avg by (application) (kafka_consumer_fetch_manager_fetch_latency_avg{{{APP}}})', "{{application}}")], unit="ms")
b.panel("timeseries", "Consumer group rebalances",
        [(f'sum by (application) (increase(kafka_consumer_coordinator_rebalance_total{{{APP}}}[5m]))', "{{application}}")], unit="short")
b.row("Idempotency")
b.panel("timeseries", "Duplicate deliveries ignored per minute",
        [(f'sum by (application, service) (rate(upgrade_assist_events_duplicates_total{{{APP}}}[5m])) * 60', "{{application}}")], unit="short",
        description="Records whose event id was already applied (redelivery or replay): counted, no second effect.")
b.panel("timeseries", "Unhandled event types skipped per minute",
        [(f'sum by (application) (rate(upgrade_assist_events_skipped_total{{{APP}}}[5m])) * 60', "{{application}}")], unit="short")
write(b, "upgrade-assist-kafka.json")

# 3. outbox and DLT
b = Board("ua-outbox-dlt", "Upgrade Assist: outbox and dead letters",
          "Transactional outbox relay health and dead-letter topics. Alerts: OutboxNotDraining, EventsDeadLettered.")
b.row("Outbox")
b.panel("stat", "Oldest pending event (max)", [(f'max(upgrade_assist_outbox_oldest_pending_seconds{{{APP}}})', "oldest")], w=6, h=5, unit="s",
        extra={"fieldConfig": {"defaults": {"unit": "s", "thresholds": {"mode": "absolute", "steps": [
            {"color": "green", "value": None}, {"color": "orange", "value": 10}, {"color": "red", "value": 60}]}}, "overrides": []}})
b.panel("stat", "Pending events (total)", [(f'sum(upgrade_assist_outbox_pending{{{APP}}})', "pending")], w=6, h=5, unit="short")
b.panel("stat", "Dead-lettered (selected time range)", [(f'sum(increase(upgrade_assist_events_dead_lettered_total{{{APP}}}[$__range]))', "dead-lettered")], w=6, h=5, unit="short",
        extra={"fieldConfig": {"defaults": {"unit": "short", "thresholds": {"mode": "absolute", "steps": [
            {"color": "green", "value": None}, {"color": "red", "value": 1}]}}, "overrides": []}})
b.panel("stat", "Duplicates ignored (selected time range)", [(f'sum(increase(upgrade_assist_events_duplicates_total{{{APP}}}[$__range]))', "duplicates")], w=6, h=5, unit="short")
b.panel("timeseries", "Oldest pending outbox event by service",
        [(f'max by (application) (upgrade_assist_outbox_oldest_pending_seconds{{{APP}}})', "{{application}}")], unit="s",
        description="Age of the oldest event written with a state change but not yet published to Kafka. Above 60 s the OutboxNotDraining alert fires.")
b.panel("timeseries", "Pending outbox events by service",
        [(f'sum by (application) (upgrade_assist_outbox_pending{{{APP}}})', "{{application}}")], unit="short")
b.row("Dead-letter topics")
b.panel("timeseries", "Records dead-lettered per minute by topic",
        [(f'sum by (application, topic) (rate(upgrade_assist_events_dead_lettered_total{{{APP}}}[5m])) * 60', "{{application}} {{topic}}")], w=24, unit="short",
        description="Each series is a consuming service and the source topic; the records are in <topic>-dlt. docs/runbooks/ explains re-driving them.")
b.panel("timeseries", "Duplicates and skipped types per minute",
        [(f'sum by (application) (rate(upgrade_assist_events_duplicates_total{{{APP}}}[5m])) * 60', "{{application}} duplicates"),
         (f'sum by (application) (rate(upgrade_assist_events_skipped_total{{{APP}}}[5m])) * 60', "{{application}} skipped")], unit="short")
b.panel("timeseries", "Notifications failed per minute",
        [(f'sum by (template) (rate(upgrade_assist_notifications_total{{{APP}, outcome="failed"}}[5m])) * 60', "{{template}}")], unit="short")
write(b, "upgrade-assist-outbox-dlt.json")
