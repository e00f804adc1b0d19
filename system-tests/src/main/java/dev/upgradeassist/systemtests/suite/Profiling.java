package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.report.Profiler;
import dev.upgradeassist.systemtests.stack.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** JDK Flight Recorder recordings of the services, MongoDB and Kafka during the load, and their summaries. */
final class Profiling {

    private final SystemUnderTest sut;
    private final Consumer<String> log;

    Profiling(SystemUnderTest sut, Consumer<String> log) {
        this.sut = sut;
        this.log = log;
    }

    /** The directory the recordings are written to. */
    Path directory() {
        return sut.config.workDir.resolve("profiles");
    }

    /** Starts a recording of {@code seconds} in each process; returns the files they will be written to. */
    Map<String, Path> start(int seconds) {
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            pids.put(service.id(), sut.stack.process(service).pid());
        }
        pids.put("mongo", sut.stack.mongoProcess().pid());
        pids.put("kafka", sut.stack.kafkaProcess().pid());
        for (Map.Entry<String, Long> p : pids.entrySet()) {
            Path file = directory().resolve(p.getKey() + ".jfr");
            try {
                Profiler.startRecording(p.getValue(), file, seconds);
                files.put(p.getKey(), file);
            } catch (Exception e) {
                log.accept("  could not profile " + p.getKey() + ": " + e.getMessage());
            }
        }
        log.accept("  JFR recordings of " + seconds + " s started in " + files.keySet());
        return files;
    }

    /** Waits for each recording to be written and summarizes it; one that cannot be read is left out. */
    Map<String, Profiler.Summary> summaries(Map<String, Path> recordings) throws InterruptedException {
        Map<String, Profiler.Summary> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, Path> recording : recordings.entrySet()) {
            try {
                waitForFile(recording.getValue(), Duration.ofSeconds(90));
                profiles.put(recording.getKey(), Profiler.summarize(recording.getValue(), 12));
            } catch (Exception e) {
                log.accept("  no profile for " + recording.getKey() + ": " + e);
            }
        }
        return profiles;
    }

    private static void waitForFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.size(file) > 0) {
                    Thread.sleep(500);
                    return;
                }
            } catch (IOException e) {
                // not written yet
            }
            Thread.sleep(500);
        }
    }
}
