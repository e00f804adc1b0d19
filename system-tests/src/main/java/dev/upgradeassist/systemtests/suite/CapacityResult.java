package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.report.Latency;

import java.util.List;
import java.util.Optional;

/**
 * The offered rate stepped up, {@code stepSeconds} per step, until the first step the pipeline did
 * not keep up with; the resources of the last step it kept up with.
 */
public record CapacityResult(int stepSeconds, List<Step> steps, Optional<KeptUp> lastKeptUp) implements PartResult {

    public CapacityResult {
        steps = List.copyOf(steps);
    }

    /**
     * One step: its requests' latencies; whether all finished within 30 s of its end ({@code unfinished}
     * 0, the last {@code finishedAfterSeconds} after it); MongoDB's and every process's CPU in cores busy.
     */
    public record Step(double rate, int requests, Latency firstMail, Latency finalStatus, int unfinished,
                       double finishedAfterSeconds, double mongoCores, double allCores, int cores) {

        public boolean keptUp() {
            return unfinished == 0;
        }
    }

    /** The resources of the last step the pipeline kept up with, until its last request finished. */
    public record KeptUp(double rate, ResourceUse use, double statusPollsPerRequest) {
    }

    /** The highest offered rate every request of which finished within 30 s of its step's end; NaN when none. */
    public double sustainedRate() {
        return steps.stream().filter(Step::keptUp).mapToDouble(Step::rate).reduce((a, b) -> b).orElse(Double.NaN);
    }

    /** The highest offered rate it kept up with and whose p99 submit → first email was within 1 s; NaN when none. */
    public double p99Rate() {
        return steps.stream().filter(s -> s.keptUp() && Figures.firstMailWithinLimit(s.firstMail().ms(99)))
                .mapToDouble(Step::rate).reduce((a, b) -> b).orElse(Double.NaN);
    }
}
