package dev.upgradeassist.systemtests.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a process spends its CPU: its CPU time from {@code /proc/<pid>/stat}, and a JDK Flight
 * Recorder recording started with {@code jcmd <pid> JFR.start}, summarized by the method on top of
 * each execution sample and by the library that method belongs to.
 */
public final class Profiler {

    private Profiler() {
    }

    /** utime + stime of a process in milliseconds (clock ticks of 10 ms), or -1. */
    public static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // fields 14 and 15 of stat
            return ticks * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Starts a JFR recording of {@code seconds} in the process, written to {@code file} when it ends. */
    public static void startRecording(long pid, Path file, int seconds) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "JFR.start", "name=systemtests", "settings=profile", "duration=" + seconds + "s",
                "filename=" + file).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0 || !out.contains("Started recording")) {
            throw new IOException("jcmd " + pid + " JFR.start failed: " + out.trim());
        }
    }

    /** The top {@code limit} methods (self time, by sample count) and the share per library. */
    public record Summary(long samples, List<Map.Entry<String, Long>> topMethods, List<Map.Entry<String, Long>> byLibrary,
                          List<Map.Entry<String, Long>> byOperation) {
    }

    /**
     * What a MongoDB-protocol server sample is doing, by the first of these frames found anywhere in
     * its stack (in this order): so a unique-index lookup made while writing the oplog counts as oplog.
     */
    private static final List<Map.Entry<String, String>> MONGO_OPERATIONS = List.of(
            Map.entry("de.bwaldvogel.mongo.oplog.", "oplog write (server.enableOplog(): every write also goes to the oplog collection)"),
            Map.entry("de.bwaldvogel.mongo.backend.h2.H2Collection.matchDocuments", "query: collection scan (no index used)"),
            Map.entry("de.bwaldvogel.mongo.backend.DocumentComparator", "query: in-memory sort"),
            Map.entry("de.bwaldvogel.mongo.backend.AbstractUniqueIndex", "unique index lookup/update (H2 MVMap)"),
            Map.entry("de.bwaldvogel.mongo.backend.h2.H2UniqueIndex", "unique index lookup/update (H2 MVMap)"),
            Map.entry("de.bwaldvogel.mongo.backend.AbstractMongoCollection.findAndModify", "findAndModify (other)"),
            Map.entry("de.bwaldvogel.mongo.backend.AbstractMongoCollection.updateDocuments", "update (other)"),
            Map.entry("de.bwaldvogel.mongo.backend.AbstractMongoCollection.insertDocuments", "insert (other)"),
            Map.entry("de.bwaldvogel.mongo.backend.AbstractMongoCollection.handleQuery", "query (other)"),
            Map.entry("de.bwaldvogel.mongo.wire.", "wire protocol (BSON encode/decode)"),
            Map.entry("org.h2.mvstore.", "H2 store (commit, background writer)"),
            Map.entry("org.apache.logging.", "logging (exceptions of refused inserts)"));

    public static Summary summarize(Path file, int limit) throws IOException {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> operations = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            RecordedFrame top = frames.get(0);
            String method = top.getMethod().getType().getName() + "." + top.getMethod().getName();
            methods.merge(method, 1L, Long::sum);
            libraries.merge(library(frames), 1L, Long::sum);
            operations.merge(mongoOperation(frames), 1L, Long::sum);
        }
        operations.remove("");
        return new Summary(samples, top(methods, limit), top(libraries, 30), top(operations, 20));
    }

    /**
     * The library a sample is charged to: the first frame (from the top) whose class belongs to a
     * known library other than the JDK; JDK-only stacks are charged to the first non-JDK caller.
     */
    static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            String lib = libraryOf(type);
            if (lib != null) {
                return lib;
            }
        }
        return "JDK (no library frame)";
    }

    private static String mongoOperation(List<RecordedFrame> frames) {
        for (Map.Entry<String, String> op : MONGO_OPERATIONS) {
            for (RecordedFrame frame : frames) {
                String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                if (name.startsWith(op.getKey())) {
                    return op.getValue();
                }
            }
        }
        return frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("de.bwaldvogel.")) ? "other server work" : "";
    }

    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("dev.upgradeassist.", "upgrade-assist code");
        LIBRARIES.put("com.mongodb.", "MongoDB driver");
        LIBRARIES.put("org.bson.", "MongoDB driver (BSON)");
        LIBRARIES.put("org.springframework.data.mongodb.", "Spring Data MongoDB");
        LIBRARIES.put("de.bwaldvogel.mongo.backend.h2.", "mongo-java-server H2 backend");
        LIBRARIES.put("de.bwaldvogel.", "mongo-java-server");
        LIBRARIES.put("org.h2.", "H2 (MVStore)");
        LIBRARIES.put("org.apache.kafka.", "Kafka");
        LIBRARIES.put("kafka.", "Kafka");
        LIBRARIES.put("org.springframework.kafka.", "Spring Kafka");
        LIBRARIES.put("tools.jackson.", "Jackson");
        LIBRARIES.put("com.fasterxml.jackson.", "Jackson");
        LIBRARIES.put("org.thymeleaf.", "Thymeleaf");
        LIBRARIES.put("org.attoparser.", "Thymeleaf");
        LIBRARIES.put("jakarta.mail.", "Jakarta Mail");
        LIBRARIES.put("org.eclipse.angus.", "Jakarta Mail");
        LIBRARIES.put("com.icegreen.", "GreenMail");
        LIBRARIES.put("ch.qos.logback.", "logging (Logback)");
        LIBRARIES.put("org.apache.logging.", "logging (Log4j)");
        LIBRARIES.put("net.logstash.", "logging (JSON encoder)");
        LIBRARIES.put("org.slf4j.", "logging (SLF4J)");
        LIBRARIES.put("org.springframework.boot.logging.", "logging (Boot structured)");
        LIBRARIES.put("io.micrometer.tracing.", "tracing");
        LIBRARIES.put("brave.", "tracing");
        LIBRARIES.put("io.micrometer.", "Micrometer");
        LIBRARIES.put("org.apache.catalina.", "Tomcat");
        LIBRARIES.put("org.apache.coyote.", "Tomcat");
        LIBRARIES.put("org.apache.tomcat.", "Tomcat");
        LIBRARIES.put("org.springframework.security.", "Spring Security");
        LIBRARIES.put("org.springframework.web.", "Spring MVC");
        LIBRARIES.put("org.springframework.", "Spring (other)");
        LIBRARIES.put("org.hibernate.validator.", "Bean Validation");
        LIBRARIES.put("scala.", "Kafka");
    }

    static String libraryOf(String type) {
        for (Map.Entry<String, String> e : LIBRARIES.entrySet()) {
            if (type.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int limit) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return entries.subList(0, Math.min(limit, entries.size()));
    }
}
