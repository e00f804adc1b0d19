package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.verify.Verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For each duplicate email found, what notification-service logged about its ledger key (claims,
 * failed attempts, the sends): the evidence of where the second copy came from.
 */
public record DuplicateEvidence(List<Item> items) {

    /** One duplicate: the check's example, the log lines about its key, or why the log could not be read. */
    public record Item(String example, List<String> logLines, String unreadable) {
        public Item {
            logLines = List.copyOf(logLines);
        }
    }

    private static final Pattern LEDGER_KEY = Pattern.compile("ledger key (\\S+?),");

    public DuplicateEvidence {
        items = List.copyOf(items);
    }

    /** Reads the notification-service log for the ledger key of every example that names one. */
    public static DuplicateEvidence collect(Verdict verdict, Path notificationLog) {
        List<Item> items = new ArrayList<>();
        for (String example : verdict.examples) {
            Matcher key = LEDGER_KEY.matcher(example);
            if (!key.find()) {
                continue;
            }
            try (var lines = Files.lines(notificationLog, StandardCharsets.UTF_8)) {
                items.add(new Item(example, lines.filter(line -> line.contains(key.group(1))).limit(12)
                        .map(line -> line.length() > 600 ? line.substring(0, 600) + " …" : line).toList(), null));
            } catch (IOException | UncheckedIOException e) {
                items.add(new Item(example, List.of(), String.valueOf(e.getMessage())));
            }
        }
        return new DuplicateEvidence(items);
    }
}
