package dev.upgradeassist.systemtests.stack;

import dev.upgradeassist.localstack.JavaProcess;
import dev.upgradeassist.localstack.ProcessSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One operating-system process the harness started ({@code java ...}), with its log file: a local-stack
 * {@link JavaProcess} plus the harness's bookkeeping. Every process carries
 * {@code -Dupgradeassist.systemtest.owner=<pid of this JVM>} on its command line, so that a later run can find and
 * end what a crashed run left behind ({@link #reapOrphans()}), and every live process is ended by a JVM shutdown hook.
 */
public final class ManagedProcess {

    public static final String OWNER_MARK = "-Dupgradeassist.systemtest.owner=";
    private static final String NAME_MARK = "-Dupgradeassist.systemtest=";
    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::killAll, "systemtests-kill-all"));
    }

    private final JavaProcess process;

    private ManagedProcess(JavaProcess process) {
        this.process = process;
    }

    /** Starts {@code java <jvmArgs...>} with the owner mark; output (both streams) appended to {@code log}. */
    public static ManagedProcess startJava(String name, List<String> javaArgs, Path log, Path workDir) throws IOException {
        return startJava(name, javaArgs, Map.of(), log, workDir);
    }

    /** As {@link #startJava(String, List, Path, Path)}, with environment variables added to this process's own. */
    public static ManagedProcess startJava(String name, List<String> javaArgs, Map<String, String> environment,
                                           Path log, Path workDir) throws IOException {
        return start(new ProcessSpec(name, javaArgs, environment, List.of(), Optional.empty()), log, workDir);
    }

    /** Starts a process of the topology (appending to its log, in the harness's session, with the owner mark). */
    static ManagedProcess start(ProcessSpec spec, Path log, Path workDir) throws IOException {
        JavaProcess.Launch launch = new JavaProcess.Launch(
                List.of(OWNER_MARK + ProcessHandle.current().pid(), NAME_MARK + spec.name()), false, false);
        try {
            ManagedProcess managed = new ManagedProcess(JavaProcess.start(spec, log, workDir, launch));
            LIVE.add(managed);
            return managed;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static String javaExecutable() {
        return JavaProcess.javaExecutable();
    }

    public String name() {
        return process.name();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return process.log();
    }

    public long startedNanos() {
        return process.startedNanos();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (what {@code kill -9} sends), then waits until the process is gone. */
    public void kill9() {
        process.kill9();
        LIVE.remove(this);
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) with {@code kill -<name> <pid>}. */
    public void signal(String name) {
        process.signal(name);
    }

    /** SIGTERM, then SIGKILL when it has not ended within {@code grace}. */
    public void stop(Duration grace) {
        process.stop(grace);
        LIVE.remove(this);
    }

    public boolean waitFor(Duration timeout) {
        return process.waitFor(timeout);
    }

    public Optional<Integer> exitCode() {
        return process.exitCode();
    }

    /** Resident set size in KiB, or -1 when not readable. */
    public long rssKib() {
        return process.rssKib();
    }

    public static long rssKib(long pid) {
        return JavaProcess.rssKib(pid);
    }

    /** The last lines of the log, for failure messages. */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Ends every process this JVM started that still runs (SIGKILL). Safe to call more than once. */
    public static void killAll() {
        for (ManagedProcess p : List.copyOf(LIVE)) {
            p.process.handle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.process.handle().destroyForcibly();
        }
        for (ManagedProcess p : List.copyOf(LIVE)) {
            p.waitFor(Duration.ofSeconds(10));
            LIVE.remove(p);
        }
    }

    /**
     * Ends processes that an earlier harness JVM started and left running because it was itself
     * killed (its owner pid no longer runs). Only processes carrying {@link #OWNER_MARK} are touched.
     */
    public static int reapOrphans() {
        return JavaProcess.reapOrphans(OWNER_MARK, NAME_MARK);
    }
}
