package dev.upgradeassist.systemtests;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.systemtests.baseline.BareChain;
import dev.upgradeassist.systemtests.baseline.KafkaPerf;
import dev.upgradeassist.systemtests.kafka.KafkaProbe;
import dev.upgradeassist.systemtests.load.LoadGenerator;
import dev.upgradeassist.systemtests.load.Scenario;
import dev.upgradeassist.systemtests.load.Tracked;
import dev.upgradeassist.systemtests.load.Tracker;
import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.report.Profiler;
import dev.upgradeassist.systemtests.report.Report;
import dev.upgradeassist.systemtests.stack.LocalStack;
import dev.upgradeassist.systemtests.stack.ManagedProcess;
import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.stack.StackConfig;
import dev.upgradeassist.systemtests.verify.Verifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The full system test (scripts/system-test.sh): the local stack as real processes, then
 * <ol>
 *   <li>baselines on the same broker: Kafka's ProducerPerformance and ConsumerPerformance, and a bare
 *       3-hop kafka-clients chain;</li>
 *   <li>load and latency: N requests at R/s with the realistic mix, then a burst;</li>
 *   <li>faults under steady load: kill -9 of each service (three rounds), kill -9 of the broker,
 *       MongoDB unresponsive for three minutes (SIGSTOP, then SIGCONT),
 *       replay of every topic, poison records, GreenMail stopped;</li>
 * </ol>
 * and a dated markdown report in docs/benchmarks/ with the figures, the pass lines and the commands.
 */
public final class FullSuite {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm");

    private final Options options;
    private final Consumer<String> log = SystemUnderTest.consoleLog();
    private final Report report;
    private SystemUnderTest sut;
    private final Map<String, String> passLines = new LinkedHashMap<>();
    private final List<String> sections = new ArrayList<>();
    private final LocalDateTime startedAt = LocalDateTime.now();

    // baseline figures used for the ratios
    private KafkaPerf.ProducerResult producerMax;
    private KafkaPerf.ProducerResult producerLatency;
    private KafkaPerf.ConsumerResult consumer;
    private BareChain.Result chainSteady;
    private BareChain.Result chainBurst;
    private BareChain.Result chainMax;
    // pipeline figures used for the ratios
    private Latency loadFirstMail;
    private Latency loadFinal;
    private double loadCompletedPerSecond;
    private double burstSeconds = Double.NaN;
    private double burstEventsPerSecond = Double.NaN;
    private double burstRequestsPerSecond = Double.NaN;

    private final Path repo;
    private final Path work;
    private String commit = "?";
    private boolean dirty;
    private String jarsBuilt = "?";
    private final String stamp;
    private final List<LocalStack.Start> allStarts = new ArrayList<>();
    private double sustainedRate = Double.NaN;
    private double p99Rate = Double.NaN;
    private volatile boolean finished;

    FullSuite(Options options) {
        this.options = options;
        this.repo = options.repo();
        this.stamp = startedAt.format(STAMP);
        this.work = Path.of(options.get("work", repo.resolve("system-tests/target/full-" + stamp).toString()));
        Path out = Path.of(options.get("out", repo.resolve("docs/benchmarks").toString()));
        String name = options.get("report-name", LocalDate.now() + "-full.md");
        if (!options.has("report-name")) {   // never overwrite an earlier run's report of the same day
            for (int n = 2; Files.exists(out.resolve(name)); n++) {
                name = LocalDate.now() + "-full-" + n + ".md";
            }
        }
        this.report = new Report(out.resolve(name));
        this.commit = git("rev-parse", "--short", "HEAD");
        this.dirty = !git("status", "--porcelain", "--untracked-files=no").isBlank();
        try {
            this.jarsBuilt = Files.getLastModifiedTime(repo.resolve("intake-service/target/intake-service.jar")).toString();
        } catch (IOException e) {
            this.jarsBuilt = "?";
        }
    }

    /**
     * A fresh stack (empty Kafka log dir, empty MongoDB file, new GreenMail) for one part of the
     * run, so that no part inherits another's data or backlog; infrastructure only.
     */
    private void newStack(String label) {
        closeStack();
        StackConfig config = new StackConfig(repo, work.resolve(label));
        config.serviceJvm = options.list("service-jvm", String.join(" ", StackConfig.RUN_LOCAL_SERVICE_JVM));
        config.mailHeap = "-Xmx" + options.get("mail-heap", "2g");
        config.mongoBackend = options.get("mongo-backend", config.mongoBackend);
        config.mongoWorkerThreads = options.getInt("mongo-threads", 0);
        config.jarDir = work.resolve("jars");
        sut = new SystemUnderTest(config, stamp.replaceAll("[^0-9]", "") + label.charAt(0), log);
        log.accept("== Fresh stack for " + label);
        sut.startInfrastructure(Duration.ofMinutes(3));
    }

    private void closeStack() {
        if (sut != null) {
            allStarts.addAll(sut.stack.starts());
            sut.close();
            sut = null;
        }
    }

    public static void main(String[] args) throws Exception {
        FullSuite suite = new FullSuite(new Options(args));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!suite.finished) {
                suite.render(new IllegalStateException("the run was interrupted"));
            }
        }));
        int code;
        try {
            code = suite.run();
        } finally {
            suite.closeStack();
            ManagedProcess.killAll();
        }
        System.exit(code);
    }

    int run() {
        Throwable failure = null;
        try {
            if (!options.flag("no-load") || !options.flag("no-baselines")) {
                newStack("load");
                if (!options.flag("no-baselines")) {
                    baselines();
                }
                if (!options.flag("no-load")) {
                    startServices();
                    warmUp();
                    load();
                }
            }
            if (!options.flag("no-burst")) {
                newStack("burst");
                startServices();
                burst();
            }
            if (!options.flag("no-capacity")) {
                newStack("capacity");
                startServices();
                capacity();
            }
            if (!options.flag("no-faults")) {
                newStack("faults");
                startServices();
                faults();
            }
            closeStack();
            section(startsSection());
        } catch (Throwable e) {
            failure = e;
            log.accept("FAILED: " + e);
            e.printStackTrace();
        } finally {
            finished = true;
            render(failure);
            log.accept("Report: " + report.file());
        }
        return failure == null ? 0 : 1;
    }

    // ================================================================== phases

    private String startsSection() {
        StringBuilder s = new StringBuilder("## Process starts\n\n");
        s.append("Every component is its own operating-system process, started by the harness the way `run-local.sh` starts it "
                + "(the services with run-local.sh's JVM flags, `--spring.profiles.active=local`, ports of their own), a fresh "
                + "stack for each part of the run (data under `").append(repo.relativize(work)).append("`). "
                + "Time from the process start until its port accepts connections (infrastructure) or `/actuator/health` "
                + "answers UP (services); RSS (`VmRSS`) at that moment:\n\n");
        s.append("| process | how | n | time to ready: min / median / max | RSS at ready: median |\n|---|---|---:|---:|---:|\n");
        Map<String, List<LocalStack.Start>> groups = new TreeMap<>();
        for (LocalStack.Start start : allStarts) {
            groups.computeIfAbsent(start.name() + "|" + start.kind(), k -> new ArrayList<>()).add(start);
        }
        groups.forEach((key, starts) -> {
            List<Long> ms = starts.stream().map(LocalStack.Start::millisToReady).sorted().toList();
            List<Long> rss = starts.stream().map(LocalStack.Start::rssKibAtReady).sorted().toList();
            String[] parts = key.split("\\|", 2);
            s.append(String.format("| %s | %s | %d | %.1f / %.1f / %.1f s | %d MB |%n", parts[0], parts[1], ms.size(),
                    ms.get(0) / 1000.0, ms.get(ms.size() / 2) / 1000.0, ms.get(ms.size() - 1) / 1000.0, rss.get(rss.size() / 2) / 1024));
        });
        return s.toString();
    }

    private void baselines() throws Exception {
        log.accept("== Baselines on the same broker");
        KafkaPerf perf = new KafkaPerf(sut.config);
        String topic = "systemtests.perf-" + sut.runTag;
        sut.kafka.createTopics(List.of(topic), 3);
        long records = options.getInt("perf-records", 1_000_000);
        producerMax = perf.produce(topic, records, 512, -1, List.of());
        log.accept("  ProducerPerformance max: " + producerMax);
        String latencyTopic = topic + "-latency";
        sut.kafka.createTopics(List.of(latencyTopic), 3);
        producerLatency = perf.produce(latencyTopic, 10_000, 1_500, 500, List.of("linger.ms=0"));
        log.accept("  ProducerPerformance 500/s: " + producerLatency);
        consumer = perf.consume(topic, records, "systemtests.perf-consumer-" + sut.runTag);
        log.accept("  ConsumerPerformance: " + consumer);

        double rate = options.getDouble("rate", 50);
        try (BareChain chain = new BareChain(sut.config.bootstrapServers(), sut.runTag)) {
            sut.kafka.createTopics(chain.topics(), 3);
            chain.start();
            chain.run(500, 0, Duration.ofMinutes(2));    // warm-up
            chainSteady = chain.run((long) (rate * 60), rate, Duration.ofMinutes(5));
            log.accept("  bare chain at " + rate + "/s: " + Latency.of(chainSteady.latencyMicros()));
            chainBurst = chain.run(options.getInt("burst", 2000), 0, Duration.ofMinutes(5));
            log.accept(String.format("  bare chain burst: %d in %.2f s", chainBurst.records(), chainBurst.seconds()));
            chainMax = chain.run(50_000, 0, Duration.ofMinutes(10));
            log.accept(String.format("  bare chain 50k: %.0f rec/s", chainMax.perSecond()));
        }

        StringBuilder s = new StringBuilder("## 2. Baselines (same broker, same run, before the services started)\n\n");
        s.append("| baseline | records | throughput | latency p50 / p95 / p99 / p99.9 / max |\n|---|---:|---:|---|\n");
        s.append(String.format("| ProducerPerformance, 512 B, acks=all, unthrottled | %,d | %,.0f rec/s (%.1f MB/s) | %.0f / %.0f / %.0f / %.0f / %.0f ms |%n",
                producerMax.records(), producerMax.recordsPerSec(), producerMax.mbPerSec(), producerMax.p50Ms(), producerMax.p95Ms(),
                producerMax.p99Ms(), producerMax.p999Ms(), producerMax.maxMs()));
        s.append(String.format("| ProducerPerformance, 1,500 B, acks=all, linger 0, 500 rec/s | %,d | %,.0f rec/s | %.0f / %.0f / %.0f / %.0f / %.0f ms |%n",
                producerLatency.records(), producerLatency.recordsPerSec(), producerLatency.p50Ms(), producerLatency.p95Ms(),
                producerLatency.p99Ms(), producerLatency.p999Ms(), producerLatency.maxMs()));
        s.append(String.format("| ConsumerPerformance | %,d | %,.0f msg/s (%.1f MB/s) | – |%n", consumer.messages(),
                consumer.messagesPerSec(), consumer.mbPerSec()));
        s.append(String.format("| bare 3-hop chain at %.0f/s (end to end) | %,d | %.1f rec/s | %s |%n", rate, chainSteady.records(),
                chainSteady.perSecond(), latencyText(Latency.of(chainSteady.latencyMicros()))));
        s.append(String.format("| bare 3-hop chain, burst of %,d | %,d | %,.0f rec/s (all through in %.2f s) | %s |%n",
                chainBurst.records(), chainBurst.records(), chainBurst.perSecond(), chainBurst.seconds(),
                latencyText(Latency.of(chainBurst.latencyMicros()))));
        s.append(String.format("| bare 3-hop chain, 50,000 as fast as possible | %,d | %,.0f rec/s | %s |%n", chainMax.records(),
                chainMax.perSecond(), latencyText(Latency.of(chainMax.latencyMicros()))));
        s.append("\nThe bare chain is plain kafka-clients in the harness JVM: a producer writes 1.5 KB records keyed by a UUID to "
                + "`systemtests.chain-*.0`; three consumer groups forward 0→1→2 and consume 2, each committing synchronously after every "
                + "polled batch once its forwarded records are acknowledged (acks=all, idempotent, linger 0) — the Kafka work of "
                + "the pipeline's three hops without MongoDB, SMTP, HTTP or JSON.\n\nCommands:\n\n```\n")
                .append(producerMax.command()).append('\n').append(producerLatency.command()).append('\n')
                .append(consumer.command()).append("\n```\n");
        section(s.toString());
    }

    private final Map<Service, List<Long>> coldStarts = new EnumMap<>(Service.class);

    private void startServices() throws IOException {
        log.accept("Starting the four services, one at a time (each alone)");
        Map<Service, Long> millis = sut.stack.startServicesOneByOne(Duration.ofMinutes(3));
        millis.forEach((service, ms) -> {
            List<Long> all = coldStarts.computeIfAbsent(service, k -> new ArrayList<>());
            all.add(ms);
            long worst = all.stream().mapToLong(Long::longValue).max().orElse(0);
            passLine("healthy within 10 s of its start: " + service.id() + " (cold start, alone; worst of " + all.size() + ")",
                    worst <= 10_000, all.stream().map(m -> String.format("%.1f s", m / 1000.0)).collect(Collectors.joining(", ")));
        });
        sut.prepareLoad(options.getInt("lead-days", 14), options.getInt("tracker-threads", 8),
                Duration.ofMinutes(options.getInt("give-up-minutes", 40)));
    }

    private void warmUp() throws Exception {
        int seconds = options.getInt("warmup", 30);
        if (seconds <= 0) {
            return;
        }
        log.accept("== Warm-up: " + seconds + " s at 10 req/s (not measured)");
        LoadGenerator.Steady warm = sut.load.steady("warm-up", 10);
        Thread.sleep(seconds * 1000L);
        warm.stop();
        Tracker.await(warm.requests(), Duration.ofMinutes(3));
    }

    private void load() throws Exception {
        double rate = options.getDouble("rate", 50);
        int seconds = options.getInt("duration", 300);
        log.accept("== Load: " + rate + " req/s for " + seconds + " s");
        Map<String, Long> cpuBefore = cpuOfAll();
        Map<Service, String> scrapeBefore = scrapeText();
        Map<String, Long> dupKeysBefore = duplicateKeyErrorsInMongoLog();
        long statusPollsBefore = sut.tracker.statusPolls.get();
        long mailPollsBefore = sut.tracker.mailPolls.get();
        sut.tracker.mailPollLateMicros.reset();
        sut.tracker.statusPollLateMicros.reset();
        Map<Service, Long> rssPeak = new EnumMap<>(Service.class);
        LoadGenerator.Steady steady = sut.load.steady("load", rate);
        long start = steady.startNanos;
        Map<String, Profiler.Summary> profiles = new LinkedHashMap<>();
        int profileSeconds = Math.min(60, Math.max(10, seconds / 3));
        long profileAt = start + (seconds / 2L - profileSeconds / 2L) * 1_000_000_000L;
        Map<String, Path> recordings = new LinkedHashMap<>();
        boolean profiled = options.flag("no-profile");
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            for (Service service : Service.values()) {
                rssPeak.merge(service, sut.stack.rssKib(service), Math::max);
            }
            if (!profiled && System.nanoTime() >= profileAt) {
                profiled = true;
                recordings = startRecordings(profileSeconds);
            }
            Thread.sleep(1_000);
        }
        steady.stop();
        long stop = System.nanoTime();
        List<Tracked> requests = steady.requests();
        int drainMinutes = options.getInt("drain-minutes", 20);
        log.accept("  load stopped: " + requests.size() + " submitted; waiting (at most " + drainMinutes + " min) for every request to finish");
        List<Tracked> open = Tracker.await(requests, Duration.ofMinutes(drainMinutes));
        long lastDone = Tracker.lastDoneNanos(requests);
        long drained = sut.lag.drainMillis(stop, System.nanoTime());
        if (drained < 0 && sut.lag.awaitZero(Duration.ofMinutes(5))) {
            drained = sut.lag.drainMillis(stop, System.nanoTime());
        }
        Map<String, Long> cpuAfter = cpuOfAll();
        Map<Service, String> scrapeAfter = scrapeText();
        harnessStatusPolls = sut.tracker.statusPolls.get() - statusPollsBefore;
        harnessMailPolls = sut.tracker.mailPolls.get() - mailPollsBefore;
        harnessMailLate = sut.tracker.mailPollLateMicros.copy();
        harnessStatusLate = sut.tracker.statusPollLateMicros.copy();
        duplicateKeyErrorsInMongoLog().forEach((k, v) -> {
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
        for (Map.Entry<String, Path> recording : recordings.entrySet()) {
            try {
                waitForFile(recording.getValue(), Duration.ofSeconds(90));
                profiles.put(recording.getKey(), Profiler.summarize(recording.getValue(), 12));
            } catch (Exception e) {
                log.accept("  no profile for " + recording.getKey() + ": " + e);
            }
        }

        List<Tracked> accepted = requests.stream().filter(Tracked::accepted).toList();
        loadFirstMail = firstMailLatency(accepted);
        loadFinal = finalLatency(accepted);
        Latency post = Latency.ofMicros(accepted.stream().map(r -> (r.acceptedNanos - r.submitNanos) / 1000).toList());
        long doneInWindow = accepted.stream().filter(r -> r.done() && Math.max(r.firstMailNanos, r.finalNanos) <= stop).count();
        double windowSeconds = (stop - start) / 1e9;
        double submittedPerSecond = requests.size() / windowSeconds;
        List<Tracked> done = accepted.stream().filter(Tracked::done).toList();
        long lastDoneOfDone = done.stream().mapToLong(r -> Math.max(r.firstMailNanos, r.finalNanos)).max().orElse(0);
        loadCompletedPerSecond = lastDoneOfDone > 0 ? done.size() / ((lastDoneOfDone - start) / 1e9) : Double.NaN;
        long backlogAtStop = accepted.size() - doneInWindow;

        log.accept("  first email " + loadFirstMail + "; final " + loadFinal);
        // requests still in the backlog are not lost: the check covers those that finished
        Verifier.Verdict verdict = sut.verifier.verify(open.isEmpty() ? requests : done, List.of(),
                Duration.ofMinutes(open.isEmpty() ? 5 : 1));
        log.accept("  verdict: " + verdict);
        Map<String, Long> peakLag = sut.lag.peak(start, System.nanoTime());
        purgeMail();

        passLine(String.format("%.0f req/s for %d s with p99 submit→first email ≤ 1 s", rate, seconds),
                loadFirstMail.ms(99) <= 1000 && open.isEmpty() && verdict.lost == 0,
                String.format("p99 %s ms at %.1f req/s offered; %s", Latency.f(loadFirstMail.ms(99)), submittedPerSecond,
                        open.isEmpty() ? "all finished" : open.size() + " not finished " + drainMinutes + " min after the load stopped"));

        StringBuilder s = new StringBuilder(String.format("## 1. Load: %.0f requests/s for %d s%n%n", rate, seconds));
        s.append(String.format("Offered %,d submissions in %.0f s (%.1f/s), open loop; accepted %,d; %d POST retries. "
                        + "Mix per 100: %s.%n%n", requests.size(), windowSeconds, submittedPerSecond, accepted.size(),
                sut.load.retries.get(), mixText()));
        s.append(Latency.header()).append('\n');
        s.append(loadFirstMail.row("submit → first email in the requester's mailbox (GreenMail REST poll)")).append('\n');
        s.append(Latency.ofMillis(verdict.ledgerFirstSentMillis).row("submit → first email accepted by SMTP (ledger `sentAt`, ms clock)")).append('\n');
        s.append(loadFinal.row("submit → final status (GET /api/v1/upgrade-requests/{id})")).append('\n');
        for (Scenario scenario : Scenario.values()) {
            s.append(finalLatency(accepted.stream().filter(r -> r.scenario == scenario).toList()).row("  … final status " + scenario.finalStatus() + " (" + scenario + ")")).append('\n');
        }
        s.append(post.row("POST /api/v1/upgrade-requests → 202")).append('\n');
        s.append(String.format("%nThroughput: %.1f requests/s offered; %.1f/s completed (%,d requests finished between the first "
                        + "submission and the last completion, %.0f s); %,d requests were still unfinished when the load stopped; %s.%n%n",
                submittedPerSecond, loadCompletedPerSecond, done.size(),
                lastDoneOfDone > 0 ? (lastDoneOfDone - start) / 1e9 : Double.NaN, backlogAtStop,
                open.isEmpty() ? String.format("the last one finished %.1f s after the load stopped", (lastDone - stop) / 1e9)
                        : String.format("**%,d were still unfinished %d minutes after the load stopped** (their latencies count "
                        + "as the time waited, so the percentiles above are lower bounds)", open.size(), drainMinutes)));
        s.append("Consumer lag (AdminClient: end offsets − committed offsets over the consumed topics, sampled every second):\n\n");
        s.append("| group | peak lag (records) |\n|---|---:|\n");
        peakLag.forEach((g, l) -> s.append("| ").append(g).append(" | ").append(String.format("%,d", l)).append(" |\n"));
        s.append(String.format("%nLag drained (every group at 0 for good) %s after the load stopped.%n%n",
                drained < 0 ? "NOT within the wait" : String.format("%.1f s", drained / 1000.0)));
        s.append("| service | RSS peak during load | RSS after |\n|---|---:|---:|\n");
        for (Service service : Service.values()) {
            s.append(String.format("| %s | %d MB | %d MB |%n", service.id(), rssPeak.getOrDefault(service, -1L) / 1024,
                    rssEnd.get(service.id()) / 1024));
        }
        s.append("\nCorrectness of the load phase").append(open.isEmpty() ? "" : String.format(" (the %,d finished requests; "
                + "the %,d still in the backlog are not counted as lost)", done.size(), open.size())).append(": ")
                .append(verdictLine(verdict)).append("\n\n");
        s.append(duplicateEvidence(verdict));
        s.append("Emails per request (ledger, to the requester) by scenario: ").append(verdict.templatesByScenario).append("\n\n");
        s.append(whereTheTimeGoes(cpuBefore, cpuAfter, scrapeBefore, scrapeAfter, accepted.size(), profiles, profileSeconds));
        section(s.toString());
    }

    private void burst() throws Exception {
        int count = options.getInt("burst", 2000);
        log.accept("== Burst: " + count + " submissions as fast as 32 clients can");
        Map<String, Long> endsBefore = topicEnds();
        long start = System.nanoTime();
        List<Tracked> requests = sut.load.burst("burst", count, options.getInt("burst-concurrency", 32));
        long submitted = System.nanoTime();
        List<Tracked> open = Tracker.await(requests, Duration.ofMinutes(10));
        long lastDone = Tracker.lastDoneNanos(requests);
        long drained = sut.lag.drainMillis(submitted, System.nanoTime());
        Map<String, Long> endsAfter = topicEnds();
        long events = endsAfter.entrySet().stream().mapToLong(e -> e.getValue() - endsBefore.getOrDefault(e.getKey(), 0L)).sum();
        burstSeconds = lastDone > 0 ? (lastDone - start) / 1e9 : Double.NaN;
        burstEventsPerSecond = events / burstSeconds;
        burstRequestsPerSecond = count / burstSeconds;
        Latency firstMail = firstMailLatency(requests);
        Latency fin = finalLatency(requests);
        Verifier.Verdict verdict = sut.verifier.verify(requests, List.of(), Duration.ofMinutes(5));
        log.accept(String.format("  burst fully processed in %.1f s; verdict %s", burstSeconds, verdict));
        Map<String, Long> peakLag = sut.lag.peak(start, System.nanoTime());
        purgeMail();
        passLine(String.format("burst of %,d fully processed within 2 minutes", count), open.isEmpty() && burstSeconds <= 120,
                open.isEmpty() ? String.format("%.1f s", burstSeconds) : open.size() + " unfinished after 10 min");

        StringBuilder s = new StringBuilder(String.format("## 1b. Burst: %,d submissions at once%n%n", count));
        s.append(String.format("Submitted by 32 concurrent clients in %.1f s (%.0f/s accepted). Fully processed (every request in its "
                        + "final status and its first email received) %.1f s after the first submission: %.1f requests/s, "
                        + "%,d events written to the four topics (%.0f events/s).%n%n", (submitted - start) / 1e9,
                count / ((submitted - start) / 1e9), burstSeconds, burstRequestsPerSecond, events, burstEventsPerSecond));
        s.append(Latency.header()).append('\n').append(firstMail.row("submit → first email")).append('\n')
                .append(fin.row("submit → final status")).append("\n\n");
        s.append("| group | peak lag (records) |\n|---|---:|\n");
        peakLag.forEach((g, l) -> s.append("| ").append(g).append(" | ").append(String.format("%,d", l)).append(" |\n"));
        s.append(String.format("%nLag drained %s after the last submission was accepted.%n%n",
                drained < 0 ? "NOT within the wait" : String.format("%.1f s", drained / 1000.0)));
        s.append("Correctness of the burst: ").append(verdictLine(verdict)).append("\n");
        s.append(duplicateEvidence(verdict));
        section(s.toString());
    }

    /**
     * Steps the offered rate up (60 s per step on one fresh stack) and stops at the first step the
     * pipeline does not keep up with: the highest rate whose p99 submit → first email stayed within
     * 1 s, and the highest whose every request finished within 30 s after its step ended.
     */
    private void capacity() throws Exception {
        List<Double> steps = options.list("capacity-steps", "2 4 6 8 10 15 20 30 50").stream().map(Double::parseDouble).toList();
        int seconds = options.getInt("capacity-step-seconds", 60);
        log.accept("== Capacity steps " + steps + ", " + seconds + " s each");
        StringBuilder s = new StringBuilder(String.format("## 1c. Capacity: the offered rate stepped up, %d s per step%n%n", seconds));
        s.append("| offered req/s | requests | first email p50 / p99 / max | final status p50 / p99 / max | all finished | mongo CPU | all processes CPU |\n");
        s.append("|---:|---:|---:|---:|---|---:|---:|\n");
        String lastKeptUpTables = null;
        for (double rate : steps) {
            Map<String, Long> cpuBefore = cpuOfAll();
            Map<Service, String> scrapeBefore = scrapeText();
            long statusPollsBefore = sut.tracker.statusPolls.get();
            LoadGenerator.Steady steady = sut.load.steady("step-" + rate, rate);
            Thread.sleep(seconds * 1000L);
            steady.stop();
            long stop = System.nanoTime();
            Map<String, Long> cpuAfter = cpuOfAll();
            List<Tracked> requests = steady.requests();
            List<Tracked> open = Tracker.await(requests, Duration.ofSeconds(30));
            long lastDone = Tracker.lastDoneNanos(requests);
            Latency first = firstMailLatency(requests);
            Latency fin = finalLatency(requests);
            boolean keptUp = open.isEmpty();
            double window = seconds * 1000.0;
            double mongoCpu = (cpuAfter.get("mongo") - cpuBefore.get("mongo")) / window;
            double allCpu = cpuAfter.keySet().stream().mapToLong(k -> cpuAfter.get(k) - cpuBefore.get(k)).sum() / window;
            s.append(String.format("| %.0f | %,d | %s / %s / %s ms | %s / %s / %s ms | %s | %.0f%% of a core | %.0f%% of %d cores |%n",
                    rate, requests.size(), Latency.f(first.ms(50)), Latency.f(first.ms(99)), Latency.f(first.maxMs()),
                    Latency.f(fin.ms(50)), Latency.f(fin.ms(99)), Latency.f(fin.maxMs()),
                    keptUp ? String.format("yes, %.1f s after the step", (lastDone - stop) / 1e9) : open.size() + " unfinished 30 s after the step",
                    mongoCpu * 100, allCpu * 100 / Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors()));
            log.accept(String.format("  %.0f req/s: first email %s; %s", rate, first, keptUp ? "kept up" : open.size() + " unfinished"));
            if (keptUp) {
                Map<String, Long> cpuDone = cpuOfAll();
                Map<Service, String> scrapeDone = scrapeText();
                long polls = sut.tracker.statusPolls.get() - statusPollsBefore;
                lastKeptUpTables = String.format("### Where the time goes at %.0f requests/s (every request of the step finished)%n%n", rate)
                        + cpuAndMongoTables(cpuBefore, cpuDone, scrapeBefore, scrapeDone, requests.size(),
                        String.format("the %.0f req/s step until its last request finished", rate))
                        + String.format("%nOf intake-service's `request_views:find`, %.1f per request are the harness's own status polls.%n%n",
                        (double) polls / Math.max(1, requests.size()));
                sustainedRate = rate;
                if (first.ms(99) <= 1000) {
                    p99Rate = rate;
                }
            }
            if (!keptUp) {
                break;
            }
        }
        s.append(String.format("%nHighest offered rate with p99 submit → first email ≤ 1 s: %s; highest rate the pipeline kept up "
                        + "with (every request finished within 30 s of the step's end): %s. Each step starts with the data of the "
                        + "steps before it.%n", Double.isNaN(p99Rate) ? "none of the steps" : String.format("%.0f req/s", p99Rate),
                Double.isNaN(sustainedRate) ? "none of the steps" : String.format("%.0f req/s", sustainedRate)));
        if (lastKeptUpTables != null) {
            s.append('\n').append(lastKeptUpTables);
        }
        section(s.toString());
    }

    // ================================================================== faults

    /** One fault, with the duplicates found in its check that no earlier check had found. */
    private record FaultResult(String fault, String when, long restartMillis, double recoverySeconds, int requestsInWindow,
                               Latency firstMail, Verifier.Verdict verdict, String note, int newEmailDuplicates,
                               int newCrashWindow, int newTemplateDuplicates, int newLinkDuplicates) {

        boolean passed() {
            return verdict.lost == 0 && verdict.notAccepted == 0 && verdict.poisonMissingFromDlt == 0
                    && newEmailDuplicates == 0 && newTemplateDuplicates == 0 && newLinkDuplicates == 0;
        }

        String summary() {
            return String.format("%d lost, %d not accepted, %d new duplicate emails (%d crash window), %d new same template twice, "
                            + "%d new duplicate links, %d/%d poison missing from DLT", verdict.lost, verdict.notAccepted,
                    newEmailDuplicates, newCrashWindow, newTemplateDuplicates, newLinkDuplicates, verdict.poisonMissingFromDlt,
                    verdict.poisonInjected);
        }
    }

    private final java.util.Set<String> seenDuplicates = new java.util.HashSet<>();

    private FaultResult result(String fault, String when, long restartMillis, double recovery, int n, Latency firstMail,
                               Verifier.Verdict verdict, String note) {
        java.util.Set<String> fresh = new java.util.HashSet<>(verdict.duplicateKeys);
        fresh.removeAll(seenDuplicates);
        seenDuplicates.addAll(verdict.duplicateKeys);
        int links = (int) fresh.stream().filter(k -> k.endsWith("|links")).count();
        int emails = (int) fresh.stream().filter(k -> k.contains("@")).count();
        int crash = (int) fresh.stream().filter(verdict.crashWindowKeys::contains).count();
        int templates = fresh.size() - links - emails;
        return new FaultResult(fault, when, restartMillis, recovery, n, firstMail, verdict, note, emails, crash, templates, links);
    }

    private void faults() throws Exception {
        double rate = options.has("fault-rate") ? options.getDouble("fault-rate", 5)
                : Double.isNaN(sustainedRate) ? 5 : Math.max(1, Math.min(10, Math.floor(sustainedRate / 2)));
        log.accept("== Faults under a steady " + rate + " req/s");
        LoadGenerator.Steady steady = sut.load.steady("faults", rate);
        List<FaultResult> results = new ArrayList<>();
        List<KafkaProbe.Poison> allPoison = new ArrayList<>();
        Thread.sleep(10_000);
        int[] offsets = {3, 9, 15};
        int rounds = options.getInt("kill-rounds", 3);
        for (int round = 1; round <= rounds; round++) {
            for (Service service : Service.values()) {
                Thread.sleep(offsets[(round - 1) % offsets.length] * 1000L);
                long t0 = System.nanoTime();
                String when = String.format("round %d, %d s after the previous recovery", round, offsets[(round - 1) % offsets.length]);
                log.accept("  kill -9 " + service.id() + " (" + when + ")");
                sut.stack.kill9(service);
                long restart = sut.stack.startService(service, Duration.ofMinutes(3), "restart after kill -9, under load");
                results.add(settle("kill -9 " + service.id() + " #" + round, when, t0, restart, steady, List.of(), ""));
            }
        }

        log.accept("  kill -9 the broker; restart after " + options.getInt("broker-outage", 15) + " s");
        double dltBeforeBroker = deadLettered();
        long t0 = System.nanoTime();
        sut.stack.kill9Kafka();
        Thread.sleep(options.getInt("broker-outage", 15) * 1000L);
        sut.stack.startKafka();
        long brokerReady = sut.stack.awaitKafka(Duration.ofMinutes(3), "restart after kill -9 + " + options.getInt("broker-outage", 15) + " s");
        awaitAllHealthy(Duration.ofMinutes(3));
        results.add(settle("kill -9 broker, restart after " + options.getInt("broker-outage", 15) + " s", "", t0, brokerReady,
                steady, List.of(), "broker port open " + brokerReady / 1000.0 + " s after its restart"));
        double dltAddedBroker = deadLettered() - dltBeforeBroker;
        passLine("broker outage of " + options.getInt("broker-outage", 15) + " s under load: no record dead-lettered (they waited)",
                dltAddedBroker == 0, String.format("%.0f dead-lettered", dltAddedBroker));

        int mongoOutage = options.getInt("mongo-outage", 180);
        if (mongoOutage > 0) {
            log.accept("  MongoDB unresponsive (SIGSTOP) for " + mongoOutage + " s");
            t0 = System.nanoTime();
            double dltBefore = deadLettered();
            sut.stack.freezeMongo();
            try {
                Thread.sleep(mongoOutage * 1000L);
            } finally {
                sut.stack.resumeMongo();
            }
            long mongoBack = (System.nanoTime() - t0) / 1_000_000;
            long healthy = awaitAllHealthy(Duration.ofMinutes(3));
            FaultResult mongo = settle("MongoDB unresponsive (SIGSTOP) for " + mongoOutage + " s", "", t0, healthy, steady, List.of(),
                    "");
            double dltAdded = deadLettered() - dltBefore;
            results.add(new FaultResult(mongo.fault(), mongo.when(), mongo.restartMillis(), mongo.recoverySeconds(),
                    mongo.requestsInWindow(), mongo.firstMail(), mongo.verdict(),
                    String.format("SIGCONT after %.0f s, every service healthy %.1f s later; %.0f record(s) dead-lettered during it",
                            mongoBack / 1000.0, healthy / 1000.0, dltAdded), mongo.newEmailDuplicates(), mongo.newCrashWindow(),
                    mongo.newTemplateDuplicates(), mongo.newLinkDuplicates()));
            passLine("MongoDB outage of " + mongoOutage + " s under load: no record dead-lettered (they waited)", dltAdded == 0,
                    String.format("%.0f dead-lettered", dltAdded));
        }

        log.accept("  replay every consumed topic from EARLIEST on every consuming service");
        t0 = System.nanoTime();
        long recordsBefore = 0;
        for (String topic : KafkaProbe.CONSUMED) {
            recordsBefore += sut.kafka.recordCount(topic);
        }
        sut.replayEverything();
        boolean replayDrained = sut.lag.awaitZero(Duration.ofMinutes(15));
        double replaySeconds = (System.nanoTime() - t0) / 1e9;
        results.add(settleAll("replay EARLIEST (" + String.format("%,d", recordsBefore) + " records × their groups)", t0, steady,
                String.format("lag back to 0 %s %.1f s after the replay calls", replayDrained ? "" : "NOT", replaySeconds)));

        int poisonCount = options.getInt("poison", 100);
        log.accept("  inject " + poisonCount + " poison records");
        t0 = System.nanoTime();
        List<KafkaProbe.Poison> poison = sut.kafka.injectPoison(poisonCount, "/upgrade-assist/systemtests");
        allPoison.addAll(poison);
        boolean deadLettered = sut.verifier.awaitPoisonDeadLettered(poison, Duration.ofMinutes(5));
        double poisonSeconds = (System.nanoTime() - t0) / 1e9;
        results.add(settle("poison: " + poisonCount + " records (broken JSON, valid ce_type) over 3 topics", "", t0, 0, steady, poison,
                String.format("%s in the DLTs from every consuming group after %.1f s", deadLettered ? "all" : "NOT all", poisonSeconds)));

        int outage = options.getInt("smtp-outage", 30);
        log.accept("  stop GreenMail for " + outage + " s");
        List<String> mailboxes = steady.requests().stream().map(r -> r.mailbox).toList();
        sut.archive.sweep(mailboxes, 8);
        t0 = System.nanoTime();
        long stoppedAtMillis = System.currentTimeMillis();
        sut.stack.stopMail();
        sut.archive.newLifetime();
        Thread.sleep(outage * 1000L);
        sut.stack.startMail();
        long mailReady = sut.stack.awaitMail(Duration.ofMinutes(2), "restart after a " + outage + " s stop");
        int lostWithGreenMail = firstMailsLostWithGreenMail(steady.requests(), stoppedAtMillis);
        results.add(settle("GreenMail (SMTP) stopped for " + outage + " s", "", t0, mailReady, steady, List.of(),
                "mail that GreenMail held when it stopped was swept before (its memory is lost with it); "
                        + lostWithGreenMail + " request(s) whose first email SMTP accepted after their sweep and before the "
                        + "stop: first email taken from the ledger's sentAt"));

        Thread.sleep(10_000);
        steady.stop();
        List<Tracked> all = steady.requests();
        log.accept("  faults done; waiting for all " + all.size() + " requests, then the full check");
        List<Tracked> open = Tracker.await(all, Duration.ofMinutes(10));
        Verifier.Verdict total = sut.verifier.verify(all, allPoison, Duration.ofMinutes(6));
        log.accept("  fault phase verdict: " + total);

        for (FaultResult r : results) {
            passLine("fault: " + r.fault() + " — 0 lost, 0 duplicate emails, 0 duplicate links", r.passed(), r.summary());
            if (r.fault().startsWith("kill -9 ") && !r.fault().contains("broker")) {
                passLine("healthy within 10 s of its start: " + r.fault().substring(8) + " (restart under load)",
                        r.restartMillis() <= 10_000, String.format("%.1f s", r.restartMillis() / 1000.0));
            }
        }
        passLine("all faults, whole fault phase (final check over every request, after GreenMail's restart)",
                total.passed() && open.isEmpty(), shortVerdict(total) + (open.isEmpty() ? "" : "; " + open.size() + " unfinished"));

        StringBuilder s = new StringBuilder(String.format("## 3. Faults under a steady %.0f requests/s%n%n", rate));
        s.append(String.format("%,d requests over %.0f s; each fault is checked on the requests submitted from 60 s before it "
                + "until it has recovered (replay: on every request so far), the whole phase once more at the end.%n%n", all.size(),
                (steady.stopNanos - steady.startNanos) / 1e9));
        s.append("| fault | time to healthy / ready | recovery (every earlier request done) | requests checked | first email p99 / max | lost | new dup emails (crash window) | new dup links | note |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (FaultResult r : results) {
            Verifier.Verdict v = r.verdict();
            s.append(String.format("| %s | %s | %.1f s | %,d | %s / %s ms | %d | %d (%d) | %d | %s |%n", r.fault(),
                    r.restartMillis() > 0 ? String.format("%.1f s", r.restartMillis() / 1000.0) : "–", r.recoverySeconds(),
                    r.requestsInWindow(), Latency.f(r.firstMail().ms(99)), Latency.f(r.firstMail().maxMs()), v.lost + v.notAccepted,
                    r.newEmailDuplicates() + r.newTemplateDuplicates(), r.newCrashWindow(), r.newLinkDuplicates(),
                    (r.note() + (v.examples.isEmpty() ? "" : " — e.g. " + v.examples.get(0))).replace("|", "/")));
        }
        s.append("\nWhole fault phase: ").append(verdictLine(total)).append("\n");
        if (!total.examples.isEmpty()) {
            s.append("\n```\n").append(String.join("\n", total.examples)).append("\n```\n");
        }
        section(s.toString());
    }

    /**
     * Waits until every request submitted before the fault (and up to 3 s after the component was
     * back) is done, then checks the requests from 60 s before the fault until then.
     */
    private FaultResult settle(String fault, String when, long t0, long restartMillis, LoadGenerator.Steady steady,
                               List<KafkaProbe.Poison> poison, String note) throws Exception {
        Thread.sleep(3_000);
        long until = System.nanoTime();
        List<Tracked> window = steady.requests().stream()
                .filter(r -> r.submitNanos >= t0 - 60_000_000_000L && r.submitNanos <= until).toList();
        List<Tracked> before = steady.requests().stream().filter(r -> r.submitNanos <= t0).toList();
        List<Tracked> open = Tracker.await(window, Duration.ofMinutes(6));
        long doneBefore = Tracker.lastDoneNanos(before.stream().filter(r -> r.submitNanos >= t0 - 60_000_000_000L).toList());
        double recovery = doneBefore > 0 ? Math.max(0, (doneBefore - t0) / 1e9) : Double.NaN;
        Verifier.Verdict verdict = sut.verifier.verify(window, poison, Duration.ofMinutes(4));
        log.accept("    " + fault + ": " + shortVerdict(verdict) + (open.isEmpty() ? "" : "; " + open.size() + " unfinished")
                + (verdict.examples.isEmpty() ? "" : "\n      " + String.join("\n      ", verdict.examples)));
        Latency firstMail = firstMailLatency(window);
        return result(fault, when, restartMillis, recovery, window.size(), firstMail, verdict, note);
    }

    /** The replay touches every request so far: check them all. */
    private FaultResult settleAll(String fault, long t0, LoadGenerator.Steady steady, String note) throws Exception {
        Thread.sleep(3_000);
        List<Tracked> all = steady.requests().stream().filter(r -> r.submitNanos <= System.nanoTime()).toList();
        Tracker.await(all, Duration.ofMinutes(6));
        Verifier.Verdict verdict = sut.verifier.verify(all, List.of(), Duration.ofMinutes(4));
        log.accept("    " + fault + ": " + shortVerdict(verdict));
        Latency firstMail = Latency.ofMicros(all.stream().filter(r -> r.submitNanos >= t0).filter(Tracked::hasMail)
                .map(Tracked::submitToFirstMailMicros).toList());
        return result(fault, "", 0, (System.nanoTime() - t0) / 1e9, all.size(), firstMail, verdict, note);
    }

    /** Waits until every service answers UP; returns the milliseconds that took. */
    private long awaitAllHealthy(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        for (Service service : Service.values()) {
            while (!sut.stack.healthy(service) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Records in the dead-letter topics of every consumed topic. */
    private double deadLettered() throws Exception {
        long records = 0;
        for (String topic : KafkaProbe.CONSUMED) {
            String dlt = dev.upgradeassist.contracts.Topics.deadLetter(topic);
            if (sut.kafka.topicExists(dlt)) {
                records += sut.kafka.recordCount(dlt);
            }
        }
        return records;
    }

    // ================================================================== where the time goes

    private Map<String, Long> duplicateKeyErrors = new TreeMap<>();
    private long harnessStatusPolls;
    private long harnessMailPolls;
    private org.HdrHistogram.Histogram harnessMailLate;
    private org.HdrHistogram.Histogram harnessStatusLate;

    /** DuplicateKeyError lines in the MongoDB-protocol server's log, by collection. */
    private Map<String, Long> duplicateKeyErrorsInMongoLog() {
        Map<String, Long> counts = new TreeMap<>();
        Pattern p = Pattern.compile("DuplicateKeyError: .*? collection: (\\S+) index");
        try (var lines = Files.lines(sut.stack.mongoProcess().log())) {
            lines.forEach(line -> {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    counts.merge(m.group(1), 1L, Long::sum);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // no log
        }
        return counts;
    }

    private Map<String, Long> cpuOfAll() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            cpu.put(service.id(), Profiler.cpuMillis(sut.stack.process(service).pid()));
        }
        cpu.put("kafka", Profiler.cpuMillis(sut.stack.kafkaProcess().pid()));
        cpu.put("mongo", Profiler.cpuMillis(sut.stack.mongoProcess().pid()));
        cpu.put("mail (GreenMail: SMTP in, REST polled by the harness)", Profiler.cpuMillis(sut.stack.mailProcess().pid()));
        cpu.put("harness (this JVM: load, polling)", Profiler.cpuMillis(ProcessHandle.current().pid()));
        return cpu;
    }

    private Map<String, Path> startRecordings(int seconds) {
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            pids.put(service.id(), sut.stack.process(service).pid());
        }
        pids.put("mongo", sut.stack.mongoProcess().pid());
        pids.put("kafka", sut.stack.kafkaProcess().pid());
        for (Map.Entry<String, Long> p : pids.entrySet()) {
            Path file = sut.config.workDir.resolve("profiles").resolve(p.getKey() + ".jfr");
            try {
                Profiler.startRecording(p.getValue(), file, seconds);
                files.put(p.getKey(), file);
            } catch (Exception e) {
                log.accept("  could not profile " + p.getKey() + ": " + e.getMessage());
            }
        }
        log.accept("  JFR recordings of " + seconds + " s started in " + files.keySet());
        return files;
    }

    private static void waitForFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.size(file) > 0) {
                    Thread.sleep(500);
                    return;
                }
            } catch (IOException e) {
                // not written yet
            }
            Thread.sleep(500);
        }
    }

    private Map<Service, String> scrapeText() {
        Map<Service, String> text = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            try {
                text.put(service, sut.pipeline.prometheus(service));
            } catch (IOException e) {
                text.put(service, "");
            }
        }
        return text;
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+([0-9.eE+-]+|NaN)\\s*$",
            Pattern.MULTILINE);

    /** Sum of a series' samples grouped by the values of some labels joined with ':' ("" when no label is asked for). */
    static Map<String, Double> sumBy(String exposition, String metric, String... labels) {
        Map<String, Double> sums = new TreeMap<>();
        Matcher m = SAMPLE.matcher(exposition);
        while (m.find()) {
            if (!m.group(1).equals(metric)) {
                continue;
            }
            String labelText = m.group(2) == null ? "" : m.group(2);
            List<String> key = new ArrayList<>();
            for (String label : labels) {
                Matcher l = Pattern.compile("[{,]" + label + "=\"([^\"]*)\"").matcher(labelText);
                key.add(l.find() ? l.group(1) : "?");
            }
            double v = m.group(3).equals("NaN") ? 0 : Double.parseDouble(m.group(3));
            sums.merge(String.join(":", key), v, Double::sum);
        }
        return sums;
    }

    /** CPU per process and MongoDB commands per request between two moments. */
    private static String cpuAndMongoTables(Map<String, Long> cpuBefore, Map<String, Long> cpuAfter, Map<Service, String> before,
                                            Map<Service, String> after, int requests, String phase) {
        StringBuilder s = new StringBuilder();
        s.append("CPU time per process over " + phase + " (from `/proc/<pid>/stat`; the machine has ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores):\n\n");
        s.append("| process | CPU s | CPU ms per request |\n|---|---:|---:|\n");
        long totalCpu = 0;
        for (String name : cpuBefore.keySet()) {
            long ms = cpuAfter.get(name) - cpuBefore.get(name);
            totalCpu += ms;
            s.append(String.format("| %s | %.1f | %.1f |%n", name, ms / 1000.0, (double) ms / Math.max(1, requests)));
        }
        s.append(String.format("| **all** | %.1f | %.1f |%n%n", totalCpu / 1000.0, (double) totalCpu / Math.max(1, requests)));

        s.append("MongoDB round trips per request (the driver's `mongodb_driver_commands_seconds_count` on each service's "
                + "/actuator/prometheus, difference over " + phase + " ÷ requests), the time they took, and the time in Kafka "
                + "listeners:\n\n");
        s.append("| service | commands / request | top collection:command / request | MongoDB ms / request | listener ms / request |\n|---|---:|---|---:|---:|\n");
        for (Service service : Service.values()) {
            Map<String, Double> countBefore = sumBy(before.get(service), "mongodb_driver_commands_seconds_count", "collection", "command");
            Map<String, Double> countAfter = sumBy(after.get(service), "mongodb_driver_commands_seconds_count", "collection", "command");
            double secBefore = sumBy(before.get(service), "mongodb_driver_commands_seconds_sum").getOrDefault("", 0.0);
            double secAfter = sumBy(after.get(service), "mongodb_driver_commands_seconds_sum").getOrDefault("", 0.0);
            double lBefore = sumBy(before.get(service), "spring_kafka_listener_seconds_sum").getOrDefault("", 0.0);
            double lAfter = sumBy(after.get(service), "spring_kafka_listener_seconds_sum").getOrDefault("", 0.0);
            Map<String, Double> delta = new TreeMap<>();
            countAfter.forEach((k, v) -> delta.put(k, v - countBefore.getOrDefault(k, 0.0)));
            double total = delta.values().stream().mapToDouble(Double::doubleValue).sum();
            String by = delta.entrySet().stream().filter(e -> e.getValue() / Math.max(1, requests) >= 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / Math.max(1, requests))).collect(Collectors.joining(", "));
            s.append(String.format("| %s | %.1f | %s | %.1f | %.1f |%n", service.id(), total / Math.max(1, requests),
                    by.isEmpty() ? "(no driver command metrics exported)" : by,
                    (secAfter - secBefore) * 1000 / Math.max(1, requests), (lAfter - lBefore) * 1000 / Math.max(1, requests)));
        }
        return s.toString();
    }

    private String whereTheTimeGoes(Map<String, Long> cpuBefore, Map<String, Long> cpuAfter, Map<Service, String> before,
                                    Map<Service, String> after, int requests, Map<String, Profiler.Summary> profiles,
                                    int profileSeconds) {
        StringBuilder s = new StringBuilder("### Where the time goes (load phase)\n\n");
        s.append(cpuAndMongoTables(cpuBefore, cpuAfter, before, after, requests, "the load phase"));
        s.append(String.format("%nThe harness itself polled the status %,d times (%.1f per request: each poll is one "
                        + "`request_views` find on intake-service) and GreenMail %,d times (%.1f per request) in this phase.%n%n",
                harnessStatusPolls, (double) harnessStatusPolls / Math.max(1, requests), harnessMailPolls,
                (double) harnessMailPolls / Math.max(1, requests)));
        if (harnessMailLate != null && harnessStatusLate != null) {
            s.append(String.format("How late the harness's polls ran after they were due (its throttles: %s mail and %s status "
                            + "polls/s; a polled latency is over-stated by up to this much plus one poll interval): mail p50 %.1f / "
                            + "p99 %.1f / max %.1f ms, status p50 %.1f / p99 %.1f / max %.1f ms.%n%n",
                    Integer.getInteger("systemtests.maxMailPolls", 300), Integer.getInteger("systemtests.maxStatusPolls", 200),
                    harnessMailLate.getValueAtPercentile(50) / 1000.0, harnessMailLate.getValueAtPercentile(99) / 1000.0,
                    harnessMailLate.getMaxValue() / 1000.0, harnessStatusLate.getValueAtPercentile(50) / 1000.0,
                    harnessStatusLate.getValueAtPercentile(99) / 1000.0, harnessStatusLate.getMaxValue() / 1000.0));
        }
        Map<String, Double> stageSum = new TreeMap<>();
        Map<String, Double> stageCount = new TreeMap<>();
        for (Service service : Service.values()) {
            sumBy(after.get(service), "upgrade_assist_request_stage_seconds_sum", "stage").forEach((k, v) -> stageSum.merge(k, v, Double::sum));
            sumBy(before.get(service), "upgrade_assist_request_stage_seconds_sum", "stage").forEach((k, v) -> stageSum.merge(k, -v, Double::sum));
            sumBy(after.get(service), "upgrade_assist_request_stage_seconds_count", "stage").forEach((k, v) -> stageCount.merge(k, v, Double::sum));
            sumBy(before.get(service), "upgrade_assist_request_stage_seconds_count", "stage").forEach((k, v) -> stageCount.merge(k, -v, Double::sum));
        }
        if (!stageCount.isEmpty()) {
            s.append("The services' own stage timer (`upgrade_assist_request_stage_seconds`, mean over the load phase): ");
            s.append(stageCount.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> String.format("%s %.2f s (n=%.0f)",
                    e.getKey(), stageSum.getOrDefault(e.getKey(), 0.0) / e.getValue(), e.getValue())).collect(Collectors.joining(", ")));
            s.append(".\n\n");
        }
        if (!duplicateKeyErrors.isEmpty()) {
            s.append("The MongoDB-protocol server logged a DuplicateKeyError with its stack trace for refused inserts "
                    + "(insert-first idempotency and ledger patterns), per request: ");
            s.append(duplicateKeyErrors.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format("%s %.2f", e.getKey(), (double) e.getValue() / Math.max(1, requests)))
                    .collect(Collectors.joining(", ")));
            s.append(".\n\n");
        }
        if (!profiles.isEmpty()) {
            s.append(String.format("%nJDK Flight Recorder, %d s in the middle of the load (`jcmd <pid> JFR.start settings=profile`), "
                    + "execution samples charged to the innermost frame of a known library:%n%n", profileSeconds));
            for (Map.Entry<String, Profiler.Summary> p : profiles.entrySet()) {
                Profiler.Summary summary = p.getValue();
                s.append("**").append(p.getKey()).append("** (").append(summary.samples()).append(" samples): ");
                s.append(summary.byLibrary().stream().limit(8).map(e -> String.format("%s %.0f%%", e.getKey(),
                        100.0 * e.getValue() / Math.max(1, summary.samples()))).collect(Collectors.joining(", ")));
                s.append("  \nhottest methods: ");
                s.append(summary.topMethods().stream().limit(6).map(e -> String.format("`%s` %.0f%%", shortMethod(e.getKey()),
                        100.0 * e.getValue() / Math.max(1, summary.samples()))).collect(Collectors.joining(", ")));
                if (p.getKey().equals("mongo")) {
                    s.append("  \nby operation: ");
                    s.append(summary.byOperation().stream().map(e -> String.format("%s %.0f%%", e.getKey(),
                            100.0 * e.getValue() / Math.max(1, summary.samples()))).collect(Collectors.joining(", ")));
                }
                s.append("\n\n");
            }
            s.append("Recordings: `").append(sut.config.repo.relativize(sut.config.workDir.resolve("profiles")))
                    .append("/*.jfr` (open with `jfr print --events jdk.ExecutionSample` or JDK Mission Control).\n\n");
        }
        return s.toString();
    }

    private static String shortMethod(String method) {
        String[] parts = method.split("\\.");
        return parts.length <= 2 ? method : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    // ================================================================== helpers

    private Map<String, Long> topicEnds() throws Exception {
        Map<String, Long> ends = new TreeMap<>();
        for (String topic : Topics.ALL) {
            ends.put(topic, sut.kafka.topicExists(topic) ? sut.kafka.recordCount(topic) : 0);
        }
        return ends;
    }

    private void purgeMail() {
        try {
            sut.mail.purge();
            sut.archive.newLifetime();
        } catch (IOException e) {
            log.accept("  GreenMail purge failed: " + e);
        }
    }

    private static String mixText() {
        Map<Scenario, Long> mix = new EnumMap<>(Scenario.class);
        for (int n = 1; n <= 100; n++) {
            mix.merge(Scenario.forRequest(n), 1L, Long::sum);
        }
        return mix.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + " (→ " + e.getKey().finalStatus() + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * Submit → first email over the accepted requests; one still without mail counts with the time
     * it has waited so far, so with unfinished requests every percentile is a lower bound.
     */
    static Latency firstMailLatency(List<Tracked> requests) {
        long now = System.nanoTime();
        return Latency.ofMicros(requests.stream().filter(Tracked::accepted)
                .map(r -> r.hasMail() ? r.submitToFirstMailMicros() : (now - r.submitNanos) / 1000).toList());
    }

    /** Submit → final status, the same way. */
    static Latency finalLatency(List<Tracked> requests) {
        long now = System.nanoTime();
        return Latency.ofMicros(requests.stream().filter(Tracked::accepted)
                .map(r -> r.isFinal() ? r.submitToFinalMicros() : (now - r.submitNanos) / 1000).toList());
    }

    private static String latencyText(Latency l) {
        return String.format("%s / %s / %s / %s / %s ms", Latency.f(l.ms(50)), Latency.f(l.ms(95)), Latency.f(l.ms(99)),
                Latency.f(l.ms(99.9)), Latency.f(l.maxMs()));
    }

    /**
     * A request whose first email GreenMail accepted after the harness swept its mailbox and before GreenMail was
     * stopped has lost that email with GreenMail's memory: no mailbox will ever show it. For each request submitted
     * before the stop with no mail seen yet, the ledger tells: an email to the requester SENT before the stop is its
     * first email, at the ledger's {@code sentAt} (SMTP accepted; no polling error). Returns how many were found.
     */
    private int firstMailsLostWithGreenMail(List<Tracked> requests, long stoppedAtMillis) {
        int found = 0;
        for (Tracked r : requests) {
            if (r.hasMail() || !r.accepted() || r.submitEpochMillis == 0 || r.submitEpochMillis > stoppedAtMillis) {
                continue;
            }
            try {
                long firstSent = Long.MAX_VALUE;
                for (var entry : sut.pipeline.notifications(r.id)) {
                    boolean toRequester = false;
                    for (var to : entry.path("to")) {
                        toRequester |= to.asString("").equalsIgnoreCase(r.mailbox);
                    }
                    String sentAt = entry.path("sentAt").asString(null);
                    if (toRequester && "SENT".equals(entry.path("status").asString("")) && sentAt != null) {
                        firstSent = Math.min(firstSent, java.time.Instant.parse(sentAt).toEpochMilli());
                    }
                }
                if (firstSent <= stoppedAtMillis && !r.hasMail()) {
                    r.firstMailNanos = r.submitNanos + Math.max(0, firstSent - r.submitEpochMillis) * 1_000_000L;
                    found++;
                }
            } catch (IOException | RuntimeException e) {
                log.accept("    could not read the ledger of " + r.id + ": " + e);
            }
        }
        return found;
    }

    private static final java.util.regex.Pattern LEDGER_KEY = java.util.regex.Pattern.compile("ledger key (\\S+?),");

    /**
     * For each duplicate email found, what notification-service logged about its ledger key (claims, failed attempts,
     * the sends): the evidence of where the second copy came from.
     */
    private String duplicateEvidence(Verifier.Verdict verdict) {
        StringBuilder out = new StringBuilder();
        Path logFile = sut.stack.config().workDir.resolve("logs").resolve(Service.NOTIFICATION.id() + ".log");
        for (String example : verdict.examples) {
            var key = LEDGER_KEY.matcher(example);
            if (!key.find()) {
                continue;
            }
            out.append("\n").append(example).append("; notification-service logged about this key:\n\n```\n");
            try (var lines = java.nio.file.Files.lines(logFile, java.nio.charset.StandardCharsets.UTF_8)) {
                lines.filter(line -> line.contains(key.group(1))).limit(12)
                        .forEach(line -> out.append(line.length() > 600 ? line.substring(0, 600) + " …" : line).append('\n'));
            } catch (IOException | java.io.UncheckedIOException e) {
                out.append("(log not readable: ").append(e.getMessage()).append(")\n");
            }
            out.append("```\n");
        }
        return out.length() == 0 ? "" : out.append('\n').toString();
    }

    private static String shortVerdict(Verifier.Verdict v) {
        return String.format("%d lost, %d not accepted, %d duplicate emails (%d crash window), %d same template twice, "
                        + "%d duplicate links, %d/%d poison missing from DLT", v.lost, v.notAccepted, v.duplicateMessageIds,
                v.crashWindowDuplicates, v.duplicateTemplates, v.duplicateLinks, v.poisonMissingFromDlt, v.poisonInjected);
    }

    private static String verdictLine(Verifier.Verdict v) {
        return String.format("%,d requests: %d lost, %d not accepted, %d with an unexpected status, %d duplicate emails by Message-ID "
                        + "(%d explained by the notification crash window), %d templates sent twice, %,d emails sent (%d ledger "
                        + "entries not SENT, %d SENT but not found in the mailbox), %,d booking links (%d duplicate), %d "
                        + "duplicate approvals.", v.requests, v.lost, v.notAccepted, v.unexpectedStatus, v.duplicateMessageIds,
                v.crashWindowDuplicates, v.duplicateTemplates, v.emailsSent, v.ledgerNotSent, v.sentButNotInMailbox, v.linksSeen,
                v.duplicateLinks, v.duplicateApprovals);
    }

    private void passLine(String line, boolean met, String reached) {
        passLines.put(line, (met ? "met" : "**MISSED**") + "|" + reached);
        log.accept("  pass line " + (met ? "met" : "MISSED") + ": " + line + " — " + reached);
    }

    private void section(String text) {
        sections.add(text + String.format("%n_Machine load average (1 min / 5 min) when this part ended: %s. The machine is shared; "
                + "other builds and tests may have run at the same time._%n", readLoadAverage()));
        render(null);
    }

    private void render(Throwable failure) {
        StringBuilder r = new StringBuilder();
        r.append("# Full system test, ").append(startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append("\n\n");
        r.append("- commit `").append(commit).append("`").append(dirty ? " (the working tree had uncommitted changes; the "
                + "service jars were copied at the start, built " + jarsBuilt + ")" : "").append('\n');
        r.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(memory())
                .append(", load average at the start ").append(loadAverage).append('\n');
        r.append("- JVM ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append("; service JVM flags `").append(String.join(" ", options.list("service-jvm",
                        String.join(" ", StackConfig.RUN_LOCAL_SERVICE_JVM)))).append("` (run-local.sh's unless --service-jvm)\n");
        r.append("- MongoDB-protocol server (mongo-java-server) backend: `").append(options.get("mongo-backend", "memory"))
                .append("` (--mongo-backend=memory|h2; docs/adr/0007)\n");
        r.append("- options: `").append(String.join(" ", options.raw)).append("`\n\n");
        r.append("Reproduce:\n\n```bash\nscripts/system-test.sh ").append(String.join(" ", options.raw)).append("\n```\n\n");
        if (failure != null) {
            r.append("**The run stopped early: ").append(failure.toString().replace("\n", " ")).append("**\n\n");
        }
        if (!passLines.isEmpty()) {
            r.append("## Pass lines\n\n| pass line | result | reached |\n|---|---|---|\n");
            passLines.forEach((line, v) -> {
                String[] parts = v.split("\\|", 2);
                r.append("| ").append(line).append(" | ").append(parts[0]).append(" | ").append(parts[1]).append(" |\n");
            });
            r.append('\n');
        }
        String ratios = ratios();
        if (!ratios.isEmpty()) {
            r.append(ratios).append('\n');
        }
        sections.forEach(s -> r.append(s).append('\n'));
        r.append(methodNotes());
        try {
            Files.createDirectories(report.file().getParent());
            Files.writeString(report.file(), r.toString());
        } catch (IOException e) {
            log.accept("could not write the report: " + e);
        }
    }

    private final String loadAverage = readLoadAverage();

    private static String readLoadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + " / " + Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[1];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GB RAM";
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "? RAM";
    }

    private String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private String ratios() {
        if (chainSteady == null || loadFirstMail == null) {
            return "";
        }
        Latency chain = Latency.of(chainSteady.latencyMicros());
        StringBuilder s = new StringBuilder("## Pipeline ÷ baselines\n\n| figure | pipeline | baseline | ratio |\n|---|---:|---:|---:|\n");
        s.append(String.format("| p50 latency: submit → first email vs bare 3-hop chain end to end, same rate | %s ms | %s ms | %.0f× |%n",
                Latency.f(loadFirstMail.ms(50)), Latency.f(chain.ms(50)), loadFirstMail.ms(50) / chain.ms(50)));
        s.append(String.format("| p99 latency: submit → first email vs bare chain | %s ms | %s ms | %.0f× |%n",
                Latency.f(loadFirstMail.ms(99)), Latency.f(chain.ms(99)), loadFirstMail.ms(99) / chain.ms(99)));
        s.append(String.format("| p99 latency: submit → final status vs bare chain | %s ms | %s ms | %.0f× |%n",
                Latency.f(loadFinal.ms(99)), Latency.f(chain.ms(99)), loadFinal.ms(99) / chain.ms(99)));
        if (!Double.isNaN(burstSeconds) && chainBurst != null) {
            s.append(String.format("| burst of %,d: time until fully processed vs bare chain | %.1f s | %.2f s | %.0f× |%n",
                    chainBurst.records(), burstSeconds, chainBurst.seconds(), burstSeconds / chainBurst.seconds()));
            s.append(String.format("| throughput: requests/s (burst) vs bare chain records/s (50,000) | %.1f | %,.0f | 1/%.0f |%n",
                    burstRequestsPerSecond, chainMax.perSecond(), chainMax.perSecond() / burstRequestsPerSecond));
            s.append(String.format("| throughput: events/s written to the topics (burst) vs ProducerPerformance rec/s | %.0f | %,.0f | 1/%.0f |%n",
                    burstEventsPerSecond, producerMax.recordsPerSec(), producerMax.recordsPerSec() / burstEventsPerSecond));
            s.append(String.format("| throughput: events/s (burst) vs ConsumerPerformance msg/s | %.0f | %,.0f | 1/%.0f |%n",
                    burstEventsPerSecond, consumer.messagesPerSec(), consumer.messagesPerSec() / burstEventsPerSecond));
        }
        return s.toString();
    }

    private String methodNotes() {
        return """
                ## Method

                - Driven only from the outside: `POST /api/v1/upgrade-requests` (dev-portal-token, a fresh `Idempotency-Key` per \
                request; a refused connection, a timeout or a 5xx is retried with the same key and counts from the first attempt), \
                `GET /api/v1/upgrade-requests/{id}` for the status, GreenMail's REST API for the mail \
                (`GET /api/user/{email}/messages/INBOX`), `GET /api/v1/notifications?requestId=` (ENGINEER) for the ledger, \
                `POST /api/v1/operations/replay` (OPERATOR), Kafka's AdminClient for lag and a plain consumer to read topics and DLTs.
                - Open-loop load: submissions are scheduled at the rate whatever the responses do. Each requester has a mailbox of \
                its own (`r-<run>-<n>@load.example`, also the contact address), polled every 100 ms at first and then every 5 % of \
                the request's age (at most 5 s), its status every 200 ms and then 5 % of its age, with at most 300 mail and 200 \
                status polls per second in all (so a backlog does not turn the harness into the load): a figure is late by at \
                most one interval plus how late the poll ran (reported under "Where the time goes"). The ledger's `sentAt` (SMTP accepted) row has no polling error. \
                Latencies are HdrHistogram percentiles.
                - Final statuses: complete without a call → ON_HOLD; complete with a call → CALL_LINK_ISSUED; no rollback plan → \
                AWAITING_INFO; organization `initech` (no Priority Support) or `outOfScopeChanges: [ADD_GEO]` → DECLINED. \
                Complete requests go through the required stops review reports for 16.11.10 → 17.3.7, in a 240-minute window on \
                a Tuesday–Thursday at 10:00 America/New_York at least 14 days ahead.
                - Duplicates: a Message-ID seen twice in the requester's mailbox (GreenMail forgets its mail when stopped or purged; \
                each lifetime's last snapshot is kept and counts add up), or the ledger holding one template twice for a request \
                (a second ledger key, i.e. the event was re-derived). A duplicate whose ledger entry shows more than one attempt is \
                the documented crash window of the delivery worker (SMTP accepted, the process died before the ledger said SENT); \
                it is counted and reported, never hidden. Booking links: distinct `linkId`s of `BookingLinkIssued` per request and \
                approved revision (`approvalEventId` → `PlanApproved.revision` on the review topic), so re-approvals of a newer \
                revision are not counted.
                - Poison: records with valid CloudEvents headers (`ce_type` of the topic) and a value that is not JSON; each must \
                reach `<topic>-dlt` from every consumer group that reads its topic (header `kafka_dlt-original-consumer-group`).
                """;
    }
}
