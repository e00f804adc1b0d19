package dev.upgradeassist.systemtests.report;

import dev.upgradeassist.systemtests.metrics.MongoCommandCounts;
import dev.upgradeassist.systemtests.metrics.PrometheusText;
import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.suite.ResourceUse;
import dev.upgradeassist.systemtests.suite.ThreadCpu;
import dev.upgradeassist.systemtests.suite.TimeSpent;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** "Where the time goes": CPU per process, MongoDB commands per request, the harness's polling, JFR profiles. */
final class TimeTables {

    private TimeTables() {
    }

    /** CPU per process and MongoDB commands per request over {@code phase}. */
    static String cpuAndMongo(ResourceUse use, String phase) {
        int requests = use.requests();
        StringBuilder s = new StringBuilder();
        s.append("CPU time per process over " + phase + " (from `/proc/<pid>/stat`; the machine has ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores):\n\n");
        s.append("| process | CPU s | CPU ms per request |\n|---|---:|---:|\n");
        for (String name : use.cpuBefore().keySet()) {
            long ms = use.cpuMillis(name);
            s.append(String.format("| %s | %.1f | %.1f |%n", name, ms / 1000.0, Figures.perRequest(ms, requests)));
        }
        long totalCpu = use.cpuMillisOfAll();
        s.append(String.format("| **all** | %.1f | %.1f |%n%n", totalCpu / 1000.0, Figures.perRequest(totalCpu, requests)));

        s.append("MongoDB round trips per request (the commands the MongoDB-protocol server served on each service's "
                + "database, as it counted them, difference over " + phase + " ÷ requests), the time the server took to "
                + "serve them, and the time in Kafka listeners (each service's `spring_kafka_listener_seconds`):\n\n");
        s.append("| service | commands / request | top collection:command / request | MongoDB server ms / request | listener ms / request |\n|---|---:|---|---:|---:|\n");
        for (Service service : Service.values()) {
            String before = use.scrapeBefore().get(service);
            String after = use.scrapeAfter().get(service);
            Map<String, Double> countBefore = PrometheusText.sumBy(before, MongoCommandCounts.COMMANDS, "collection", "command");
            Map<String, Double> countAfter = PrometheusText.sumBy(after, MongoCommandCounts.COMMANDS, "collection", "command");
            Map<String, Double> delta = new TreeMap<>();
            countAfter.forEach((k, v) -> delta.put(k, v - countBefore.getOrDefault(k, 0.0)));
            double total = delta.values().stream().mapToDouble(Double::doubleValue).sum();
            String by = delta.entrySet().stream().filter(e -> Figures.perRequest(e.getValue(), requests) >= 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .map(e -> String.format("%s %.1f", e.getKey(), Figures.perRequest(e.getValue(), requests)))
                    .collect(Collectors.joining(", "));
            s.append(String.format("| %s | %.1f | %s | %.1f | %.1f |%n", service.id(), Figures.perRequest(total, requests),
                    by.isEmpty() ? "(no command counts from the MongoDB-protocol server)" : by,
                    Figures.perRequest(PrometheusText.delta(before, after, MongoCommandCounts.SECONDS) * 1000, requests),
                    Figures.perRequest(PrometheusText.delta(before, after, "spring_kafka_listener_seconds_sum") * 1000, requests)));
        }
        return s.toString();
    }

    /** Thread groups that took at least this share of their process's CPU (or 0.3 ms per request) are listed. */
    private static final double LISTED_SHARE = 0.03;

    /**
     * Per process, the thread groups that took its CPU (the kernel's accounting per thread: native and kernel time
     * included, which a JFR sample does not see), with the part spent in the kernel.
     */
    static String threadGroups(ThreadCpu.Use threads, int requests) {
        if (threads.byProcess().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("CPU per thread group of each process (from `/proc/<pid>/task/<tid>/stat`, every "
                + "thread read every 5 s from the start of the load until every request finished; threads named by "
                + "`jcmd Thread.print` mid-load, numbers made N; groups under 3 % of their process and 0.3 ms per "
                + "request are left out):\n\n");
        s.append("| process | thread group | CPU ms per request | of which kernel | share of the process |\n|---|---|---:|---:|---:|\n");
        threads.byProcess().forEach((process, groups) -> {
            long total = groups.stream().mapToLong(ThreadCpu.Group::millis).sum();
            for (ThreadCpu.Group group : groups) {
                double perRequest = Figures.perRequest(group.millis(), requests);
                double share = total == 0 ? 0 : (double) group.millis() / total;
                if (share < LISTED_SHARE && perRequest < 0.3) {
                    continue;
                }
                s.append(String.format("| %s | `%s` | %.2f | %.2f | %.0f %% |%n", process, group.name(), perRequest,
                        Figures.perRequest(group.systemMillis(), requests), share * 100));
            }
        });
        return s.append('\n').toString();
    }

    /** The load phase's "where the time goes". */
    static String loadPhase(TimeSpent t) {
        int requests = t.use().requests();
        StringBuilder s = new StringBuilder("### Where the time goes (load phase)\n\n");
        s.append(cpuAndMongo(t.use(), "the load phase"));
        s.append(threadGroups(t.threads(), requests));
        if (t.offsetRecords() >= 0) {
            s.append(String.format("Offset commits: %,d records written to `__consumer_offsets` in this phase (%.2f per "
                            + "request; one per partition in each commit of a consumer group).%n",
                    t.offsetRecords(), Figures.perRequest(t.offsetRecords(), requests)));
        }
        s.append(String.format("%nThe harness itself polled the status %,d times (%.1f per request: each poll is one "
                        + "`request_views` find on intake-service) and GreenMail %,d times (%.1f per request) in this phase%s.%n%n",
                t.statusPolls(), Figures.perRequest(t.statusPolls(), requests), t.mailPolls(),
                Figures.perRequest(t.mailPolls(), requests), gate(t.gate())));
        if (t.mailPollLateMicros() != null && t.statusPollLateMicros() != null) {
            s.append(String.format("How late the harness's polls ran after they were due (its throttles: %s mail and %s status "
                            + "polls/s; a polled latency is over-stated by up to this much plus one poll interval): mail p50 %.1f / "
                            + "p99 %.1f / max %.1f ms, status p50 %.1f / p99 %.1f / max %.1f ms.%n%n",
                    Integer.getInteger("systemtests.maxMailPolls", 300), Integer.getInteger("systemtests.maxStatusPolls", 200),
                    t.mailPollLateMicros().getValueAtPercentile(50) / 1000.0, t.mailPollLateMicros().getValueAtPercentile(99) / 1000.0,
                    t.mailPollLateMicros().getMaxValue() / 1000.0, t.statusPollLateMicros().getValueAtPercentile(50) / 1000.0,
                    t.statusPollLateMicros().getValueAtPercentile(99) / 1000.0, t.statusPollLateMicros().getMaxValue() / 1000.0));
        }
        s.append(stageTimer(t.use()));
        if (!t.duplicateKeyErrors().isEmpty()) {
            s.append("The MongoDB-protocol server logged a DuplicateKeyError with its stack trace for refused inserts "
                    + "(insert-first idempotency and ledger patterns), per request: ");
            s.append(t.duplicateKeyErrors().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format("%s %.2f", e.getKey(), Figures.perRequest(e.getValue(), requests)))
                    .collect(Collectors.joining(", ")));
            s.append(".\n\n");
        }
        if (!t.profiles().isEmpty()) {
            s.append(profiles(t));
        }
        return s.toString();
    }

    /** The gate's part of the polling sentence: what it spared, what the safety net still polled, what it read. */
    static String gate(TimeSpent.Gate g) {
        if (g == null) {
            return " (every due poll called: no gate by the topics)";
        }
        return String.format(" (gated by the topics: %,d status and %,d mail polls skipped; %,d polls made by the safety net "
                        + "with the gate still closed, %,d due ones not made because the harness's topic reader was caught "
                        + "up; %,d first emails taken from the topic without a mail poll; %,d final statuses taken from the "
                        + "topic without a status poll; the harness read %,d events and caught up with the topics' end "
                        + "%,d times%s)",
                g.statusPollsGated(), g.mailPollsGated(), g.safetyNetPolls(), g.safetyNetCovered(), g.mailsFromTopic(),
                g.statusesFromTopic(), g.eventsRead(), g.caughtUp(),
                g.readErrors() == 0 ? "" : String.format(", %,d read errors", g.readErrors()));
    }

    private static String stageTimer(ResourceUse use) {
        Map<String, Double> stageSum = new TreeMap<>();
        Map<String, Double> stageCount = new TreeMap<>();
        for (Service service : Service.values()) {
            String after = use.scrapeAfter().get(service);
            String before = use.scrapeBefore().get(service);
            PrometheusText.sumBy(after, "upgrade_assist_request_stage_seconds_sum", "stage").forEach((k, v) -> stageSum.merge(k, v, Double::sum));
            PrometheusText.sumBy(before, "upgrade_assist_request_stage_seconds_sum", "stage").forEach((k, v) -> stageSum.merge(k, -v, Double::sum));
            PrometheusText.sumBy(after, "upgrade_assist_request_stage_seconds_count", "stage").forEach((k, v) -> stageCount.merge(k, v, Double::sum));
            PrometheusText.sumBy(before, "upgrade_assist_request_stage_seconds_count", "stage").forEach((k, v) -> stageCount.merge(k, -v, Double::sum));
        }
        if (stageCount.isEmpty()) {
            return "";
        }
        return "The services' own stage timer (`upgrade_assist_request_stage_seconds`, mean over the load phase): "
                + stageCount.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> String.format("%s %.2f s (n=%.0f)",
                e.getKey(), stageSum.getOrDefault(e.getKey(), 0.0) / e.getValue(), e.getValue())).collect(Collectors.joining(", "))
                + ".\n\n";
    }

    private static String profiles(TimeSpent t) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%nJDK Flight Recorder, %d s in the middle of the load (`jcmd <pid> JFR.start settings=profile`), "
                + "execution samples charged to the innermost frame of a known library:%n%n", t.profileSeconds()));
        for (Map.Entry<String, Profiler.Summary> p : t.profiles().entrySet()) {
            Profiler.Summary summary = p.getValue();
            s.append("**").append(p.getKey()).append("** (").append(summary.samples()).append(" samples): ");
            s.append(summary.byLibrary().stream().limit(8).map(e -> String.format("%s %.0f%%", e.getKey(),
                    Figures.percentOf(e.getValue(), summary.samples()))).collect(Collectors.joining(", ")));
            s.append("  \nhottest methods: ");
            s.append(summary.topMethods().stream().limit(6).map(e -> String.format("`%s` %.0f%%", shortMethod(e.getKey()),
                    Figures.percentOf(e.getValue(), summary.samples()))).collect(Collectors.joining(", ")));
            if (p.getKey().equals("mongo")) {
                s.append("  \nby operation: ");
                s.append(summary.byOperation().stream().map(e -> String.format("%s %.0f%%", e.getKey(),
                        Figures.percentOf(e.getValue(), summary.samples()))).collect(Collectors.joining(", ")));
            }
            s.append("\n\n");
        }
        s.append("Recordings: `").append(t.profilesDirectory())
                .append("/*.jfr` (open with `jfr print --events jdk.ExecutionSample` or JDK Mission Control).\n\n");
        return s.toString();
    }

    /** {@code a.b.C.method} → {@code C.method}. */
    static String shortMethod(String method) {
        String[] parts = method.split("\\.");
        return parts.length <= 2 ? method : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
