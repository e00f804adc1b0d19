package dev.upgradeassist.systemtests.report;

import dev.upgradeassist.systemtests.stack.HarnessStack;
import dev.upgradeassist.systemtests.suite.BaselineResult;
import dev.upgradeassist.systemtests.suite.BurstResult;
import dev.upgradeassist.systemtests.suite.CapacityResult;
import dev.upgradeassist.systemtests.suite.DuplicateEvidence;
import dev.upgradeassist.systemtests.suite.FaultPhaseResult;
import dev.upgradeassist.systemtests.suite.FaultResult;
import dev.upgradeassist.systemtests.suite.ProcessStarts;
import dev.upgradeassist.systemtests.suite.Verdicts;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's sections of the baselines, the burst, the capacity steps, the faults and the process starts. */
final class PartSections {

    private PartSections() {
    }

    static String baselines(BaselineResult b) {
        var pMax = b.producerMax();
        var pLat = b.producerLatency();
        var consumer = b.consumer();
        StringBuilder s = new StringBuilder("## 2. Baselines (same broker, same run, before the services started)\n\n");
        s.append("| baseline | records | throughput | latency p50 / p95 / p99 / p99.9 / max |\n|---|---:|---:|---|\n");
        s.append(String.format("| ProducerPerformance, 512 B, acks=all, unthrottled | %,d | %,.0f rec/s (%.1f MB/s) | %.0f / %.0f / %.0f / %.0f / %.0f ms |%n",
                pMax.records(), pMax.recordsPerSec(), pMax.mbPerSec(), pMax.p50Ms(), pMax.p95Ms(), pMax.p99Ms(), pMax.p999Ms(), pMax.maxMs()));
        s.append(String.format("| ProducerPerformance, 1,500 B, acks=all, linger 0, 500 rec/s | %,d | %,.0f rec/s | %.0f / %.0f / %.0f / %.0f / %.0f ms |%n",
                pLat.records(), pLat.recordsPerSec(), pLat.p50Ms(), pLat.p95Ms(), pLat.p99Ms(), pLat.p999Ms(), pLat.maxMs()));
        s.append(String.format("| ConsumerPerformance | %,d | %,.0f msg/s (%.1f MB/s) | – |%n", consumer.messages(),
                consumer.messagesPerSec(), consumer.mbPerSec()));
        s.append(String.format("| bare 3-hop chain at %.0f/s (end to end) | %,d | %.1f rec/s | %s |%n", b.chainRate(),
                b.chainSteady().records(), b.chainSteady().perSecond(), latencyText(Latency.of(b.chainSteady().latencyMicros()))));
        s.append(String.format("| bare 3-hop chain, burst of %,d | %,d | %,.0f rec/s (all through in %.2f s) | %s |%n",
                b.chainBurst().records(), b.chainBurst().records(), b.chainBurst().perSecond(), b.chainBurst().seconds(),
                latencyText(Latency.of(b.chainBurst().latencyMicros()))));
        s.append(String.format("| bare 3-hop chain, 50,000 as fast as possible | %,d | %,.0f rec/s | %s |%n", b.chainMax().records(),
                b.chainMax().perSecond(), latencyText(Latency.of(b.chainMax().latencyMicros()))));
        s.append("\nThe bare chain is plain kafka-clients in the harness JVM: a producer writes 1.5 KB records keyed by a UUID to "
                        + "`systemtests.chain-*.0`; three consumer groups forward 0→1→2 and consume 2, each committing synchronously after every "
                        + "polled batch once its forwarded records are acknowledged (acks=all, idempotent, linger 0) — the Kafka work of "
                        + "the pipeline's three hops without MongoDB, SMTP, HTTP or JSON.\n\nCommands:\n\n```\n")
                .append(pMax.command()).append('\n').append(pLat.command()).append('\n').append(consumer.command()).append("\n```\n");
        return s.toString();
    }

    static String burst(BurstResult r) {
        StringBuilder s = new StringBuilder(String.format("## 1b. Burst: %,d submissions at once%n%n", r.count()));
        s.append(String.format("Submitted by 32 concurrent clients in %.1f s (%.0f/s accepted). Fully processed (every request in its "
                        + "final status and its first email received) %.1f s after the first submission: %.1f requests/s, "
                        + "%,d events written to the four topics (%.0f events/s).%n%n", r.submitSeconds(), r.acceptedPerSecond(),
                r.seconds(), r.requestsPerSecond(), r.events(), r.eventsPerSecond()));
        s.append(Latency.header()).append('\n').append(r.firstMail().row("submit → first email")).append('\n')
                .append(r.finalStatus().row("submit → final status")).append("\n\n");
        s.append(lagTable(r.peakLag()));
        s.append(String.format("%nLag drained %s after the last submission was accepted.%n%n", drainedText(r.drainedMillis())));
        s.append("Correctness of the burst: ").append(Verdicts.fullLine(r.verdict())).append("\n");
        s.append(evidence(r.evidence()));
        return s.toString();
    }

    static String capacity(CapacityResult r) {
        StringBuilder s = new StringBuilder(String.format("## 1c. Capacity: the offered rate stepped up, %d s per step%n%n", r.stepSeconds()));
        s.append("| offered req/s | requests | first email p50 / p99 / max | final status p50 / p99 / max | all finished | mongo CPU | all processes CPU |\n");
        s.append("|---:|---:|---:|---:|---|---:|---:|\n");
        for (CapacityResult.Step step : r.steps()) {
            Latency first = step.firstMail();
            Latency fin = step.finalStatus();
            s.append(String.format("| %.0f | %,d | %s / %s / %s ms | %s / %s / %s ms | %s | %.0f%% of a core | %.0f%% of %d cores |%n",
                    step.rate(), step.requests(), Latency.f(first.ms(50)), Latency.f(first.ms(99)), Latency.f(first.maxMs()),
                    Latency.f(fin.ms(50)), Latency.f(fin.ms(99)), Latency.f(fin.maxMs()),
                    step.keptUp() ? String.format("yes, %.1f s after the step", step.finishedAfterSeconds())
                            : step.unfinished() + " unfinished 30 s after the step",
                    step.mongoCores() * 100, Figures.percentOfMachine(step.allCores(), step.cores()), step.cores()));
        }
        s.append(String.format("%nHighest offered rate with p99 submit → first email ≤ 1 s: %s; highest rate the pipeline kept up "
                        + "with (every request finished within 30 s of the step's end): %s. Each step starts with the data of the "
                        + "steps before it.%n", rateText(r.p99Rate()), rateText(r.sustainedRate())));
        r.lastKeptUp().ifPresent(k -> s.append('\n')
                .append(String.format("### Where the time goes at %.0f requests/s (every request of the step finished)%n%n", k.rate()))
                .append(TimeTables.cpuAndMongo(k.use(), String.format("the %.0f req/s step until its last request finished", k.rate())))
                .append(String.format("%nOf intake-service's `request_views:find`, %.1f per request are the harness's own status polls.%n%n",
                        k.statusPollsPerRequest())));
        return s.toString();
    }

    private static String rateText(double rate) {
        return Double.isNaN(rate) ? "none of the steps" : String.format("%.0f req/s", rate);
    }

    static String faults(FaultPhaseResult phase) {
        StringBuilder s = new StringBuilder(String.format("## 3. Faults under a steady %.0f requests/s%n%n", phase.rate()));
        s.append(String.format("%,d requests over %.0f s; each fault is checked on the requests submitted from 60 s before it "
                + "until it has recovered (replay: on every request so far), the whole phase once more at the end.%n%n",
                phase.requests(), phase.seconds()));
        s.append("| fault | time to healthy / ready | recovery (every earlier request done) | requests checked | first email p99 / max | lost | new dup emails (crash window) | new dup links | note |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (FaultResult r : phase.faults()) {
            Verdict v = r.verdict();
            s.append(String.format("| %s | %s | %.1f s | %,d | %s / %s ms | %d | %d (%d) | %d | %s |%n", r.fault(),
                    r.restartMillis() > 0 ? String.format("%.1f s", r.restartMillis() / 1000.0) : "–", r.recoverySeconds(),
                    r.requestsInWindow(), Latency.f(r.firstMail().ms(99)), Latency.f(r.firstMail().maxMs()), v.lost + v.notAccepted,
                    r.duplicates().emails() + r.duplicates().templates(), r.duplicates().crashWindow(), r.duplicates().links(),
                    (r.note() + (v.examples.isEmpty() ? "" : " — e.g. " + v.examples.get(0))).replace("|", "/")));
        }
        s.append("\nWhole fault phase: ").append(Verdicts.fullLine(phase.total())).append("\n");
        if (!phase.total().examples.isEmpty()) {
            s.append("\n```\n").append(String.join("\n", phase.total().examples)).append("\n```\n");
        }
        return s.toString();
    }

    static String starts(ProcessStarts p) {
        StringBuilder s = new StringBuilder("## Process starts\n\n");
        s.append("Every component is its own operating-system process, started by the harness the way `run-local.sh` starts it "
                + "(the services with run-local.sh's JVM flags, `--spring.profiles.active=local`, ports of their own), a fresh "
                + "stack for each part of the run (data under `").append(p.workDirectory()).append("`). "
                + "Time from the process start until its port accepts connections (infrastructure) or `/actuator/health` "
                + "answers UP (services); RSS (`VmRSS`) at that moment:\n\n");
        s.append("| process | how | n | time to ready: min / median / max | RSS at ready: median |\n|---|---|---:|---:|---:|\n");
        Map<String, List<HarnessStack.Start>> groups = new TreeMap<>();
        for (HarnessStack.Start start : p.starts()) {
            groups.computeIfAbsent(start.name() + "|" + start.kind(), k -> new ArrayList<>()).add(start);
        }
        groups.forEach((key, starts) -> {
            List<Long> ms = starts.stream().map(HarnessStack.Start::millisToReady).sorted().toList();
            List<Long> rss = starts.stream().map(HarnessStack.Start::rssKibAtReady).sorted().toList();
            String[] parts = key.split("\\|", 2);
            s.append(String.format("| %s | %s | %d | %.1f / %.1f / %.1f s | %d MB |%n", parts[0], parts[1], ms.size(),
                    ms.get(0) / 1000.0, ms.get(ms.size() / 2) / 1000.0, ms.get(ms.size() - 1) / 1000.0, rss.get(rss.size() / 2) / 1024));
        });
        return s.toString();
    }

    static String lagTable(Map<String, Long> peakLag) {
        StringBuilder s = new StringBuilder("| group | peak lag (records) |\n|---|---:|\n");
        peakLag.forEach((g, l) -> s.append("| ").append(g).append(" | ").append(String.format("%,d", l)).append(" |\n"));
        return s.toString();
    }

    static String drainedText(long drainedMillis) {
        return drainedMillis < 0 ? "NOT within the wait" : String.format("%.1f s", drainedMillis / 1000.0);
    }

    static String latencyText(Latency l) {
        return String.format("%s / %s / %s / %s / %s ms", Latency.f(l.ms(50)), Latency.f(l.ms(95)), Latency.f(l.ms(99)),
                Latency.f(l.ms(99.9)), Latency.f(l.maxMs()));
    }

    /** What notification-service logged about the ledger key of each duplicate email. */
    static String evidence(DuplicateEvidence evidence) {
        if (evidence.items().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (DuplicateEvidence.Item item : evidence.items()) {
            out.append("\n").append(item.example()).append("; notification-service logged about this key:\n\n```\n");
            item.logLines().forEach(line -> out.append(line).append('\n'));
            if (item.unreadable() != null) {
                out.append("(log not readable: ").append(item.unreadable()).append(")\n");
            }
            out.append("```\n");
        }
        return out.append('\n').toString();
    }
}
