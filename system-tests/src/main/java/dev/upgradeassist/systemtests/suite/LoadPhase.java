package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.load.LoadGenerator;
import dev.upgradeassist.systemtests.load.Scenario;
import dev.upgradeassist.systemtests.load.Tracked;
import dev.upgradeassist.systemtests.load.Tracker;
import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.report.Profiler;
import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The load phase: {@code rate} requests/s for {@code seconds}, open loop, with RSS sampled every
 * second and JFR recordings in the middle; then the wait (at most {@code drainMinutes}) until
 * every request finished, and the check.
 */
public final class LoadPhase {

    private final double rate;
    private final int seconds;
    private final int drainMinutes;
    private final boolean profile;
    private final Consumer<String> log;

    public LoadPhase(double rate, int seconds, int drainMinutes, boolean profile, Consumer<String> log) {
        this.rate = rate;
        this.seconds = seconds;
        this.drainMinutes = drainMinutes;
        this.profile = profile;
        this.log = log;
    }

    public LoadResult run(SystemUnderTest sut) throws Exception {
        log.accept("== Load: " + rate + " req/s for " + seconds + " s");
        StackProbes probes = new StackProbes(sut, log);
        Profiling profiling = new Profiling(sut, log);
        Map<String, Long> cpuBefore = probes.cpuOfAll();
        ThreadCpu threads = new ThreadCpu(probes.pidsOfAll(), 5);
        try {
            Map<Service, String> scrapeBefore = probes.scrapeText();
            long offsetsBefore = probes.offsetRecords();
            Map<String, Long> dupKeysBefore = probes.duplicateKeyErrorsInMongoLog();
            long statusPollsBefore = sut.tracker.statusPolls.get();
            long mailPollsBefore = sut.tracker.mailPolls.get();
            TimeSpent.Gate gateBefore = gate(sut);
            sut.tracker.mailPollLateMicros.reset();
            sut.tracker.statusPollLateMicros.reset();
            Map<Service, Long> rssPeak = new EnumMap<>(Service.class);
            LoadGenerator.Steady steady = sut.load.steady("load", rate);
            long start = steady.startNanos;
            int profileSeconds = Math.min(60, Math.max(10, seconds / 3));
            long profileAt = start + (seconds / 2L - profileSeconds / 2L) * 1_000_000_000L;
            Map<String, Path> recordings = new LinkedHashMap<>();
            boolean profiled = !profile;
            boolean named = false;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                for (Service service : Service.values()) {
                    rssPeak.merge(service, sut.stack.rssKib(service), Math::max);
                }
                if (!named && System.nanoTime() >= start + seconds * 500_000_000L) {
                    // mid-load, when every listener and pool thread of interest is alive: their full names
                    named = true;
                    threads.nameThreads();
                }
                if (!profiled && System.nanoTime() >= profileAt) {
                    profiled = true;
                    recordings = profiling.start(profileSeconds);
                }
                Thread.sleep(1_000);
            }
            steady.stop();
            long stop = System.nanoTime();
            List<Tracked> requests = steady.requests();
            log.accept("  load stopped: " + requests.size() + " submitted; waiting (at most " + drainMinutes + " min) for every request to finish");
            List<Tracked> open = Tracker.await(requests, Duration.ofMinutes(drainMinutes));
            long lastDone = Tracker.lastDoneNanos(requests);
            long drained = sut.lag.drainMillis(stop, System.nanoTime());
            if (drained < 0 && sut.lag.awaitZero(Duration.ofMinutes(5))) {
                drained = sut.lag.drainMillis(stop, System.nanoTime());
            }
            Map<String, Long> cpuAfter = probes.cpuOfAll();
            ThreadCpu.Use threadUse = threads.stop();
            Map<Service, String> scrapeAfter = probes.scrapeText();
            long offsetsAfter = probes.offsetRecords();
            long statusPolls = sut.tracker.statusPolls.get() - statusPollsBefore;
            long mailPolls = sut.tracker.mailPolls.get() - mailPollsBefore;
            TimeSpent.Gate gateAfter = gate(sut);
            var mailLate = sut.tracker.mailPollLateMicros.copy();
            var statusLate = sut.tracker.statusPollLateMicros.copy();
            Map<String, Long> duplicateKeyErrors = new TreeMap<>();
            probes.duplicateKeyErrorsInMongoLog().forEach((k, v) -> {
                long d = v - dupKeysBefore.getOrDefault(k, 0L);
                if (d > 0) {
                    duplicateKeyErrors.put(k, d);
                }
            });
            Map<String, Long> rssEnd = new LinkedHashMap<>();
            for (Service service : Service.values()) {
                rssEnd.put(service.id(), sut.stack.rssKib(service));
            }
            Thread.sleep(2_000);
            Map<String, Profiler.Summary> profiles = profiling.summaries(recordings);

            List<Tracked> accepted = requests.stream().filter(Tracked::accepted).toList();
            Latency firstMail = RequestLatency.firstMail(accepted);
            Latency finalStatus = RequestLatency.finalStatus(accepted);
            Latency post = Latency.ofMicros(accepted.stream().map(r -> (r.acceptedNanos - r.submitNanos) / 1000).toList());
            long doneInWindow = accepted.stream().filter(r -> r.done() && Math.max(r.firstMailNanos, r.finalNanos) <= stop).count();
            List<Tracked> done = accepted.stream().filter(Tracked::done).toList();
            long lastDoneOfDone = done.stream().mapToLong(r -> Math.max(r.firstMailNanos, r.finalNanos)).max().orElse(0);
            Map<Scenario, Latency> finalByScenario = new EnumMap<>(Scenario.class);
            for (Scenario scenario : Scenario.values()) {
                finalByScenario.put(scenario, RequestLatency.finalStatus(accepted.stream().filter(r -> r.scenario == scenario).toList()));
            }

            log.accept("  first email " + firstMail + "; final " + finalStatus);
            // requests still in the backlog are not lost: the check covers those that finished
            Verdict verdict = sut.verifier.verify(open.isEmpty() ? requests : done, List.of(),
                    Duration.ofMinutes(open.isEmpty() ? 5 : 1));
            log.accept("  verdict: " + verdict);
            Map<String, Long> peakLag = sut.lag.peak(start, System.nanoTime());
            probes.purgeMail();

            return new LoadResult(rate, seconds, drainMinutes,
                    new LoadResult.Offered(requests.size(), accepted.size(), sut.load.retries.get(), Figures.seconds(start, stop)),
                    new LoadResult.Latencies(firstMail, RequestLatency.firstMailInMailbox(accepted),
                            Latency.ofMillis(verdict.ledgerFirstSentMillis), finalStatus,
                            RequestLatency.finalStatusOverHttp(accepted), finalByScenario, post),
                    new LoadResult.Completion(done.size(), Figures.secondsUntil(start, lastDoneOfDone),
                            Figures.completedPerSecond(done.size(), start, lastDoneOfDone), accepted.size() - doneInWindow, open.size(),
                            Figures.seconds(stop, lastDone)),
                    peakLag, drained, rssPeak, rssEnd, verdict, DuplicateEvidence.collect(verdict, notificationLog(sut)),
                    new TimeSpent(new ResourceUse(cpuBefore, cpuAfter, scrapeBefore, scrapeAfter, accepted.size()), threadUse, statusPolls,
                            mailPolls, gateBefore == null ? null : since(gateBefore, gateAfter), mailLate, statusLate,
                            duplicateKeyErrors, profiles, profileSeconds, sut.config.repo.relativize(profiling.directory()),
                            offsetsBefore < 0 || offsetsAfter < 0 ? -1 : offsetsAfter - offsetsBefore));
        } finally {
            threads.close(); // stopped already unless the phase failed
        }
    }

    /** The tracker's gate counters now (totals since it started); null without a gate. */
    static TimeSpent.Gate gate(SystemUnderTest sut) {
        if (sut.signals == null) {
            return null;
        }
        return new TimeSpent.Gate(sut.tracker.statusPollsGated.get(), sut.tracker.mailPollsGated.get(),
                sut.tracker.safetyNetPolls.get(), sut.tracker.safetyNetCovered.get(), sut.tracker.mailsFromTopic.get(),
                sut.tracker.statusesFromTopic.get(), sut.signals.recordsRead.get(), sut.signals.errors.get(),
                sut.signals.caughtUp.get());
    }

    static TimeSpent.Gate since(TimeSpent.Gate before, TimeSpent.Gate after) {
        return new TimeSpent.Gate(after.statusPollsGated() - before.statusPollsGated(),
                after.mailPollsGated() - before.mailPollsGated(), after.safetyNetPolls() - before.safetyNetPolls(),
                after.safetyNetCovered() - before.safetyNetCovered(), after.mailsFromTopic() - before.mailsFromTopic(),
                after.statusesFromTopic() - before.statusesFromTopic(), after.eventsRead() - before.eventsRead(),
                after.readErrors() - before.readErrors(), after.caughtUp() - before.caughtUp());
    }

    static Path notificationLog(SystemUnderTest sut) {
        return sut.stack.config().workDir.resolve("logs").resolve(Service.NOTIFICATION.id() + ".log");
    }
}
