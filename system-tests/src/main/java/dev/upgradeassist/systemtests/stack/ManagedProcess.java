package dev.upgradeassist.systemtests.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process the harness started ({@code java ...}), with its log file. Every
 * process carries {@code -Dupgradeassist.systemtest.owner=<pid of this JVM>} on its command line, so
 * that a later run can find and end what a crashed run left behind ({@link #reapOrphans()}), and
 * every live process is ended by a JVM shutdown hook.
 */
public final class ManagedProcess {

    public static final String OWNER_MARK = "-Dupgradeassist.systemtest.owner=";
    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::killAll, "systemtests-kill-all"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos;

    private ManagedProcess(String name, Process process, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code java <jvmArgs...>} with the owner mark; output (both streams) appended to {@code log}. */
    public static ManagedProcess startJava(String name, List<String> javaArgs, Path log, Path workDir) throws IOException {
        return startJava(name, javaArgs, java.util.Map.of(), log, workDir);
    }

    /** As {@link #startJava(String, List, Path, Path)}, with environment variables added to this process's own. */
    public static ManagedProcess startJava(String name, List<String> javaArgs, java.util.Map<String, String> environment,
                                           Path log, Path workDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add(OWNER_MARK + ProcessHandle.current().pid());
        command.add("-Dupgradeassist.systemtest=" + name);
        command.addAll(javaArgs);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "\n==== " + java.time.Instant.now() + " " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        ManagedProcess managed = new ManagedProcess(name, builder.start(), log, started);
        LIVE.add(managed);
        return managed;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (what {@code kill -9} sends), then waits until the process is gone. */
    public void kill9() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
        LIVE.remove(this);
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) with {@code kill -<name> <pid>}. */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes()).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("kill -" + name + " " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGTERM, then SIGKILL when it has not ended within {@code grace}. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(grace)) {
                kill9();
            }
        }
        LIVE.remove(this);
    }

    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Resident set size in KiB (VmRSS of /proc/<pid>/status), or -1 when not readable. */
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
            // gone or not Linux
        }
        return -1;
    }

    /** The last lines of the log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log not readable: " + e + ")";
        }
    }

    /** Ends every process this JVM started that still runs (SIGKILL). Safe to call more than once. */
    public static void killAll() {
        for (ManagedProcess p : List.copyOf(LIVE)) {
            p.process.descendants().forEach(ProcessHandle::destroyForcibly);
            p.process.destroyForcibly();
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
        int reaped = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String pidText = dir.getFileName().toString();
                if (!pidText.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                } catch (IOException e) {
                    continue;
                }
                int at = cmdline.indexOf(OWNER_MARK);
                if (at < 0 || !cmdline.contains("-Dupgradeassist.systemtest=")) {
                    continue;
                }
                String owner = cmdline.substring(at + OWNER_MARK.length()).split(" ", 2)[0];
                boolean ownerAlive = ProcessHandle.of(Long.parseLong(owner)).map(ProcessHandle::isAlive).orElse(false);
                if (!ownerAlive) {
                    ProcessHandle.of(Long.parseLong(pidText)).ifPresent(ProcessHandle::destroyForcibly);
                    reaped++;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: nothing to reap
        }
        return reaped;
    }
}
