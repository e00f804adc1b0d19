package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.kafka.KafkaProbe;
import dev.upgradeassist.systemtests.load.LoadGenerator;
import dev.upgradeassist.systemtests.load.Tracked;
import dev.upgradeassist.systemtests.load.Tracker;
import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.suite.faults.Fault;
import dev.upgradeassist.systemtests.suite.faults.FaultContext;
import dev.upgradeassist.systemtests.suite.faults.Recovery;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The faults, one after the other, under a steady load. Each is checked on the requests submitted
 * from 60 s before it until it has recovered (a replay: on every request so far); the whole phase
 * once more at the end.
 */
public final class FaultPhase {

    private static final long WINDOW_BEFORE_NANOS = 60_000_000_000L;

    private final double rate;
    private final List<Fault> faults;
    private final Consumer<String> log;

    public FaultPhase(double rate, List<Fault> faults, Consumer<String> log) {
        this.rate = rate;
        this.faults = List.copyOf(faults);
        this.log = log;
    }

    public FaultPhaseResult run(SystemUnderTest sut) throws Exception {
        log.accept("== Faults under a steady " + rate + " req/s");
        LoadGenerator.Steady steady = sut.load.steady("faults", rate);
        StackProbes probes = new StackProbes(sut, log);
        FaultContext context = new FaultContext(sut, probes, steady, log);
        List<FaultResult> results = new ArrayList<>();
        List<PassLine> faultLines = new ArrayList<>();
        List<KafkaProbe.Poison> allPoison = new ArrayList<>();
        Set<String> seenDuplicates = new HashSet<>();
        Thread.sleep(10_000);
        for (Fault fault : faults) {
            fault.prepare(context);
            log.accept("  " + fault.description());
            Optional<String> deadLetterLine = fault.nothingDeadLetteredLine();
            double deadLetteredBefore = deadLetterLine.isPresent() ? probes.deadLettered() : Double.NaN;
            long t0 = System.nanoTime();
            Recovery recovery = fault.inject(context).recover();
            allPoison.addAll(recovery.poison());
            recovery.line().ifPresent(faultLines::add);
            Check check = recovery.scope() == Recovery.Scope.EVERY_REQUEST
                    ? checkEveryRequest(sut, recovery.fault(), t0, steady)
                    : checkAround(sut, recovery.fault(), t0, steady, recovery.poison());
            double deadLettered = deadLetterLine.isPresent() ? probes.deadLettered() - deadLetteredBefore : Double.NaN;
            deadLetterLine.ifPresent(line -> faultLines.add(new PassLine(line, deadLettered == 0,
                    String.format("%.0f dead-lettered", deadLettered))));
            NewDuplicates duplicates = NewDuplicates.of(seenDuplicates, check.verdict().duplicateKeys, check.verdict().crashWindowKeys);
            seenDuplicates.addAll(check.verdict().duplicateKeys);
            results.add(new FaultResult(recovery.fault(), fault.when(), recovery.readyMillis(), check.recoverySeconds(),
                    check.requests(), check.firstMail(), check.verdict(), recovery.note().text(deadLettered), duplicates,
                    fault.restartsAService()));
        }

        Thread.sleep(10_000);
        steady.stop();
        List<Tracked> all = steady.requests();
        log.accept("  faults done; waiting for all " + all.size() + " requests, then the full check");
        List<Tracked> open = Tracker.await(all, Duration.ofMinutes(10));
        Verdict total = sut.verifier.verify(all, allPoison, Duration.ofMinutes(6));
        log.accept("  fault phase verdict: " + total);
        return new FaultPhaseResult(rate, all.size(), Figures.seconds(steady.startNanos, steady.stopNanos), results, faultLines,
                total, open.size());
    }

    /** What a fault's check found: recovery seconds (every earlier request done), requests checked, first-email latency. */
    private record Check(double recoverySeconds, int requests, Latency firstMail, Verdict verdict) {
    }

    /**
     * Waits until every request submitted before the fault (and up to 3 s after the component was
     * back) is done, then checks the requests from 60 s before the fault until then.
     */
    private Check checkAround(SystemUnderTest sut, String fault, long t0, LoadGenerator.Steady steady,
                              List<KafkaProbe.Poison> poison) throws Exception {
        Thread.sleep(3_000);
        long until = System.nanoTime();
        List<Tracked> window = steady.requests().stream()
                .filter(r -> r.submitNanos >= t0 - WINDOW_BEFORE_NANOS && r.submitNanos <= until).toList();
        List<Tracked> before = steady.requests().stream().filter(r -> r.submitNanos <= t0).toList();
        List<Tracked> open = Tracker.await(window, Duration.ofMinutes(6));
        long doneBefore = Tracker.lastDoneNanos(before.stream().filter(r -> r.submitNanos >= t0 - WINDOW_BEFORE_NANOS).toList());
        Verdict verdict = sut.verifier.verify(window, poison, Duration.ofMinutes(4));
        log.accept("    " + fault + ": " + Verdicts.shortLine(verdict) + (open.isEmpty() ? "" : "; " + open.size() + " unfinished")
                + (verdict.examples.isEmpty() ? "" : "\n      " + String.join("\n      ", verdict.examples)));
        return new Check(Figures.recoverySeconds(t0, doneBefore), window.size(), RequestLatency.firstMail(window), verdict);
    }

    /** The replay touches every request so far: check them all. */
    private Check checkEveryRequest(SystemUnderTest sut, String fault, long t0, LoadGenerator.Steady steady) throws Exception {
        Thread.sleep(3_000);
        List<Tracked> all = steady.requests().stream().filter(r -> r.submitNanos <= System.nanoTime()).toList();
        Tracker.await(all, Duration.ofMinutes(6));
        Verdict verdict = sut.verifier.verify(all, List.of(), Duration.ofMinutes(4));
        log.accept("    " + fault + ": " + Verdicts.shortLine(verdict));
        Latency firstMail = Latency.ofMicros(all.stream().filter(r -> r.submitNanos >= t0).filter(Tracked::hasMail)
                .map(Tracked::submitToFirstMailMicros).toList());
        return new Check(Figures.seconds(t0, System.nanoTime()), all.size(), firstMail, verdict);
    }
}
