package dev.upgradeassist.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code java} process of a stack, started from a {@link ProcessSpec} with its output in a log file, or adopted from
 * a pid that an earlier launcher recorded ({@link #adopt}). Stops with SIGTERM, then SIGKILL after a grace period;
 * every operation goes through {@link ProcessHandle}.
 */
public final class JavaProcess {

    /** How a process is started: marks put first on its command line, its own session, a fresh or appended log. */
    public record Launch(List<String> marks, boolean ownSession, boolean rotateLog) {
        public Launch {
            marks = List.copyOf(marks);
        }
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final ProcessHandle handle;
    private final Process process;
    private final Path log;
    private final long startedNanos;

    private JavaProcess(String name, ProcessHandle handle, Process process, Path log, long startedNanos) {
        this.name = name;
        this.handle = handle;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code java <marks> <spec.javaArgs>} in {@code workDir}, both output streams to {@code log}, stdin from
     * /dev/null, {@code spec.environment} added to this process's own. With {@code ownSession} it runs under
     * {@code setsid}, so that a Ctrl-C in the launcher's terminal reaches the launcher only (which then stops the
     * stack in order) and a detached stack outlives the terminal.
     */
    public static JavaProcess start(ProcessSpec spec, Path log, Path workDir, Launch launch) {
        List<String> command = new ArrayList<>();
        if (launch.ownSession() && Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(javaExecutable());
        command.addAll(launch.marks());
        command.addAll(spec.javaArgs());
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workDir);
            if (launch.rotateLog() && Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(log, "\n==== " + Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(spec.environment());
            long started = System.nanoTime();
            Process process = builder.start();
            return new JavaProcess(spec.name(), process.toHandle(), process, log, started);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name(), e);
        }
    }

    /** A process an earlier launcher started, if {@code pid} still runs and started at {@code startMillis}. */
    public static Optional<JavaProcess> adopt(String name, long pid, long startMillis, Path log) {
        return ProcessHandle.of(pid).filter(h -> isSame(h, startMillis))
                .map(h -> new JavaProcess(name, h, null, log, System.nanoTime()));
    }

    /** Alive, and not a recycled pid: the start time matches the recorded one (within a second). */
    static boolean isSame(ProcessHandle handle, long startMillis) {
        if (!handle.isAlive()) {
            return false;
        }
        return handle.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startMillis) < 1000).orElse(true);
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public ProcessHandle handle() {
        return handle;
    }

    /** When the operating system started it (epoch millis; the state file records it against recycled pids). */
    public long startMillis() {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    public Path log() {
        return log;
    }

    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** The exit code, once it has ended (known only for a process this JVM started). */
    public Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** SIGKILL to it and its descendants, then waits (bounded) until it is gone. */
    public void kill9() {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL when it has not ended within {@code grace}. */
    public void stop(Duration grace) {
        stopAll(List.of(this), grace, n -> { });
    }

    /**
     * SIGTERM to every process at once, waits up to {@code grace} for all of them, then SIGKILL to what is left
     * (reported to {@code onKill}).
     */
    public static void stopAll(List<JavaProcess> processes, Duration grace, java.util.function.Consumer<String> onKill) {
        List<JavaProcess> running = processes.stream().filter(JavaProcess::isAlive).toList();
        running.forEach(p -> p.handle.destroy());
        long deadline = System.nanoTime() + grace.toNanos();
        for (JavaProcess p : running) {
            p.waitFor(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        for (JavaProcess p : running) {
            if (p.isAlive()) {
                onKill.accept(p.name);
                p.kill9();
            }
        }
    }

    public boolean waitFor(Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) with {@code kill -<name> <pid>}. */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kill -" + signal + " " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Resident set size in KiB, or -1 when not readable (the JDK has no API for it: Linux's /proc/<pid>/status). */
    public long rssKib() {
        return rssKib(pid());
    }

    public static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or not Linux
        }
        return -1;
    }

    /** The last lines of the log. */
    public String logTail(int lines) {
        return LogTail.of(log, lines, false);
    }

    /**
     * Ends processes whose command line carries {@code requiredMark} and an {@code ownerMark<pid>} whose owner no
     * longer runs (left behind by a JVM that was killed). Returns how many it ended.
     */
    public static int reapOrphans(String ownerMark, String requiredMark) {
        int[] reaped = {0};
        ProcessHandle.allProcesses().forEach(handle -> {
            List<String> args = handle.info().arguments().map(List::of).orElse(List.of());
            Optional<String> owner = args.stream().filter(a -> a.startsWith(ownerMark)).findFirst();
            if (owner.isEmpty() || args.stream().noneMatch(a -> a.startsWith(requiredMark))) {
                return;
            }
            try {
                long ownerPid = Long.parseLong(owner.get().substring(ownerMark.length()));
                if (ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false)) {
                    return;
                }
            } catch (NumberFormatException e) {
                return;
            }
            handle.destroyForcibly();
            reaped[0]++;
        });
        return reaped[0];
    }
}
