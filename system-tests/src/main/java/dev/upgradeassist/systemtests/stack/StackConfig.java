package dev.upgradeassist.systemtests.stack;

import dev.upgradeassist.localstack.AppService;
import dev.upgradeassist.localstack.Artifacts;
import dev.upgradeassist.localstack.StackOptions;
import dev.upgradeassist.localstack.StackPorts;
import dev.upgradeassist.localstack.Topology;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where the stack runs: the repository (for the jars), a work directory of its own (Kafka and
 * MongoDB data, logs), and free ports for everything, so that it never collides with a developer's
 * {@code ./run-local.sh} stack on the standard ports. How each process starts is the local stack's
 * {@link Topology}; {@link #topology()} hands it these ports, directories and options.
 */
public final class StackConfig {

    /** run-local.sh's service JVM flags. */
    public static final List<String> RUN_LOCAL_SERVICE_JVM = StackOptions.SERVICE_JVM;

    public final Path repo;
    public final Path workDir;
    public final int kafkaPort;
    public final int kafkaControllerPort;
    public final int mongoPort;
    public final int smtpPort;
    public final int imapPort;
    public final int mailApiPort;
    public final Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
    /** Ports for the topology's entries the harness does not run (the web module): free, never listened on. */
    private final Map<AppService, Integer> otherPorts = new EnumMap<>(AppService.class);
    public List<String> serviceJvm = RUN_LOCAL_SERVICE_JVM;
    public String mailHeap = "-Xmx256m";
    /**
     * The MongoDB-protocol server's backend: {@code memory} (the default here: every stack of the harness is
     * fresh and the server is never restarted, so the H2 file's durability buys nothing, and its Java
     * serialization of every document would be measured instead of the pipeline; docs/adr/0007) or {@code h2},
     * run-local.sh's file-backed default.
     */
    public String mongoBackend = "memory";
    /** Netty worker threads of the MongoDB-protocol server ({@code --worker-threads}); 0 = its launcher's default. */
    public int mongoWorkerThreads = 0;
    /** Where the copies of the jars live; stacks of one run may share it (the copy is taken once). */
    public Path jarDir = null;
    /** Whether this stack also runs the web module (the browser test does; the load and fault runs do not). */
    public boolean withWeb = false;

    public StackConfig(Path repo, Path workDir) {
        this.repo = repo.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        StackPorts free = StackPorts.free(Ports::free);
        kafkaPort = free.kafka();
        kafkaControllerPort = free.kafkaController();
        mongoPort = free.mongo();
        smtpPort = free.smtp();
        imapPort = free.imap();
        mailApiPort = free.mailApi();
        for (Service service : Service.values()) {
            servicePorts.put(service, free.service(service.app()));
        }
        for (AppService app : AppService.values()) {
            otherPorts.put(app, free.service(app));
        }
        driven().forEach(otherPorts::remove);
    }

    /** The topology's entries the harness runs: the event-driven services ({@link Service}), not the web module. */
    public static List<AppService> driven() {
        return java.util.Arrays.stream(Service.values()).map(Service::app).toList();
    }

    /** The ports of this stack as the topology takes them. */
    public StackPorts ports() {
        Map<AppService, Integer> services = new EnumMap<>(AppService.class);
        services.putAll(otherPorts);
        servicePorts.forEach((service, port) -> services.put(service.app(), port));
        return new StackPorts(kafkaPort, kafkaControllerPort, mongoPort, smtpPort, imapPort, mailApiPort, services);
    }

    /**
     * The harness's options: launchers logging warnings only; the memory backend holds every document on the heap
     * (15,000 requests of the full suite's load with their rendered emails outgrow 512 MB).
     */
    public StackOptions options() {
        return new StackOptions("WARN", List.of("-Xmx512m", "-XX:+UseSerialGC"),
                List.of("memory".equals(mongoBackend) ? "-Xmx4g" : "-Xmx512m", "-XX:+UseSerialGC"),
                mongoBackend, mongoWorkerThreads, List.of(mailHeap, "-XX:+UseSerialGC", StackOptions.MAIL_STREAM_PROVIDER),
                serviceJvm);
    }

    /** Copies of the jars under {@link #jarDir} (default {@code <workDir>/jars}). */
    public Artifacts artifacts() {
        return Artifacts.snapshot(repo, jarDir != null ? jarDir : workDir.resolve("jars"));
    }

    /** This stack in the local stack's topology: its ports, its work directory, the copied jars, its options. */
    public Topology topology() {
        return new Topology(workDir, ports(), artifacts(), options());
    }

    public String bootstrapServers() {
        return Topology.HOST + ":" + kafkaPort;
    }

    public String serviceUrl(Service service) {
        return Topology.serviceUrl(servicePorts.get(service));
    }

    public String mailApiUrl() {
        return "http://" + Topology.HOST + ":" + mailApiPort;
    }

    /** {@code <service>/target/<service>.jar} in the repository. */
    public Path builtServiceJar(Service service) {
        return artifacts().builtServiceJar(service.app());
    }

    /**
     * The jar the service runs from: a copy of {@link #builtServiceJar} taken by {@link #snapshotJars()},
     * because a Spring Boot jar that is rebuilt under a running process breaks it (classes not yet
     * loaded can no longer be read), and other builds may run in the same working tree.
     */
    public Path serviceJar(Service service) {
        return artifacts().serviceJar(service.app());
    }

    public Path launcherJar() {
        return artifacts().launcherJar();
    }

    public Path greenMailJar() {
        return artifacts().greenMailJar();
    }

    /** Copies the service jars, local-stack.jar and GreenMail's jar into the work directory, with CDS archives. */
    public void snapshotJars() {
        artifacts().copyOnce(copied(), serviceJvm);
    }

    private List<AppService> copied() {
        List<AppService> apps = new java.util.ArrayList<>(driven());
        if (withWeb) {
            apps.add(AppService.WEB);
        }
        return apps;
    }

    /** The web module's address in this stack (listened on only when {@link #withWeb} and started). */
    public String webUrl() {
        return Topology.serviceUrl(otherPorts.get(AppService.WEB));
    }

    public Path cdsDir(Service service) {
        return artifacts().cdsDir(service.app());
    }

    /** What runs the service after the JVM flags: its CDS archive and exploded jar when prepared, else the copied jar. */
    public List<String> serviceLaunch(Service service) {
        return artifacts().serviceLaunch(service.app());
    }

    /** local-stack.jar plus its runtime classpath: the Kafka broker, Kafka's tools and the MongoDB-protocol server. */
    public String launcherClasspath() {
        return artifacts().launcherClasspath();
    }

    /** Fails with the build command when a jar the stack needs is missing. */
    public void requireBuilt() {
        List<Path> missing = artifacts().missing(copied());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built: " + missing + " — run ./mvnw -DskipTests package first");
        }
    }
}
