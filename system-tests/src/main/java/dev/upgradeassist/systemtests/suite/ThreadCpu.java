package dev.upgradeassist.systemtests.suite;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time per thread of each process over a stretch of load, from {@code /proc/<pid>/task/<tid>/stat} (the kernel's
 * own accounting: user and system time), grouped by thread name with its numbers made {@code N}: so the report can say
 * which part of a service (its HTTP threads, each listener, the delivery threads, the outbox relay, the JIT, the GC)
 * spends the process's CPU.
 * <p>
 * A JFR execution sample sees only threads running Java code; this sees every thread's CPU, native and kernel time
 * included. Threads come and go (Tomcat retires idle workers), and a thread's CPU disappears from {@code /proc} with
 * it: so the threads are read every few seconds, and each thread counts from its first reading (or 0 when it was born
 * after the start) to its last one. What a thread spent between its last reading and its end is missed (at most one
 * interval of one thread). The kernel truncates thread names to 15 characters; {@link #nameThreads} reads the full Java
 * names from {@code jcmd <pid> Thread.print} once, while the threads of interest are alive.
 */
public final class ThreadCpu implements AutoCloseable {

    /** One thread's CPU in clock ticks (10 ms). */
    record Ticks(long user, long system) {
    }

    /** A group's CPU over the stretch. */
    public record Group(String name, long userMillis, long systemMillis) {
        public long millis() {
            return userMillis + systemMillis;
        }
    }

    /** Per process (in the order given), its thread groups by CPU, most first. */
    public record Use(Map<String, List<Group>> byProcess) {
        public Use {
            byProcess = Immutable.map(byProcess);
        }

        public static Use none() {
            return new Use(Map.of());
        }
    }

    private static final Pattern NID = Pattern.compile("^\"(.*)\" .*\\bnid=(0x[0-9a-f]+)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final Map<String, Long> pids;
    private final Map<Long, Map<Long, Ticks>> first = new HashMap<>();
    private final Map<Long, Map<Long, Ticks>> last = new HashMap<>();
    private final Map<Long, Map<Long, String>> names = new HashMap<>();
    private final ScheduledExecutorService timer;
    private boolean started;

    /**
     * Reads every thread of {@code pids} (process name → pid) now, then every {@code intervalSeconds} until
     * {@link #stop}.
     */
    public ThreadCpu(Map<String, Long> pids, int intervalSeconds) {
        this.pids = new LinkedHashMap<>(pids);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "thread-cpu");
            t.setDaemon(true);
            return t;
        });
        read();
        timer.scheduleWithFixedDelay(this::read, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    /** Reads the threads of every process once more. */
    synchronized void read() {
        for (long pid : pids.values()) {
            Map<Long, Ticks> now = threadsOf(pid);
            Map<Long, String> named = names.computeIfAbsent(pid, p -> new HashMap<>());
            now.keySet().forEach(tid -> named.computeIfAbsent(tid, t -> commOf(pid, t)));
            if (!started) {
                first.put(pid, new HashMap<>(now));
            }
            last.computeIfAbsent(pid, p -> new HashMap<>()).putAll(now);
        }
        started = true;
    }

    /** Full Java thread names, from {@code jcmd Thread.print}, of every process that answers (the others keep theirs). */
    public void nameThreads() {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        for (long pid : pids.values()) {
            try {
                Process p = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    Map<Long, String> javaNames = javaNames(out);
                    synchronized (this) {
                        names.computeIfAbsent(pid, k -> new HashMap<>()).putAll(javaNames);
                    }
                }
            } catch (IOException e) {
                // no jcmd: the kernel's short names stay
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops reading (after one last reading) and sums the threads by group. */
    public synchronized Use stop() {
        timer.shutdownNow();
        read();
        Map<String, List<Group>> byProcess = new LinkedHashMap<>();
        pids.forEach((process, pid) -> byProcess.put(process, groups(first.getOrDefault(pid, Map.of()),
                last.getOrDefault(pid, Map.of()), names.getOrDefault(pid, Map.of()))));
        return new Use(byProcess);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Each thread from its first reading (0 when born later) to its last one, summed by group, most CPU first. */
    static List<Group> groups(Map<Long, Ticks> first, Map<Long, Ticks> last, Map<Long, String> names) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        last.forEach((tid, end) -> {
            Ticks begin = first.getOrDefault(tid, new Ticks(0, 0));
            long[] sum = sums.computeIfAbsent(group(names.getOrDefault(tid, "?")), g -> new long[2]);
            sum[0] += Math.max(0, end.user() - begin.user());
            sum[1] += Math.max(0, end.system() - begin.system());
        });
        List<Group> groups = new ArrayList<>();
        sums.forEach((name, sum) -> groups.add(new Group(name, sum[0] * 10, sum[1] * 10)));
        groups.sort((a, b) -> Long.compare(b.millis(), a.millis()));
        return groups;
    }

    /** A thread's group: its name with every number made N ({@code http-nio-8081-exec-12} → {@code http-nio-N-exec-N}). */
    static String group(String threadName) {
        return DIGITS.matcher(threadName).replaceAll("N").strip();
    }

    /** Native thread id → Java thread name, from the text of {@code jcmd <pid> Thread.print}. */
    static Map<Long, String> javaNames(String threadDump) {
        Map<Long, String> named = new HashMap<>();
        for (String line : threadDump.split("\n")) {
            Matcher m = NID.matcher(line);
            if (m.find()) {
                named.put(Long.decode(m.group(2)), m.group(1));
            }
        }
        return named;
    }

    /** The user and system ticks in a {@code /proc/.../stat} line (fields 14 and 15; the name may hold spaces). */
    static Ticks parseStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new Ticks(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }

    private static Map<Long, Ticks> threadsOf(long pid) {
        Map<Long, Ticks> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    threads.put(Long.parseLong(task.getFileName().toString()), parseStat(Files.readString(task.resolve("stat"))));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended (or this is not Linux): no threads
        }
        return threads;
    }

    private static String commOf(long pid, long tid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
