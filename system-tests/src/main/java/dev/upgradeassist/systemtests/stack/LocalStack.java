package dev.upgradeassist.systemtests.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The local stack as real processes, the way {@code run-local.sh} starts it: a real Kafka broker
 * (KRaft) and the MongoDB-protocol server from {@code local-stack.jar}, GreenMail standalone, and
 * each service as {@code java -jar <service>/target/<service>.jar --spring.profiles.active=local ...},
 * on ports of its own and with its data under {@link StackConfig#workDir}.
 */
public final class LocalStack implements AutoCloseable {

    /** One start of a process until it served (a port accepting connections, or /actuator/health UP). */
    public record Start(String name, String kind, long millisToReady, long rssKibAtReady) {
    }

    private final StackConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<Service, ManagedProcess> services = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final Map<Service, ManagedProcess> secondInstances = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final Map<Service, Integer> secondPorts = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final List<Start> starts = Collections.synchronizedList(new ArrayList<>());
    private volatile ManagedProcess kafka;
    private volatile ManagedProcess mongo;
    private volatile ManagedProcess mail;
    private Consumer<String> log = System.out::println;

    public LocalStack(StackConfig config) {
        this.config = config;
    }

    public LocalStack logTo(Consumer<String> log) {
        this.log = log;
        return this;
    }

    public StackConfig config() {
        return config;
    }

    public List<Start> starts() {
        return List.copyOf(starts);
    }

    private Path logFile(String name) {
        return config.workDir.resolve("logs").resolve(name + ".log");
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
        awaitPortOnly(mail, config.smtpPort, timeout);
        awaitPortOnly(mail, config.imapPort, timeout);
    }

    public void startKafka() {
        kafka = java("kafka", List.of("-Xmx512m", "-XX:+UseSerialGC", "-Dlocalstack.log.level=WARN",
                "-cp", config.launcherClasspath(), "dev.upgradeassist.localstack.KafkaBroker",
                "--data-dir=" + config.workDir.resolve("kafka"), "--port=" + config.kafkaPort,
                "--controller-port=" + config.kafkaControllerPort));
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
        // the memory backend holds every document on the heap: 15,000 requests of the full suite's load (with their
        // rendered emails) outgrow 512 MB
        mongo = java("mongo", List.of("memory".equals(config.mongoBackend) ? "-Xmx4g" : "-Xmx512m", "-XX:+UseSerialGC", "-Dlocalstack.log.level=WARN",
                "-Dio.netty.buffer.checkAccessible=false", "-Dio.netty.buffer.checkBounds=false",
                "-cp", config.launcherClasspath(), "dev.upgradeassist.localstack.MongoServerMain",
                "--backend=" + config.mongoBackend,
                "--worker-threads=" + config.mongoWorkerThreads,
                "--file=" + config.workDir.resolve("mongo/upgrade-assist.mv.db"), "--port=" + config.mongoPort));
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
        mail = java("mail", List.of(config.mailHeap, "-XX:+UseSerialGC",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + config.smtpPort,
                "-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + config.imapPort,
                "-Dgreenmail.auth.disabled", "-Dgreenmail.hostname=127.0.0.1",
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + config.mailApiPort,
                "-jar", config.greenMailJar().toString()));
    }

    public long awaitMail(Duration timeout, String kind) {
        long millis = awaitPort("mail", mail, config.mailApiPort, timeout, kind);
        awaitPortOnly(mail, config.smtpPort, timeout);
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
        waits.forEach((service, wait) -> millis.put(service, join(wait)));
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
        List<String> args = serviceArgs(service, port);
        // one consumer per container whose client id sorts before the first instance's ("consumer-<group>-n"):
        // Kafka's range assignor orders members by id, so this instance always owns partition 0 of every topic
        // and the first instance keeps the others; with equal counts either one could end up with none
        args.addAll(List.of("--spring.kafka.listener.concurrency=1", "--spring.kafka.consumer.client-id=a-second-instance"));
        ManagedProcess process = java(service.id() + "-2", args);
        secondInstances.put(service, process);
        long deadline = process.startedNanos() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (healthy("http://127.0.0.1:" + port)) {
                long millis = (System.nanoTime() - process.startedNanos()) / 1_000_000;
                starts.add(new Start(service.id() + "-2", "second instance", millis, process.rssKib()));
                log.accept(String.format("  %s (second instance) healthy %.1f s after its start", service.id(), millis / 1000.0));
                return millis;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(service.id() + "-2 exited before it became healthy:\n" + process.logTail(40));
            }
            sleep(100);
        }
        throw new IllegalStateException(service.id() + "-2 not healthy within " + timeout + ":\n" + process.logTail(40));
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
        ManagedProcess process = java(service.id(), serviceArgs(service, config.servicePorts.get(service)), environment);
        services.put(service, process);
        return awaitHealthy(service, process, timeout, "restart with " + environment.keySet());
    }

    private ManagedProcess launchService(Service service) {
        ManagedProcess process = java(service.id(), serviceArgs(service, config.servicePorts.get(service)));
        services.put(service, process);
        return process;
    }

    private List<String> serviceArgs(Service service, int port) {
        List<String> args = new ArrayList<>(config.serviceJvm);
        args.addAll(config.serviceLaunch(service));
        args.addAll(List.of("--spring.profiles.active=local",
                "--spring.application.name=" + service.id(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + config.bootstrapServers(),
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + config.mongoPort + "/" + service.database(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + config.smtpPort));
        if (service == Service.SCHEDULING) {
            // every instance hands out links to the one public address, as behind a load balancer
            args.add("--upgrade-assist.scheduling.booking-base-url=" + config.serviceUrl(service));
        }
        return args;
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

    private boolean healthy(String baseUrl) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/actuator/health")).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long awaitHealthy(Service service, ManagedProcess process, Duration timeout, String kind) {
        long deadline = process.startedNanos() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (healthy(service)) {
                long millis = (System.nanoTime() - process.startedNanos()) / 1_000_000;
                starts.add(new Start(service.id(), kind, millis, process.rssKib()));
                log.accept(String.format("  %s healthy %.1f s after its start (%s)", service.id(), millis / 1000.0, kind));
                return millis;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(service.id() + " exited (code " + process.exitCode().orElse(-1)
                        + ") before it became healthy; log " + process.log() + ":\n" + process.logTail(40));
            }
            sleep(100);
        }
        throw new IllegalStateException(service.id() + " not healthy within " + timeout + "; log " + process.log()
                + ":\n" + process.logTail(40));
    }

    // ------------------------------------------------------------------ helpers

    private ManagedProcess java(String name, List<String> args) {
        return java(name, args, Map.of());
    }

    private ManagedProcess java(String name, List<String> args, Map<String, String> environment) {
        try {
            Files.createDirectories(config.workDir);
            return ManagedProcess.startJava(name, args, environment, logFile(name), config.workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private long awaitPort(String name, ManagedProcess process, int port, Duration timeout, String kind) {
        awaitPortOnly(process, port, timeout);
        long millis = (System.nanoTime() - process.startedNanos()) / 1_000_000;
        starts.add(new Start(name, kind, millis, process.rssKib()));
        return millis;
    }

    private static void awaitPortOnly(ManagedProcess process, int port, Duration timeout) {
        long deadline = process.startedNanos() + timeout.toNanos();
        while (!Ports.open(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited before port " + port
                        + " accepted connections:\n" + process.logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + ": port " + port + " closed after " + timeout
                        + ":\n" + process.logTail(40));
            }
            sleep(100);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Services first (SIGTERM, then SIGKILL), then mail and MongoDB, Kafka last; then anything left. */
    @Override
    public void close() {
        try {
            List<ManagedProcess> running = new ArrayList<>(services.values());
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
