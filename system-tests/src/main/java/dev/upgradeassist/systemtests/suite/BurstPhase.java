package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.load.Tracked;
import dev.upgradeassist.systemtests.load.Tracker;
import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code count} submissions as fast as {@code concurrency} clients can, then the time until all are fully processed. */
public final class BurstPhase {

    private final int count;
    private final int concurrency;
    private final Consumer<String> log;

    public BurstPhase(int count, int concurrency, Consumer<String> log) {
        this.count = count;
        this.concurrency = concurrency;
        this.log = log;
    }

    public BurstResult run(SystemUnderTest sut) throws Exception {
        log.accept("== Burst: " + count + " submissions as fast as 32 clients can");
        StackProbes probes = new StackProbes(sut, log);
        Map<String, Long> endsBefore = probes.topicEnds();
        long start = System.nanoTime();
        List<Tracked> requests = sut.load.burst("burst", count, concurrency);
        long submitted = System.nanoTime();
        List<Tracked> open = Tracker.await(requests, Duration.ofMinutes(10));
        long lastDone = Tracker.lastDoneNanos(requests);
        long drained = sut.lag.drainMillis(submitted, System.nanoTime());
        Map<String, Long> endsAfter = probes.topicEnds();
        long events = endsAfter.entrySet().stream().mapToLong(e -> e.getValue() - endsBefore.getOrDefault(e.getKey(), 0L)).sum();
        double seconds = Figures.secondsUntil(start, lastDone);
        var firstMail = RequestLatency.firstMail(requests);
        var finalStatus = RequestLatency.finalStatus(requests);
        Verdict verdict = sut.verifier.verify(requests, List.of(), Duration.ofMinutes(5));
        log.accept(String.format("  burst fully processed in %.1f s; verdict %s", seconds, verdict));
        Map<String, Long> peakLag = sut.lag.peak(start, System.nanoTime());
        probes.purgeMail();
        return new BurstResult(count, Figures.seconds(start, submitted), seconds, events, firstMail, finalStatus, peakLag, drained,
                open.size(), verdict, DuplicateEvidence.collect(verdict, LoadPhase.notificationLog(sut)));
    }
}
