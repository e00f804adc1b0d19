package dev.upgradeassist.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Class data sharing for service jars (docs/adr/0007): {@code scripts/cds.sh} extracts the jar and records an
 * archive with a training run; a service starts from the archive when it is there and not older than its jar.
 */
public final class Cds {

    /** One jar, the directory for its exploded copy and archive, and the JVM flags the service runs with. */
    public record Job(Path jar, Path dir, List<String> jvmFlags) {

        public Job {
            jvmFlags = List.copyOf(jvmFlags);
        }
    }

    private Cds() {
    }

    static Path archive(Path dir) {
        return dir.resolve("app.jsa");
    }

    static Path exploded(Path jar, Path dir) {
        return dir.resolve(jar.getFileName().toString());
    }

    /** True when the archive is missing or older than the jar (a build changed it). */
    public static boolean needed(Path jar, Path dir) {
        Path archive = archive(dir);
        return !Files.isRegularFile(archive) || !Files.isRegularFile(exploded(jar, dir)) || newer(jar, archive);
    }

    /** {@code -XX:SharedArchiveFile=<dir>/app.jsa -jar <dir>/<jar>} when prepared and current, else {@code -jar <jar>}. */
    public static List<String> launchArgs(Path jar, Path dir) {
        if (!needed(jar, dir)) {
            return List.of("-XX:SharedArchiveFile=" + archive(dir), "-jar", exploded(jar, dir).toString());
        }
        return List.of("-jar", jar.toString());
    }

    private static boolean newer(Path a, Path b) {
        try {
            return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Runs {@code scripts/cds.sh} for every job at once, each with its service's JVM flags, and waits (at most 3
     * minutes each). A failed training leaves no archive: that service starts from its jar.
     */
    public static void prepare(Path repo, List<Job> jobs) {
        List<Process> trainings = new ArrayList<>();
        try {
            for (Job job : jobs) {
                List<String> command = new ArrayList<>(List.of("bash", repo.resolve("scripts/cds.sh").toString(),
                        job.jar().toString(), job.dir().toString()));
                command.addAll(job.jvmFlags());
                trainings.add(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            for (Process training : trainings) {
                if (!training.waitFor(3, TimeUnit.MINUTES)) {
                    training.destroyForcibly();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run scripts/cds.sh", e);
        } catch (InterruptedException e) {
            trainings.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the CDS archives", e);
        }
    }
}
