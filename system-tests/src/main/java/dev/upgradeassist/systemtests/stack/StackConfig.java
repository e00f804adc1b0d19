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

    public Path serviceJar(Service service) {
        return repo.resolve(service.id()).resolve("target").resolve(service.id() + ".jar");
    }

    public Path launcherJar() {
        return repo.resolve("local-stack/target/local-stack.jar");
    }

    public Path greenMailJar() {
        return repo.resolve("local-stack/target/greenmail/greenmail-standalone.jar");
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
        List<Path> needed = new java.util.ArrayList<>(List.of(launcherJar(), greenMailJar(),
                repo.resolve("local-stack/target/classpath.txt")));
        for (Service service : Service.values()) {
            needed.add(serviceJar(service));
        }
        List<Path> missing = needed.stream().filter(p -> !Files.isRegularFile(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built: " + missing + " — run ./mvnw -DskipTests package first");
        }
    }
}
