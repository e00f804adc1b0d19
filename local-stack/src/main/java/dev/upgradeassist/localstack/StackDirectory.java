package dev.upgradeassist.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The launcher's files under the data directory: the state file (name, pid, start time of each process it
 * started), the stopping marker, and the processes the state file names that still run; plus the file helpers
 * the commands share.
 */
final class StackDirectory {

    private final Topology topology;

    StackDirectory(Topology topology) {
        this.topology = topology;
    }

    Path runDir() {
        return topology.dataDir().resolve("run");
    }

    Path stateFile() {
        return StateFile.location(topology.dataDir());
    }

    Path stoppingMarker() {
        return runDir().resolve("stopping");
    }

    /** Adds a started process to the state file. */
    synchronized void record(JavaProcess process) {
        StateFile.read(stateFile()).with(new StateFile.Entry(process.name(), process.pid(), process.startMillis())).write(stateFile());
    }

    /** The processes of the state file that still run (and are ours: same start time, our mark). */
    List<JavaProcess> aliveFromState() {
        return StateFile.read(stateFile()).entries().stream()
                .flatMap(e -> JavaProcess.adopt(e.name(), e.pid(), e.startMillis(), topology.logFile(e.name())).stream())
                .filter(p -> p.handle().info().arguments().map(a -> List.of(a).contains(Launcher.MARK + p.name())).orElse(true))
                .toList();
    }

    static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    static void mkdirs(Path... dirs) {
        try {
            for (Path dir : dirs) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + e.getMessage(), e);
        }
    }

    static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        } catch (IOException e) {
            // only a hint for a monitoring launcher
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left behind: harmless
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
