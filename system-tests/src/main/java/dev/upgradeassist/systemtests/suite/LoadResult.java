package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.load.Scenario;
import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.util.List;
import java.util.Map;

/** The load phase: R requests/s for D seconds, open loop, then the wait until every request finished. */
public record LoadResult(double rate, int seconds, int drainMinutes, Offered offered, Latencies latencies,
                         Completion completion, Map<String, Long> peakLag, long drainedMillis, Map<Service, Long> rssPeak,
                         Map<String, Long> rssEnd, Verdict verdict, DuplicateEvidence evidence,
                         TimeSpent timeSpent) implements PartResult {

    public LoadResult {
        peakLag = Immutable.map(peakLag);
        rssPeak = Immutable.map(rssPeak);
        rssEnd = Immutable.map(rssEnd);
    }

    /** What was submitted over how long, and how much of it was accepted. */
    public record Offered(int submitted, int accepted, long retries, double windowSeconds) {
        public double perSecond() {
            return Figures.perSecond(submitted, windowSeconds);
        }
    }

    /**
     * {@code firstMail}: in the mailbox for the tracker's sample, from the topic for the others ({@link
     * dev.upgradeassist.systemtests.load.Tracked#mailFromTopic}); {@code firstMailInMailbox}: the sample alone.
     * {@code finalStatus}: over HTTP for the tracker's status sample, from the topic for the others ({@link
     * dev.upgradeassist.systemtests.load.Tracked#statusFromTopic}); {@code finalStatusOverHttp}: the sample alone.
     */
    public record Latencies(Latency firstMail, Latency firstMailInMailbox, Latency ledgerFirstSent, Latency finalStatus,
                            Latency finalStatusOverHttp, Map<Scenario, Latency> finalByScenario, Latency post) {
        public Latencies {
            finalByScenario = Immutable.map(finalByScenario);
        }
    }

    /**
     * How the requests finished: {@code done} of them from the first submission until the last
     * completion ({@code seconds}); the backlog when the load stopped; those still unfinished after
     * the wait; when the last one finished after the load stopped (NaN when one did not).
     */
    public record Completion(int done, double seconds, double perSecond, long backlogAtStop, int unfinished,
                             double lastDoneAfterStopSeconds) {
    }

    @Override
    public List<PassLine> passLines() {
        Latency firstMail = latencies.firstMail();
        return List.of(new PassLine(String.format("%.0f req/s for %d s with p99 submit→first email ≤ 1 s", rate, seconds),
                Figures.firstMailWithinLimit(firstMail.ms(99)) && completion.unfinished() == 0 && verdict.lost == 0,
                String.format("p99 %s ms at %.1f req/s offered; %s", Latency.f(firstMail.ms(99)), offered.perSecond(),
                        completion.unfinished() == 0 ? "all finished"
                                : completion.unfinished() + " not finished " + drainMinutes + " min after the load stopped")));
    }
}
