package dev.upgradeassist.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The end of a log file, for failure messages. */
public final class LogTail {

    private static final Pattern FRAME = Pattern.compile("^\t(at |\\.\\.\\. \\d+ (common frames omitted|more)).*");

    private LogTail() {
    }

    /**
     * The last {@code lines} lines; with {@code withoutFrames} stack frames are left out first, so that the cause
     * ("APPLICATION FAILED TO START", the last "Caused by:") is on screen.
     */
    public static String of(Path log, int lines, boolean withoutFrames) {
        try {
            return tail(Files.readAllLines(log, StandardCharsets.UTF_8), lines, withoutFrames);
        } catch (IOException | RuntimeException e) {
            return "(log not readable: " + e + ")";
        }
    }

    static String tail(List<String> all, int lines, boolean withoutFrames) {
        List<String> kept = withoutFrames ? all.stream().filter(l -> !FRAME.matcher(l).matches()).toList() : all;
        return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
    }
}
