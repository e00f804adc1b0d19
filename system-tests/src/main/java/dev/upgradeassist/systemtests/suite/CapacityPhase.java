package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.load.LoadGenerator;
import dev.upgradeassist.systemtests.load.Tracked;
import dev.upgradeassist.systemtests.load.Tracker;
import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.stack.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Steps the offered rate up (one fresh stack, {@code stepSeconds} per step) and stops at the first
 * step the pipeline does not keep up with (a request unfinished 30 s after the step ended).
 */
public final class CapacityPhase {

    private final List<Double> rates;
    private final int stepSeconds;
    private final Consumer<String> log;

    public CapacityPhase(List<Double> rates, int stepSeconds, Consumer<String> log) {
        this.rates = List.copyOf(rates);
        this.stepSeconds = stepSeconds;
        this.log = log;
    }

    public CapacityResult run(SystemUnderTest sut) throws Exception {
        log.accept("== Capacity steps " + rates + ", " + stepSeconds + " s each");
        StackProbes probes = new StackProbes(sut, log);
        int cores = Runtime.getRuntime().availableProcessors();
        List<CapacityResult.Step> steps = new ArrayList<>();
        CapacityResult.KeptUp lastKeptUp = null;
        for (double rate : rates) {
            Map<String, Long> cpuBefore = probes.cpuOfAll();
            Map<Service, String> scrapeBefore = probes.scrapeText();
            long statusPollsBefore = sut.tracker.statusPolls.get();
            LoadGenerator.Steady steady = sut.load.steady("step-" + rate, rate);
            Thread.sleep(stepSeconds * 1000L);
            steady.stop();
            long stop = System.nanoTime();
            Map<String, Long> cpuAfter = probes.cpuOfAll();
            List<Tracked> requests = steady.requests();
            List<Tracked> open = Tracker.await(requests, Duration.ofSeconds(30));
            long lastDone = Tracker.lastDoneNanos(requests);
            Latency first = RequestLatency.firstMail(requests);
            Latency fin = RequestLatency.finalStatus(requests);
            ResourceUse stepUse = new ResourceUse(cpuBefore, cpuAfter, Map.of(), Map.of(), requests.size());
            double window = stepSeconds * 1000.0;
            CapacityResult.Step step = new CapacityResult.Step(rate, requests.size(), first, fin, open.size(),
                    Figures.seconds(stop, lastDone), Figures.coresBusy(stepUse.cpuMillis("mongo"), window),
                    Figures.coresBusy(stepUse.cpuMillisOfAll(), window), cores);
            steps.add(step);
            log.accept(String.format("  %.0f req/s: first email %s; %s", rate, first, step.keptUp() ? "kept up" : open.size() + " unfinished"));
            if (!step.keptUp()) {
                break;
            }
            Map<String, Long> cpuDone = probes.cpuOfAll();
            Map<Service, String> scrapeDone = probes.scrapeText();
            long polls = sut.tracker.statusPolls.get() - statusPollsBefore;
            lastKeptUp = new CapacityResult.KeptUp(rate, new ResourceUse(cpuBefore, cpuDone, scrapeBefore, scrapeDone, requests.size()),
                    Figures.perRequest(polls, requests.size()));
        }
        return new CapacityResult(stepSeconds, steps, Optional.ofNullable(lastKeptUp));
    }
}
