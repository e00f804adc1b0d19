package dev.upgradeassist.review.upgradepath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Imports GitLab's {@code config/upgrade_path.yml} (a list of {@code {major, minor, comments}})
 * into the product's data file. Every upstream stop missing from the data is inserted in order as
 * {@code verified: false} (GitLab's file gives no patch: unknown stays unknown) with its source and
 * GitLab's comment; existing entries are never rewritten (their patches, conditions, sources and
 * comments stay), and data stops that are not in the upstream file (conditional stops from the
 * tool's alerts, stops from the version notes) are kept and reported. The result is validated as
 * a catalog before it is returned. Used by {@code scripts/import-upgrade-path.sh}.
 */
public final class UpgradePathImporter {

    static final String IMPORTED_SOURCE = "[G1] config/upgrade_path.yml (imported, patch unknown)";
    private static final Pattern STOP_LINE = Pattern.compile("^\\s*-\\s*\\{\\s*stop:\\s*\"(\\d+\\.\\d+)\".*$");

    /** What an import did. */
    public record Result(String data, List<MinorRelease> upstream, List<MinorRelease> added,
                         List<MinorRelease> keptNotUpstream, List<String> notes) {
    }

    private UpgradePathImporter() {
    }

    /** The stops listed in GitLab's upgrade_path.yml, in file order, with their comments (or null). */
    public static Map<MinorRelease, String> readUpstream(byte[] upgradePathYml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(upgradePathYml, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("upgrade_path.yml is not YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("upgrade_path.yml must be a non-empty list of {major, minor}");
        }
        Map<MinorRelease, String> stops = new LinkedHashMap<>();
        MinorRelease previous = null;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException("upgrade_path.yml entry " + (i + 1) + " is not a mapping");
            }
            if (!(entry.get("major") instanceof Integer major) || !(entry.get("minor") instanceof Integer minor)
                    || major < 0 || minor < 0) {
                throw new IllegalArgumentException("upgrade_path.yml entry " + (i + 1)
                        + " needs integer major and minor, got " + entry);
            }
            MinorRelease release = new MinorRelease(major, minor);
            if (previous != null && !release.isAfter(previous)) {
                throw new IllegalArgumentException("upgrade_path.yml entry " + (i + 1) + " (" + release
                        + ") is not after " + previous);
            }
            previous = release;
            Object comments = entry.get("comments");
            stops.put(release, comments == null ? null : String.valueOf(comments));
        }
        return stops;
    }

    /** Merges the upstream stops into the data document (see the class comment). */
    public static Result importInto(byte[] upgradePathYml, String currentData) {
        Map<MinorRelease, String> upstream = readUpstream(upgradePathYml);
        UpgradePathCatalog current = UpgradePathCatalog.parse(currentData.getBytes(StandardCharsets.UTF_8));

        List<String> lines = new ArrayList<>(currentData.lines().toList());
        TreeMap<MinorRelease, Integer> stopLines = new TreeMap<>(MinorRelease::compareTo);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = STOP_LINE.matcher(lines.get(i));
            if (m.matches()) {
                stopLines.put(MinorRelease.parse(m.group(1)), i);
            }
        }
        if (stopLines.size() != current.stops().size()) {
            throw new IllegalArgumentException("the data file must list each stop on one line as"
                    + " '- { stop: \"X.Y\", ... }' (found " + stopLines.size() + " of " + current.stops().size() + ")");
        }

        List<MinorRelease> added = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<MinorRelease, String> stop : upstream.entrySet()) {
            MinorRelease release = stop.getKey();
            String comment = stop.getValue();
            if (stopLines.containsKey(release)) {
                continue;
            }
            Map.Entry<MinorRelease, Integer> after = stopLines.higherEntry(release);
            int at = after != null ? after.getValue() : stopLines.lastEntry().getValue() + 1;
            lines.add(at, "  - { stop: \"" + release + "\", verified: false, source: \"" + IMPORTED_SOURCE + "\""
                    + (comment == null ? "" : ", note: \"" + escape(comment) + "\"") + " }");
            stopLines.replaceAll((r, line) -> line >= at ? line + 1 : line);
            stopLines.put(release, at);
            added.add(release);
            if (comment != null && comment.toLowerCase(java.util.Locale.ROOT).contains("conditional")) {
                notes.add(release + ": GitLab marks it conditional; add its `when:` condition by hand");
            }
        }
        List<MinorRelease> kept = current.stops().stream().map(UpgradeStop::release)
                .filter(r -> !upstream.containsKey(r)).toList();
        String data = String.join("\n", lines) + "\n";
        UpgradePathCatalog.parse(data.getBytes(StandardCharsets.UTF_8));
        return new Result(data, List.copyOf(upstream.keySet()), added, kept, notes);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }

    /**
     * {@code UpgradePathImporter [--versions=<index.json|all.js>] [--alerts=<alerts.yml>] <gitlab upgrade_path.yml>
     * <current stops.yml> <output file>}: writes the merged data to the output file and a summary to standard error,
     * with what the Upgrade Path tool's version list and alerts say that the data does not
     * ({@link UpgradePathToolSources}; reported, not written). Exit 2 on bad input.
     */
    public static void main(String[] args) throws IOException {
        List<String> files = new ArrayList<>();
        String versions = null;
        String alerts = null;
        for (String arg : args) {
            if (arg.startsWith("--versions=")) {
                versions = arg.substring("--versions=".length());
            } else if (arg.startsWith("--alerts=")) {
                alerts = arg.substring("--alerts=".length());
            } else {
                files.add(arg);
            }
        }
        if (files.size() != 3) {
            System.err.println("usage: UpgradePathImporter [--versions=<index.json|all.js>] [--alerts=<alerts.yml>]"
                    + " <upgrade_path.yml> <stops.yml> <output>");
            System.exit(2);
            return;
        }
        try {
            Result result = importInto(Files.readAllBytes(Path.of(files.get(0))),
                    Files.readString(Path.of(files.get(1)), StandardCharsets.UTF_8));
            List<String> toolNotes = List.of();
            if (versions != null || alerts != null) {
                toolNotes = UpgradePathToolSources.compare(
                        UpgradePathCatalog.parse(result.data().getBytes(StandardCharsets.UTF_8)),
                        versions == null ? null : UpgradePathToolSources.readPatchVersions(
                                Files.readAllBytes(Path.of(versions))),
                        alerts == null ? null : UpgradePathToolSources.readAlerts(Files.readAllBytes(Path.of(alerts))));
            }
            Files.writeString(Path.of(files.get(2)), result.data(), StandardCharsets.UTF_8);
            System.err.println("upstream stops: " + result.upstream().size());
            System.err.println("added (verified: false): " + result.added());
            System.err.println("kept, not in upstream: " + result.keptNotUpstream());
            result.notes().forEach(n -> System.err.println("note: " + n));
            toolNotes.forEach(n -> System.err.println("upgrade path tool: " + n));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("import refused: " + e.getMessage());
            System.exit(2);
        }
    }
}
