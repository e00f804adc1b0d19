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
            Files.writeString(jarDir().resolve(".complete"), java.time.Instant.now().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not copy the jars to " + jarDir(), e);
        }
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
