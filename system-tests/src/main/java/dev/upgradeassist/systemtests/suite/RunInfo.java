package dev.upgradeassist.systemtests.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** What the report's head says about the run: when, which commit, which machine, which options. */
public record RunInfo(LocalDateTime startedAt, String commit, boolean dirty, String jarsBuilt, int cores, String memory,
                      String loadAverage, String jvm, List<String> serviceJvm, String mongoBackend, List<String> options) {

    public RunInfo {
        serviceJvm = List.copyOf(serviceJvm);
        options = List.copyOf(options);
    }

    /** The run as it starts now in {@code repo}. */
    public static RunInfo collect(Path repo, LocalDateTime startedAt, List<String> serviceJvm, String mongoBackend,
                                  List<String> options) {
        String jarsBuilt;
        try {
            jarsBuilt = Files.getLastModifiedTime(repo.resolve("intake-service/target/intake-service.jar")).toString();
        } catch (IOException e) {
            jarsBuilt = "?";
        }
        return new RunInfo(startedAt, git(repo, "rev-parse", "--short", "HEAD"),
                !git(repo, "status", "--porcelain", "--untracked-files=no").isBlank(), jarsBuilt,
                Runtime.getRuntime().availableProcessors(), totalMemory(), currentLoadAverage(),
                System.getProperty("java.vm.name") + ' ' + System.getProperty("java.version"), serviceJvm, mongoBackend, options);
    }

    /** The machine's load average, "1 min / 5 min" ("?" when not on Linux). */
    public static String currentLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " / " + fields[1];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String totalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GB RAM";
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "? RAM";
    }

    private static String git(Path repo, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
