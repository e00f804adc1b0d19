package dev.upgradeassist.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a launcher started, so that {@code down}, {@code status} and {@code wipe} from another shell find a detached
 * (or foreground) stack: one line per process, {@code <name> <pid> <start time, epoch millis>}. The start time tells
 * our process from a recycled pid. Lives in {@code <data dir>/run/state}.
 */
public record StateFile(List<Entry> entries) {

    public record Entry(String name, long pid, long startMillis) {
        public Entry {
            if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("process name without blanks expected: '" + name + "'");
            }
        }
    }

    public StateFile {
        entries = List.copyOf(entries);
    }

    public static StateFile empty() {
        return new StateFile(List.of());
    }

    public static Path location(Path dataDir) {
        return dataDir.resolve("run").resolve("state");
    }

    /** This state with {@code entry} added, replacing an entry of the same name. */
    public StateFile with(Entry entry) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        byName.put(entry.name(), entry);
        return new StateFile(new ArrayList<>(byName.values()));
    }

    public String render() {
        StringBuilder text = new StringBuilder("# name pid start-epoch-millis (written by dev.upgradeassist.localstack.Launcher)\n");
        entries.forEach(e -> text.append(e.name()).append(' ').append(e.pid()).append(' ').append(e.startMillis()).append('\n'));
        return text.toString();
    }

    /** Reads what {@link #render()} wrote; blank lines, comments and malformed lines are skipped. */
    public static StateFile parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length != 3) {
                continue;
            }
            try {
                entries.add(new Entry(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2])));
            } catch (IllegalArgumentException e) {
                // not ours: skipped
            }
        }
        return new StateFile(entries).deduplicated();
    }

    private StateFile deduplicated() {
        StateFile result = empty();
        for (Entry e : entries) {
            result = result.with(e);
        }
        return result;
    }

    public static StateFile read(Path file) {
        try {
            return Files.isRegularFile(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes atomically (a reader never sees half a file). */
    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, render(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
