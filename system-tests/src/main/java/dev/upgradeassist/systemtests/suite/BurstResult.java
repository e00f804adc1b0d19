package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.util.List;
import java.util.Map;

/**
 * A burst of {@code count} submissions at once: submitted in {@code submitSeconds}, fully processed
 * {@code seconds} after the first submission (NaN when not all were), {@code events} written to the topics.
 */
public record BurstResult(int count, double submitSeconds, double seconds, long events, Latency firstMail,
                          Latency finalStatus, Map<String, Long> peakLag, long drainedMillis, int unfinished,
                          Verdict verdict, DuplicateEvidence evidence) implements PartResult {

    public BurstResult {
        peakLag = Immutable.map(peakLag);
    }

    public double acceptedPerSecond() {
        return Figures.perSecond(count, submitSeconds);
    }

    public double requestsPerSecond() {
        return Figures.perSecond(count, seconds);
    }

    public double eventsPerSecond() {
        return Figures.perSecond(events, seconds);
    }

    @Override
    public List<PassLine> passLines() {
        return List.of(new PassLine(String.format("burst of %,d fully processed within 2 minutes", count),
                unfinished == 0 && Figures.burstWithinLimit(seconds),
                unfinished == 0 ? String.format("%.1f s", seconds) : unfinished + " unfinished after 10 min"));
    }
}
