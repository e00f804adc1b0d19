package dev.upgradeassist.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the jars of a stack are: the build output in the repository ({@link #built}, what run-local.sh runs), or
 * copies of it ({@link #snapshot}: the system tests, because a Spring Boot jar that is rebuilt under a running
 * process breaks it, and other builds may run in the same working tree).
 */
public final class Artifacts {

    private final Path repo;
    private final Path jarDir;

    private Artifacts(Path repo, Path jarDir) {
        this.repo = repo.toAbsolutePath().normalize();
        this.jarDir = jarDir == null ? null : jarDir.toAbsolutePath().normalize();
    }

    /** The jars where the build writes them: {@code <service>/target/<service>.jar}, CDS in {@code <service>/target/cds}. */
    public static Artifacts built(Path repo) {
        return new Artifacts(repo, null);
    }

    /** Copies in {@code jarDir} (taken by {@link #copyOnce}), CDS in {@code jarDir/cds/<service>}. */
    public static Artifacts snapshot(Path repo, Path jarDir) {
        return new Artifacts(repo, jarDir);
    }

    public Path repo() {
        return repo;
    }

    /** {@code <service>/target/<service>.jar} in the repository. */
    public Path builtServiceJar(AppService service) {
        return repo.resolve(service.id()).resolve("target").resolve(service.id() + ".jar");
    }

    public Path serviceJar(AppService service) {
        return jarDir == null ? builtServiceJar(service) : jarDir.resolve(service.id() + ".jar");
    }

    public Path cdsDir(AppService service) {
        return jarDir == null ? repo.resolve(service.id()).resolve("target/cds") : jarDir.resolve("cds").resolve(service.id());
    }

    private Path builtLauncherJar() {
        return repo.resolve("local-stack/target/local-stack.jar");
    }

    private Path builtGreenMailJar() {
        return repo.resolve("local-stack/target/greenmail/greenmail-standalone.jar");
    }

    private Path classpathFile() {
        return repo.resolve("local-stack/target/classpath.txt");
    }

    public Path launcherJar() {
        return jarDir == null ? builtLauncherJar() : jarDir.resolve("local-stack.jar");
    }

    public Path greenMailJar() {
        return jarDir == null ? builtGreenMailJar() : jarDir.resolve("greenmail-standalone.jar");
    }

    /** local-stack.jar plus its runtime classpath: the Kafka broker, Kafka's tools and the MongoDB-protocol server. */
    public String launcherClasspath() {
        try {
            return launcherJar() + ":" + Files.readString(classpathFile()).trim();
        } catch (IOException e) {
            throw new IllegalStateException("local-stack is not built (no local-stack/target/classpath.txt): "
                    + "run ./mvnw -DskipTests package", e);
        }
    }

    /** The build outputs that are missing (empty when everything the stack runs is built). */
    public List<Path> missing(List<AppService> services) {
        List<Path> needed = new ArrayList<>(List.of(builtLauncherJar(), builtGreenMailJar(), classpathFile()));
        services.forEach(s -> needed.add(builtServiceJar(s)));
        return needed.stream().filter(p -> !Files.isRegularFile(p)).toList();
    }

    /**
     * For a snapshot: copies the service jars, local-stack.jar and GreenMail's jar once (a {@code .complete} marker
     * tells later stacks of the same run) and prepares their CDS archives with {@code serviceJvm}.
     */
    public void copyOnce(List<String> serviceJvm) {
        copyOnce(List.of(AppService.values()), serviceJvm);
    }

    /** As {@link #copyOnce(List)}, for the given services only (the system-test harness does not run the web module). */
    public void copyOnce(List<AppService> services, List<String> serviceJvm) {
        if (jarDir == null) {
            throw new IllegalStateException("only a snapshot is copied");
        }
        if (Files.exists(jarDir.resolve(".complete"))) {
            return;
        }
        List<Path> missing = missing(services);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built: " + missing + " — run ./mvnw -DskipTests package first");
        }
        try {
            Files.createDirectories(jarDir);
            for (AppService service : services) {
                Files.copy(builtServiceJar(service), serviceJar(service), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(builtLauncherJar(), launcherJar(), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(builtGreenMailJar(), greenMailJar(), StandardCopyOption.REPLACE_EXISTING);
            Cds.prepare(repo, services.stream()
                    .map(s -> new Cds.Job(serviceJar(s), cdsDir(s), s.jvmFlags(serviceJvm))).toList());
            Files.writeString(jarDir.resolve(".complete"), Instant.now().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the jars to " + jarDir, e);
        }
    }

    /**
     * What runs the service after the JVM flags: its CDS archive and exploded jar when they are prepared and not
     * older than the jar, else the jar itself.
     */
    public List<String> serviceLaunch(AppService service) {
        return Cds.launchArgs(serviceJar(service), cdsDir(service));
    }
}
