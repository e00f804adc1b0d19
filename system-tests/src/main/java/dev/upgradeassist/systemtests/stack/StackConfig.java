package dev.upgradeassist.systemtests.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where the stack runs: the repository (for the jars), a work directory of its own (Kafka and
 * MongoDB data, logs), and free ports for everything, so that it never collides with a developer's
 * {@code ./run-local.sh} stack on the standard ports.
 */
public final class StackConfig {

    /** run-local.sh's service JVM flags. */
    public static final List<String> RUN_LOCAL_SERVICE_JVM = List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1");

    public final Path repo;
    public final Path workDir;
    public final int kafkaPort = Ports.free();
    public final int kafkaControllerPort = Ports.free();
    public final int mongoPort = Ports.free();
    public final int smtpPort = Ports.free();
    public final int imapPort = Ports.free();
    public final int mailApiPort = Ports.free();
    public final Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
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

    public StackConfig(Path repo, Path workDir) {
        this.repo = repo.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        for (Service service : Service.values()) {
            servicePorts.put(service, Ports.free());
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String serviceUrl(Service service) {
        return "http://127.0.0.1:" + servicePorts.get(service);
    }

    public String mailApiUrl() {
        return "http://127.0.0.1:" + mailApiPort;
    }

    /** {@code <service>/target/<service>.jar} in the repository. */
    public Path builtServiceJar(Service service) {
        return repo.resolve(service.id()).resolve("target").resolve(service.id() + ".jar");
    }

    /**
     * The jar the service runs from: a copy of {@link #builtServiceJar} taken by {@link #snapshotJars()},
     * because a Spring Boot jar that is rebuilt under a running process breaks it (classes not yet
     * loaded can no longer be read), and other builds may run in the same working tree.
     */
    public Path serviceJar(Service service) {
        return jarDir().resolve(service.id() + ".jar");
    }

    public Path launcherJar() {
        return jarDir().resolve("local-stack.jar");
    }

    public Path greenMailJar() {
        return jarDir().resolve("greenmail-standalone.jar");
    }

    /** Where the copies of the jars live; stacks of one run may share it (the copy is taken once). */
    public Path jarDir = null;

    private Path jarDir() {
        return jarDir != null ? jarDir : workDir.resolve("jars");
    }

    /** Copies the service jars, local-stack.jar and GreenMail's jar into the work directory. */
    public void snapshotJars() {
        if (Files.exists(jarDir().resolve(".complete"))) {
            return;
        }
        requireBuilt();
        try {
            Files.createDirectories(jarDir());
            for (Service service : Service.values()) {
                Files.copy(builtServiceJar(service), serviceJar(service), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(repo.resolve("local-stack/target/local-stack.jar"), launcherJar(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(repo.resolve("local-stack/target/greenmail/greenmail-standalone.jar"), greenMailJar(),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            prepareCds();
            Files.writeString(jarDir().resolve(".complete"), java.time.Instant.now().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not copy the jars to " + jarDir(), e);
        }
    }

    /**
     * Class data sharing for each copied service jar, as run-local.sh prepares it ({@code scripts/cds.sh}: the
     * exploded jar and an archive from a training run), all four at once. A service whose training failed runs
     * from its jar without an archive.
     */
    private void prepareCds() throws java.io.IOException {
        List<Process> trainings = new java.util.ArrayList<>();
        for (Service service : Service.values()) {
            List<String> command = new java.util.ArrayList<>(List.of("bash", repo.resolve("scripts/cds.sh").toString(),
                    serviceJar(service).toString(), cdsDir(service).toString()));
            command.addAll(serviceJvm);
            trainings.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process training : trainings) {
            try {
                if (!training.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
                    training.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while preparing the CDS archives", e);
            }
        }
    }

    public Path cdsDir(Service service) {
        return jarDir().resolve("cds").resolve(service.id());
    }

    /**
     * What runs the service after the JVM flags: its CDS archive and exploded jar when {@link #prepareCds()}
     * made them (the way run-local.sh starts it), else the copied jar.
     */
    public List<String> serviceLaunch(Service service) {
        Path dir = cdsDir(service);
        Path archive = dir.resolve("app.jsa");
        Path exploded = dir.resolve(service.id() + ".jar");
        if (Files.isRegularFile(archive) && Files.isRegularFile(exploded)) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-jar", exploded.toString());
        }
        return List.of("-jar", serviceJar(service).toString());
    }

    /** local-stack.jar plus its runtime classpath: the Kafka broker, Kafka's tools and the MongoDB-protocol server. */
    public String launcherClasspath() {
        try {
            return launcherJar() + ":" + Files.readString(repo.resolve("local-stack/target/classpath.txt")).trim();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("local-stack is not built (no local-stack/target/classpath.txt): run ./mvnw -DskipTests package", e);
        }
    }

    /** Fails with the build command when a jar the stack needs is missing. */
    public void requireBuilt() {
        List<Path> needed = new java.util.ArrayList<>(List.of(repo.resolve("local-stack/target/local-stack.jar"),
                repo.resolve("local-stack/target/greenmail/greenmail-standalone.jar"),
                repo.resolve("local-stack/target/classpath.txt")));
        for (Service service : Service.values()) {
            needed.add(builtServiceJar(service));
        }
        List<Path> missing = needed.stream().filter(p -> !Files.isRegularFile(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built: " + missing + " — run ./mvnw -DskipTests package first");
        }
    }
}
