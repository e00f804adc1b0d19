package dev.upgradeassist.systemtests;

import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.report.ReportRenderer;
import dev.upgradeassist.systemtests.stack.ManagedProcess;
import dev.upgradeassist.systemtests.stack.StackConfig;
import dev.upgradeassist.systemtests.suite.Baselines;
import dev.upgradeassist.systemtests.suite.BurstPhase;
import dev.upgradeassist.systemtests.suite.CapacityPhase;
import dev.upgradeassist.systemtests.suite.CapacityResult;
import dev.upgradeassist.systemtests.suite.ColdStarts;
import dev.upgradeassist.systemtests.suite.FaultPhase;
import dev.upgradeassist.systemtests.suite.FreshStacks;
import dev.upgradeassist.systemtests.suite.LoadPhase;
import dev.upgradeassist.systemtests.suite.Part;
import dev.upgradeassist.systemtests.suite.PartResult;
import dev.upgradeassist.systemtests.suite.ProcessStarts;
import dev.upgradeassist.systemtests.suite.RunInfo;
import dev.upgradeassist.systemtests.suite.ServiceStartup;
import dev.upgradeassist.systemtests.suite.WarmUp;
import dev.upgradeassist.systemtests.suite.faults.FaultPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The full system test (scripts/system-test.sh): the local stack as real processes, then
 * <ol>
 *   <li>baselines on the same broker: Kafka's ProducerPerformance and ConsumerPerformance, and a bare
 *       3-hop kafka-clients chain ({@link Baselines});</li>
 *   <li>load and latency: N requests at R/s with the realistic mix ({@link LoadPhase}), a burst
 *       ({@link BurstPhase}), the offered rate stepped up ({@link CapacityPhase});</li>
 *   <li>faults under steady load ({@link FaultPhase}, the faults of {@link FaultPlan}): kill -9 of each
 *       service (three rounds), kill -9 of the broker, MongoDB unresponsive for three minutes (SIGSTOP,
 *       then SIGCONT), replay of every topic, poison records, GreenMail stopped;</li>
 * </ol>
 * each part on a fresh stack, and a dated markdown report in docs/benchmarks/ ({@link ReportRenderer})
 * with the figures, the pass lines and the commands, written again after every part. This class
 * only reads the options, runs the parts in order and hands their results to the report.
 */
public final class FullSuite {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm");

    private final Options options;
    private final Consumer<String> log = SystemUnderTest.consoleLog();
    private final Path repo;
    private final Path work;
    private final Path reportFile;
    private final RunInfo runInfo;
    private final FreshStacks stacks;
    /** The parts ended so far, for the report (also written by the shutdown hook of an interrupted run). */
    private volatile List<Part> parts = List.of();
    private volatile boolean finished;

    FullSuite(Options options) {
        this.options = options;
        this.repo = options.repo();
        LocalDateTime startedAt = LocalDateTime.now();
        String stamp = startedAt.format(STAMP);
        this.work = Path.of(options.get("work", repo.resolve("system-tests/target/full-" + stamp).toString()));
        this.reportFile = reportFile(options);
        List<String> serviceJvm = options.list("service-jvm", String.join(" ", StackConfig.RUN_LOCAL_SERVICE_JVM));
        this.runInfo = RunInfo.collect(repo, startedAt, serviceJvm, options.get("mongo-backend", "memory"), options.raw);
        this.stacks = new FreshStacks(repo, work, stamp, new FreshStacks.Settings(serviceJvm, "-Xmx" + options.get("mail-heap", "2g"),
                options.get("mongo-backend", null), options.getInt("mongo-threads", 0)), log);
    }

    /** --out/--report-name; without a name never one an earlier run of the same day wrote. */
    private Path reportFile(Options options) {
        Path out = Path.of(options.get("out", repo.resolve("docs/benchmarks").toString()));
        String name = options.get("report-name", LocalDate.now() + "-full.md");
        if (!options.has("report-name")) {
            for (int n = 2; Files.exists(out.resolve(name)); n++) {
                name = LocalDate.now() + "-full-" + n + ".md";
            }
        }
        return out.resolve(name);
    }

    public static void main(String[] args) throws Exception {
        FullSuite suite = new FullSuite(new Options(args));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!suite.finished) {
                suite.write(new IllegalStateException("the run was interrupted"));
            }
        }));
        int code;
        try {
            code = suite.run();
        } finally {
            suite.stacks.close();
            ManagedProcess.killAll();
        }
        System.exit(code);
    }

    int run() {
        Throwable failure = null;
        try {
            runParts();
        } catch (Throwable e) {
            failure = e;
            log.accept("FAILED: " + e);
            e.printStackTrace();
        } finally {
            finished = true;
            write(failure);
            log.accept("Report: " + reportFile);
        }
        return failure == null ? 0 : 1;
    }

    private void runParts() throws Exception {
        ServiceStartup startup = new ServiceStartup(options.getInt("lead-days", 14), options.getInt("tracker-threads", 8),
                Duration.ofMinutes(options.getInt("give-up-minutes", 40)), log);
        double rate = options.getDouble("rate", 50);
        int burst = options.getInt("burst", 2000);
        ColdStarts coldStarts = ColdStarts.none();
        if (!options.flag("no-load") || !options.flag("no-baselines")) {
            SystemUnderTest sut = stacks.open("load");
            if (!options.flag("no-baselines")) {
                ended(new Baselines(options.getInt("perf-records", 1_000_000), rate, burst, log).run(sut));
            }
            if (!options.flag("no-load")) {
                coldStarts = ended(startup.run(sut, coldStarts));
                WarmUp.run(sut, options.getInt("warmup", 30), log);
                ended(new LoadPhase(rate, options.getInt("duration", 300), options.getInt("drain-minutes", 20),
                        !options.flag("no-profile"), log).run(sut));
            }
        }
        if (!options.flag("no-burst")) {
            SystemUnderTest sut = stacks.open("burst");
            coldStarts = ended(startup.run(sut, coldStarts));
            ended(new BurstPhase(burst, options.getInt("burst-concurrency", 32), log).run(sut));
        }
        double sustainedRate = Double.NaN;
        if (!options.flag("no-capacity")) {
            SystemUnderTest sut = stacks.open("capacity");
            coldStarts = ended(startup.run(sut, coldStarts));
            List<Double> steps = options.list("capacity-steps", "2 4 6 8 10 15 20 30 50").stream().map(Double::parseDouble).toList();
            CapacityResult capacity = ended(new CapacityPhase(steps, options.getInt("capacity-step-seconds", 60), log).run(sut));
            sustainedRate = capacity.sustainedRate();
        }
        if (!options.flag("no-faults")) {
            SystemUnderTest sut = stacks.open("faults");
            coldStarts = ended(startup.run(sut, coldStarts));
            double faultRate = Figures.faultRate(options.has("fault-rate") ? options.getDouble("fault-rate", 5) : null, sustainedRate);
            ended(new FaultPhase(faultRate, FaultPlan.standard(options.getInt("kill-rounds", 3), options.getInt("broker-outage", 15),
                    options.getInt("mongo-outage", 180), options.getInt("poison", 100), options.getInt("smtp-outage", 30)), log).run(sut));
        }
        stacks.close();
        ended(new ProcessStarts(stacks.starts(), repo.relativize(work)));
    }

    /** A part has ended: its pass lines to the console, the report written again with it. */
    private <T extends PartResult> T ended(T result) {
        List<Part> all = new ArrayList<>(parts);
        all.add(new Part(result, RunInfo.currentLoadAverage()));
        parts = List.copyOf(all);
        result.passLines().forEach(line -> log.accept(line.logLine()));
        if (!(result instanceof ColdStarts)) {
            write(null);
        }
        return result;
    }

    private synchronized void write(Throwable failure) {
        try {
            Files.createDirectories(reportFile.getParent());
            Files.writeString(reportFile, ReportRenderer.render(runInfo, parts, failure));
        } catch (IOException e) {
            log.accept("could not write the report: " + e);
        }
    }
}
