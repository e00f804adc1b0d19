package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.stack.HarnessStack;
import dev.upgradeassist.systemtests.stack.StackConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A fresh stack (empty Kafka log dir, empty MongoDB, new GreenMail) for each part of the run, so
 * that no part inherits another's data or backlog; one at a time: opening one closes the last.
 * Keeps every process start of the closed stacks for the report.
 */
public final class FreshStacks implements AutoCloseable {

    /** How the stacks' processes run (null mongoBackend: the stack's default). */
    public record Settings(List<String> serviceJvm, String mailHeap, String mongoBackend, int mongoWorkerThreads) {
    }

    private final Path repo;
    private final Path work;
    private final String stamp;
    private final Settings settings;
    private final Consumer<String> log;
    private final List<HarnessStack.Start> starts = new ArrayList<>();
    private SystemUnderTest current;

    public FreshStacks(Path repo, Path work, String stamp, Settings settings, Consumer<String> log) {
        this.repo = repo;
        this.work = work;
        this.stamp = stamp;
        this.settings = settings;
        this.log = log;
    }

    /** Closes the current stack and starts the infrastructure of a new one under work/label. */
    public synchronized SystemUnderTest open(String label) {
        close();
        StackConfig config = new StackConfig(repo, work.resolve(label));
        config.serviceJvm = settings.serviceJvm();
        config.mailHeap = settings.mailHeap();
        if (settings.mongoBackend() != null) {
            config.mongoBackend = settings.mongoBackend();
        }
        config.mongoWorkerThreads = settings.mongoWorkerThreads();
        config.jarDir = work.resolve("jars");
        current = new SystemUnderTest(config, stamp.replaceAll("[^0-9]", "") + label.charAt(0), log);
        log.accept("== Fresh stack for " + label);
        current.startInfrastructure(Duration.ofMinutes(3));
        return current;
    }

    /** The starts of every stack closed so far. */
    public synchronized List<HarnessStack.Start> starts() {
        return List.copyOf(starts);
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            starts.addAll(current.stack.starts());
            current.close();
            current = null;
        }
    }
}
