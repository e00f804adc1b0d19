package dev.upgradeassist.systemtests.report;

import dev.upgradeassist.systemtests.load.Scenario;
import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.suite.LoadResult;
import dev.upgradeassist.systemtests.suite.Verdicts;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's section "1. Load". */
final class LoadSection {

    private LoadSection() {
    }

    static String render(LoadResult r) {
        LoadResult.Offered offered = r.offered();
        LoadResult.Latencies latencies = r.latencies();
        LoadResult.Completion completion = r.completion();
        boolean allFinished = completion.unfinished() == 0;
        StringBuilder s = new StringBuilder(String.format("## 1. Load: %.0f requests/s for %d s%n%n", r.rate(), r.seconds()));
        s.append(String.format("Offered %,d submissions in %.0f s (%.1f/s), open loop; accepted %,d; %d POST retries. "
                        + "Mix per 100: %s.%n%n", offered.submitted(), offered.windowSeconds(), offered.perSecond(), offered.accepted(),
                offered.retries(), mixText()));
        s.append(Latency.header()).append('\n');
        s.append(latencies.firstMail().row("submit → first email (in the mailbox for the sample below, "
                + "`NotificationSent` read from the topic for the others)")).append('\n');
        s.append(latencies.firstMailInMailbox().row("  … in the requester's mailbox (GreenMail REST poll; the tracker's "
                + "sample, 1 request in `systemtests.mailboxPollEvery`)")).append('\n');
        s.append(latencies.ledgerFirstSent().row("submit → first email accepted by SMTP (ledger `sentAt`, ms clock)")).append('\n');
        s.append(latencies.finalStatus().row("submit → final status (GET /api/v1/upgrade-requests/{id} for the sample below, "
                + "the final event read from the topic for the others)")).append('\n');
        s.append(latencies.finalStatusOverHttp().row("  … read over GET /api/v1/upgrade-requests/{id} (the tracker's sample, 1 "
                + "request in `systemtests.statusPollEvery`)")).append('\n');
        for (Scenario scenario : Scenario.values()) {
            s.append(latencies.finalByScenario().get(scenario).row("  … final status " + scenario.finalStatus() + " (" + scenario + ")"))
                    .append('\n');
        }
        s.append(latencies.post().row("POST /api/v1/upgrade-requests → 202")).append('\n');
        s.append(String.format("%nThroughput: %.1f requests/s offered; %.1f/s completed (%,d requests finished between the first "
                        + "submission and the last completion, %.0f s); %,d requests were still unfinished when the load stopped; %s.%n%n",
                offered.perSecond(), completion.perSecond(), completion.done(), completion.seconds(), completion.backlogAtStop(),
                allFinished ? String.format("the last one finished %.1f s after the load stopped", completion.lastDoneAfterStopSeconds())
                        : String.format("**%,d were still unfinished %d minutes after the load stopped** (their latencies count "
                        + "as the time waited, so the percentiles above are lower bounds)", completion.unfinished(), r.drainMinutes())));
        s.append("Consumer lag (AdminClient: end offsets − committed offsets over the consumed topics, sampled every second):\n\n");
        s.append(PartSections.lagTable(r.peakLag()));
        s.append(String.format("%nLag drained (every group at 0 for good) %s after the load stopped.%n%n",
                PartSections.drainedText(r.drainedMillis())));
        s.append("| service | RSS peak during load | RSS after |\n|---|---:|---:|\n");
        for (Service service : Service.values()) {
            s.append(String.format("| %s | %d MB | %d MB |%n", service.id(), r.rssPeak().getOrDefault(service, -1L) / 1024,
                    r.rssEnd().get(service.id()) / 1024));
        }
        s.append("\nCorrectness of the load phase").append(allFinished ? "" : String.format(" (the %,d finished requests; "
                        + "the %,d still in the backlog are not counted as lost)", completion.done(), completion.unfinished())).append(": ")
                .append(Verdicts.fullLine(r.verdict())).append("\n\n");
        s.append(PartSections.evidence(r.evidence()));
        s.append("Emails per request (ledger, to the requester) by scenario: ").append(r.verdict().templatesByScenario).append("\n\n");
        s.append(TimeTables.loadPhase(r.timeSpent()));
        return s.toString();
    }

    /** The mix of scenarios per 100 requests. */
    static String mixText() {
        Map<Scenario, Long> mix = new EnumMap<>(Scenario.class);
        for (int n = 1; n <= 100; n++) {
            mix.merge(Scenario.forRequest(n), 1L, Long::sum);
        }
        return mix.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + " (→ " + e.getKey().finalStatus() + ")")
                .collect(Collectors.joining(", "));
    }
}
