package dev.upgradeassist.systemtests.report;

import dev.upgradeassist.systemtests.suite.BaselineResult;
import dev.upgradeassist.systemtests.suite.BurstResult;
import dev.upgradeassist.systemtests.suite.CapacityResult;
import dev.upgradeassist.systemtests.suite.FaultPhaseResult;
import dev.upgradeassist.systemtests.suite.LoadResult;
import dev.upgradeassist.systemtests.suite.Part;
import dev.upgradeassist.systemtests.suite.PartResult;
import dev.upgradeassist.systemtests.suite.PassLine;
import dev.upgradeassist.systemtests.suite.ProcessStarts;
import dev.upgradeassist.systemtests.suite.RunInfo;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The full suite's markdown report from the results of the parts that have ended: the run, the
 * pass lines, the pipeline ÷ baselines, one section per part in the order they ran, the method.
 */
public final class ReportRenderer {

    private ReportRenderer() {
    }

    /** The report; {@code failure} (may be null) is why the run stopped early. */
    public static String render(RunInfo run, List<Part> parts, Throwable failure) {
        StringBuilder r = new StringBuilder();
        r.append(head(run));
        if (failure != null) {
            r.append("**The run stopped early: ").append(failure.toString().replace("\n", " ")).append("**\n\n");
        }
        r.append(passLines(parts));
        String ratios = ratios(find(parts, BaselineResult.class), find(parts, LoadResult.class), find(parts, BurstResult.class));
        if (!ratios.isEmpty()) {
            r.append(ratios).append('\n');
        }
        for (Part part : parts) {
            section(part.result()).ifPresent(text -> r.append(text).append(String.format("%n_Machine load average (1 min / 5 min) "
                    + "when this part ended: %s. The machine is shared; other builds and tests may have run at the same time._%n",
                    part.loadAverage())).append('\n'));
        }
        r.append(MethodNotes.TEXT);
        return r.toString();
    }

    private static String head(RunInfo run) {
        StringBuilder r = new StringBuilder();
        r.append("# Full system test, ").append(run.startedAt().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append("\n\n");
        r.append("- commit `").append(run.commit()).append("`").append(run.dirty() ? " (the working tree had uncommitted changes; the "
                + "service jars were copied at the start, built " + run.jarsBuilt() + ")" : "").append('\n');
        r.append("- machine: ").append(run.cores()).append(" cores, ").append(run.memory())
                .append(", load average at the start ").append(run.loadAverage()).append('\n');
        r.append("- JVM ").append(run.jvm()).append("; service JVM flags `").append(String.join(" ", run.serviceJvm()))
                .append("` (run-local.sh's unless --service-jvm), after each service's heap (intake `-Xmx256m -Xmn32m`, the "
                        + "others `-Xmx128m`: `AppService.heap()`; an `-Xmx` or `-Xmn` in the flags wins)\n");
        r.append("- MongoDB-protocol server (mongo-java-server) backend: `").append(run.mongoBackend())
                .append("` (--mongo-backend=memory|h2; docs/adr/0007)\n");
        r.append("- options: `").append(String.join(" ", run.options())).append("`\n\n");
        r.append("Reproduce:\n\n```bash\nscripts/system-test.sh ").append(String.join(" ", run.options())).append("\n```\n\n");
        return r.toString();
    }

    /** The pass lines of every part in order; a line repeated keeps its first place and its last result. */
    static String passLines(List<Part> parts) {
        Map<String, PassLine> lines = new LinkedHashMap<>();
        parts.forEach(part -> part.result().passLines().forEach(line -> lines.put(line.line(), line)));
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder r = new StringBuilder("## Pass lines\n\n| pass line | result | reached |\n|---|---|---|\n");
        lines.values().forEach(line -> r.append("| ").append(line.line()).append(" | ").append(line.result()).append(" | ")
                .append(line.reached()).append(" |\n"));
        return r.append('\n').toString();
    }

    private static Optional<String> section(PartResult result) {
        if (result instanceof BaselineResult b) {
            return Optional.of(PartSections.baselines(b));
        } else if (result instanceof LoadResult l) {
            return Optional.of(LoadSection.render(l));
        } else if (result instanceof BurstResult b) {
            return Optional.of(PartSections.burst(b));
        } else if (result instanceof CapacityResult c) {
            return Optional.of(PartSections.capacity(c));
        } else if (result instanceof FaultPhaseResult f) {
            return Optional.of(PartSections.faults(f));
        } else if (result instanceof ProcessStarts p) {
            return Optional.of(PartSections.starts(p));
        }
        return Optional.empty();   // the services' cold starts have pass lines only
    }

    /** The pipeline's figures as ratios to the baselines: needs the baselines and the load phase; the burst adds rows. */
    static String ratios(Optional<BaselineResult> baselines, Optional<LoadResult> load, Optional<BurstResult> burst) {
        if (baselines.isEmpty() || load.isEmpty()) {
            return "";
        }
        BaselineResult b = baselines.get();
        Latency firstMail = load.get().latencies().firstMail();
        Latency finalStatus = load.get().latencies().finalStatus();
        Latency chain = Latency.of(b.chainSteady().latencyMicros());
        StringBuilder s = new StringBuilder("## Pipeline ÷ baselines\n\n| figure | pipeline | baseline | ratio |\n|---|---:|---:|---:|\n");
        s.append(String.format("| p50 latency: submit → first email vs bare 3-hop chain end to end, same rate | %s ms | %s ms | %.0f× |%n",
                Latency.f(firstMail.ms(50)), Latency.f(chain.ms(50)), Figures.times(firstMail.ms(50), chain.ms(50))));
        s.append(String.format("| p99 latency: submit → first email vs bare chain | %s ms | %s ms | %.0f× |%n",
                Latency.f(firstMail.ms(99)), Latency.f(chain.ms(99)), Figures.times(firstMail.ms(99), chain.ms(99))));
        s.append(String.format("| p99 latency: submit → final status vs bare chain | %s ms | %s ms | %.0f× |%n",
                Latency.f(finalStatus.ms(99)), Latency.f(chain.ms(99)), Figures.times(finalStatus.ms(99), chain.ms(99))));
        if (burst.isPresent() && !Double.isNaN(burst.get().seconds())) {
            BurstResult u = burst.get();
            s.append(String.format("| burst of %,d: time until fully processed vs bare chain | %.1f s | %.2f s | %.0f× |%n",
                    b.chainBurst().records(), u.seconds(), b.chainBurst().seconds(), Figures.times(u.seconds(), b.chainBurst().seconds())));
            s.append(String.format("| throughput: requests/s (burst) vs bare chain records/s (50,000) | %.1f | %,.0f | 1/%.0f |%n",
                    u.requestsPerSecond(), b.chainMax().perSecond(), Figures.fractionDenominator(u.requestsPerSecond(), b.chainMax().perSecond())));
            s.append(String.format("| throughput: events/s written to the topics (burst) vs ProducerPerformance rec/s | %.0f | %,.0f | 1/%.0f |%n",
                    u.eventsPerSecond(), b.producerMax().recordsPerSec(),
                    Figures.fractionDenominator(u.eventsPerSecond(), b.producerMax().recordsPerSec())));
            s.append(String.format("| throughput: events/s (burst) vs ConsumerPerformance msg/s | %.0f | %,.0f | 1/%.0f |%n",
                    u.eventsPerSecond(), b.consumer().messagesPerSec(),
                    Figures.fractionDenominator(u.eventsPerSecond(), b.consumer().messagesPerSec())));
        }
        return s.toString();
    }

    private static <T extends PartResult> Optional<T> find(List<Part> parts, Class<T> type) {
        return parts.stream().map(Part::result).filter(type::isInstance).map(type::cast).findFirst();
    }
}
