package dev.upgradeassist.systemtests.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A markdown report, written as it grows so that a run that dies still leaves what it measured. */
public final class Report {

    private final StringBuilder text = new StringBuilder();
    private final Path file;

    public Report(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized Report line(String line) {
        text.append(line).append('\n');
        flush();
        return this;
    }

    public synchronized Report lines(String... lines) {
        for (String line : lines) {
            text.append(line).append('\n');
        }
        flush();
        return this;
    }

    public Report format(String format, Object... args) {
        return line(String.format(format, args));
    }

    public synchronized String text() {
        return text.toString();
    }

    private void flush() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + e);
        }
    }
}
