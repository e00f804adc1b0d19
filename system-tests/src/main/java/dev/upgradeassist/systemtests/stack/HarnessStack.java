package dev.upgradeassist.systemtests.stack;

import dev.upgradeassist.localstack.AppService;
import dev.upgradeassist.localstack.ProcessSpec;
import dev.upgradeassist.localstack.Probes;
import dev.upgradeassist.localstack.Topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The local stack as real processes, started from the same {@link Topology} as {@code run-local.sh}'s launcher
 * (local-stack): a real Kafka broker (KRaft) and the MongoDB-protocol server from {@code local-stack.jar},
 * GreenMail standalone, and each service in the {@code local} profile, on ports of its own and with its data under
 * {@link StackConfig#workDir}. What this class adds is the harness's: start timings, second instances, restarts
 * with other environment variables, faults.
 */
public final class HarnessStack implements AutoCloseable {

    /** One start of a process until it served (a port accepting connections, or /actuator/health UP). */
    public record Start(String name, String kind, long millisToReady, long rssKibAtReady) {
    }

    private final StackConfig config;
    private final Map<Service, ManagedProcess> services = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final Map<Service, ManagedProcess> secondInstances = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final Map<Service, Integer> secondPorts = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final List<Start> starts = Collections.synchronizedList(new ArrayList<>());
    private volatile ManagedProcess kafka;
    private volatile ManagedProcess mongo;
    private volatile ManagedProcess mail;
    private volatile ManagedProcess web;
    private Consumer<String> log = System.out::println;
    private volatile Topology topology;

    public HarnessStack(StackConfig config) {
        this.config = config;
    }

    public HarnessStack logTo(Consumer<String> log) {
        this.log = log;
        return this;
    }

    public StackConfig config() {
        return config;
    }

    public List<Start> starts() {
        return List.copyOf(starts);
    }

    /** The topology of this stack, taken from the config at its first use (the config's options are set by then). */
    private Topology topology() {
        if (topology == null) {
            topology = config.topology();
        }
        return topology;
    }

    // ------------------------------------------------------------------ infrastructure

    public void startInfrastructure(Duration timeout) {
        config.snapshotJars();
        int reaped = ManagedProcess.reapOrphans();
        if (reaped > 0) {
            log.accept("Ended " + reaped + " process(es) left running by an earlier, killed harness run");
        }
        startKafka();
        startMongo();
        startMail();
        awaitPort("kafka", kafka, config.kafkaPort, timeout, "cold");
        awaitPort("mongo", mongo, config.mongoPort, timeout, "cold");
        awaitPort("mail", mail, config.mailApiPort, timeout, "cold");
        Readiness.awaitPort(mail, config.smtpPort, timeout);
        Readiness.awaitPort(mail, config.imapPort, timeout);
    }

    public void startKafka() {
        kafka = start(topology().kafka());
    }

    public long awaitKafka(Duration timeout, String kind) {
        return awaitPort("kafka", kafka, config.kafkaPort, timeout, kind);
    }

    public void kill9Kafka() {
        kafka.kill9();
    }

    public ManagedProcess kafkaProcess() {
        return kafka;
    }

    public void startMongo() {
        mongo = start(topology().mongo());
    }

    public ManagedProcess mongoProcess() {
        return mongo;
    }

    /**
     * SIGSTOP to the MongoDB-protocol server: it still holds its port and every open connection, but
     * answers nothing, as a hung or partitioned database does. The drivers' monitors mark it unknown
     * after their heartbeat timeout, new operations fail their server selection, and operations
     * already on the wire wait. {@link #resumeMongo()} sends SIGCONT.
     */
    public void freezeMongo() {
        mongo.signal("STOP");
    }

    public void resumeMongo() {
        mongo.signal("CONT");
    }

    /** GreenMail (SMTP, IMAP and its REST API, which the harness polls for the mail). */
    public ManagedProcess mailProcess() {
        return mail;
    }

    public void startMail() {
        mail = start(topology().mail());
    }

    public long awaitMail(Duration timeout, String kind) {
        long millis = awaitPort("mail", mail, config.mailApiPort, timeout, kind);
        Readiness.awaitPort(mail, config.smtpPort, timeout);
        return millis;
    }

    /** Stops GreenMail (SIGTERM): SMTP, IMAP and the REST API go away, and with them every stored message. */
    public void stopMail() {
        mail.stop(Duration.ofSeconds(15));
    }

    // ------------------------------------------------------------------ services

    /** Starts the services one after the other, each alone, and returns each one's time to healthy. */
    public Map<Service, Long> startServicesOneByOne(Duration timeout) {
        Map<Service, Long> millis = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            millis.put(service, startService(service, timeout, "cold, alone"));
        }
        return millis;
    }

    /** Starts the four services at once, as run-local.sh does, and waits until each is healthy. */
    public Map<Service, Long> startServicesTogether(Duration timeout) {
        Map<Service, ManagedProcess> started = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            started.put(service, launchService(service));
        }
        Map<Service, CompletableFuture<Long>> waits = new EnumMap<>(Service.class);
        started.forEach((service, process) -> waits.put(service,
                CompletableFuture.supplyAsync(() -> awaitHealthy(service, process, timeout, "cold, four together"))));
        Map<Service, Long> millis = new EnumMap<>(Service.class);
        waits.forEach((service, wait) -> millis.put(service, Readiness.join(wait)));
        return millis;
    }

    public long startService(Service service, Duration timeout, String kind) {
        return awaitHealthy(service, launchService(service), timeout, kind);
    }

    /**
     * Starts a second instance of the service beside the first: the same database, the same consumer
     * groups, a port of its own (its log is {@code <service>-2.log}). Waits until it is healthy.
     */
    public long startSecondInstance(Service service, Duration timeout) {
        int port = secondPorts.computeIfAbsent(service, s -> Ports.free());
        // one consumer per container whose client id sorts before the first instance's ("consumer-<group>-n"):
        // Kafka's range assignor orders members by id, so this instance always owns partition 0 of every topic
        // and the first instance keeps the others; with equal counts either one could end up with none
        ManagedProcess process = start(topology().service(service.app(), port).withName(service.id() + "-2")
                .withArgs(List.of("--spring.kafka.listener.concurrency=1", "--spring.kafka.consumer.client-id=a-second-instance")));
        secondInstances.put(service, process);
        return awaitHealthy(service.id() + "-2", Topology.serviceUrl(port), process, timeout, "second instance");
    }

    public String secondInstanceUrl(Service service) {
        return "http://127.0.0.1:" + secondPorts.get(service);
    }

    /** SIGTERM to the second instance (a graceful shutdown, as a scale-in does), and waits until it is gone. */
    public void stopSecondInstance(Service service) {
        ManagedProcess process = secondInstances.remove(service);
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    /**
     * Stops the service (SIGTERM) and starts it again with these environment variables added, the way a
     * container's configuration sets them; waits until it is healthy.
     */
    public long restartServiceWith(Service service, Map<String, String> environment, Duration timeout) {
        ManagedProcess running = services.get(service);
        if (running != null && running.isAlive()) {
            running.stop(Duration.ofSeconds(30));
        }
        ManagedProcess process = start(topology().service(service.app()).withEnvironment(environment));
        services.put(service, process);
        return awaitHealthy(service, process, timeout, "restart with " + environment.keySet());
    }

    private ManagedProcess launchService(Service service) {
        ManagedProcess process = start(topology().service(service.app()));
        services.put(service, process);
        return process;
    }

    /**
     * Starts the web module (the console and the customers' page; {@link StackConfig#withWeb} must be set before the
     * infrastructure starts, so that its jar is copied) against this stack's services; waits until it is healthy.
     */
    public long startWeb(Duration timeout) {
        if (!config.withWeb) {
            throw new IllegalStateException("this stack was configured without the web module (StackConfig.withWeb)");
        }
        web = start(topology().service(AppService.WEB));
        return awaitHealthy("web", config.webUrl(), web, timeout, "cold");
    }

    /** kill -9, and wait until the process is gone. */
    public void kill9(Service service) {
        ManagedProcess process = services.get(service);
        if (process != null) {
            process.kill9();
        }
    }

    public ManagedProcess process(Service service) {
        return services.get(service);
    }

    public long rssKib(Service service) {
        ManagedProcess process = services.get(service);
        return process == null ? -1 : process.rssKib();
    }

    public boolean healthy(Service service) {
        return healthy(config.serviceUrl(service));
    }

    private static boolean healthy(String baseUrl) {
        return Probes.healthy(baseUrl + AppService.HEALTH_PATH);
    }

    private long awaitHealthy(Service service, ManagedProcess process, Duration timeout, String kind) {
        return awaitHealthy(service.id(), config.serviceUrl(service), process, timeout, kind);
    }

    private long awaitHealthy(String name, String url, ManagedProcess process, Duration timeout, String kind) {
        long deadline = process.startedNanos() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (healthy(url)) {
                long millis = (System.nanoTime() - process.startedNanos()) / 1_000_000;
                starts.add(new Start(name, kind, millis, process.rssKib()));
                log.accept(String.format("  %s healthy %.1f s after its start (%s)", name, millis / 1000.0, kind));
                return millis;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (code " + process.exitCode().orElse(-1)
                        + ") before it became healthy; log " + process.log() + ":\n" + process.logTail(40));
            }
            Readiness.sleep(100);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + "; log " + process.log()
                + ":\n" + process.logTail(40));
    }

    // ------------------------------------------------------------------ helpers

    private ManagedProcess start(ProcessSpec spec) {
        try {
            return ManagedProcess.start(spec, topology().logFile(spec.name()), config.workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name(), e);
        }
    }

    private long awaitPort(String name, ManagedProcess process, int port, Duration timeout, String kind) {
        Readiness.awaitPort(process, port, timeout);
        long millis = (System.nanoTime() - process.startedNanos()) / 1_000_000;
        starts.add(new Start(name, kind, millis, process.rssKib()));
        return millis;
    }

    /** Services first (SIGTERM, then SIGKILL), then mail and MongoDB, Kafka last; then anything left. */
    @Override
    public void close() {
        try {
            List<ManagedProcess> running = new ArrayList<>(services.values());
            if (web != null) {
                running.add(web);
            }
            running.addAll(secondInstances.values());
            running.forEach(p -> { if (p.isAlive()) { p.stop(Duration.ofSeconds(20)); } });
            for (ManagedProcess p : new ManagedProcess[] {mail, mongo, kafka}) {
                if (p != null && p.isAlive()) {
                    p.stop(Duration.ofSeconds(20));
                }
            }
        } finally {
            ManagedProcess.killAll();
        }
    }
}
