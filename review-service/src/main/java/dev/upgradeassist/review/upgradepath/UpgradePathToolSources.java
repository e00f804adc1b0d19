package dev.upgradeassist.review.upgradepath;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the two other sources of GitLab's Upgrade Path tool (gitlab-com/support/toolbox/upgrade-path, read from its
 * mirror rexi1r/gitlab-upgrade-path @ 0cea6c83afe753aa3660f29352c534d805245054) and compares them with the product's
 * data. It reports; it never rewrites the data file (patches and alerts are edited by hand, with their source).
 * <ul>
 *   <li>The patch versions: {@code ruby/collect_versions.rb} lists every published {@code gitlab-ee} package version
 *   (packages.gitlab.com, Ubuntu focal) and writes {@code index.json}, a JSON array of
 *   {@code {"version":"17.5.2","major":17,"minor":5}}, and {@code src/util/all.js},
 *   {@code const versions = {"index":[...],"targets":[...]}} followed by {@code export default versions;}. Both are
 *   read: the newest published patch of each minor.</li>
 *   <li>The alerts: {@code alerts.yml}, a list of {@code start}, {@code end} (inclusive: {@code src/store/list.js}
 *   {@code upgradeSummaryAlerts}), {@code severity} ({@code warning|error}), {@code title}, {@code requires_version}
 *   ({@code "16.1"} or null), {@code check_when} ({@code preupgrade|postupgrade}) and {@code message} (Markdown).</li>
 * </ul>
 */
public final class UpgradePathToolSources {

    private static final Pattern VERSION_FIELD = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ALL_JS = Pattern.compile(
            "(?s)\\A\\s*const\\s+versions\\s*=\\s*(\\{.*\\})\\s*;?\\s*export\\s+default\\s+versions\\s*;?\\s*\\z");

    /** One alert of the tool's {@code alerts.yml}. */
    public record ToolAlert(Version start, Version end, String severity, String title, String requiresVersion,
                            String checkWhen, String message) {
    }

    private UpgradePathToolSources() {
    }

    /**
     * The newest published patch of each minor in the tool's version list ({@code index.json} or
     * {@code src/util/all.js}).
     *
     * @throws IllegalArgumentException when it is neither, lists no version, or a version is not {@code x.y.z}
     */
    public static Map<MinorRelease, Version> readPatchVersions(byte[] versionList) {
        String text = new String(versionList, StandardCharsets.UTF_8);
        String json = text.strip();
        Matcher module = ALL_JS.matcher(text);
        if (module.matches()) {
            json = module.group(1);
            if (!json.contains("\"index\"")) {
                throw new IllegalArgumentException("the tool's all.js has no \"index\" list");
            }
        } else if (!json.startsWith("[") || !json.endsWith("]")) {
            throw new IllegalArgumentException("the version list must be the tool's index.json (a JSON array) or"
                    + " src/util/all.js (const versions = {...}; export default versions;)");
        }
        Map<MinorRelease, Version> newest = new TreeMap<>();
        Matcher field = VERSION_FIELD.matcher(json);
        while (field.find()) {
            Version version = Version.tryParse(field.group(1)).filter(v -> field.group(1).strip()
                    .matches("\\d+\\.\\d+\\.\\d+")).orElseThrow(() -> new IllegalArgumentException(
                    "the version list has '" + field.group(1) + "', not a major.minor.patch version"));
            newest.merge(version.release(), version, (a, b) -> a.isAfter(b) ? a : b);
        }
        if (newest.isEmpty()) {
            throw new IllegalArgumentException("the version list has no \"version\" entries");
        }
        return newest;
    }

    /**
     * The tool's {@code alerts.yml}.
     *
     * @throws IllegalArgumentException when it is not a list of alerts with versions, a severity and a title
     */
    public static List<ToolAlert> readAlerts(byte[] alertsYml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(alertsYml, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("alerts.yml is not YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("alerts.yml must be a non-empty list of alerts");
        }
        List<ToolAlert> alerts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException("alerts.yml entry " + (i + 1) + " is not a mapping");
            }
            String where = "alerts.yml entry " + (i + 1);
            Version start = version(entry.get("start"), where + " start");
            Version end = version(entry.get("end"), where + " end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException(where + ": end " + end + " is before start " + start);
            }
            String severity = text(entry.get("severity"), where + " severity").toLowerCase(Locale.ROOT);
            if (!severity.equals("warning") && !severity.equals("error")) {
                throw new IllegalArgumentException(where + ": severity must be warning or error, not " + severity);
            }
            String checkWhen = entry.get("check_when") == null ? null
                    : String.valueOf(entry.get("check_when")).strip().toLowerCase(Locale.ROOT);
            if (checkWhen != null && !checkWhen.equals("preupgrade") && !checkWhen.equals("postupgrade")) {
                throw new IllegalArgumentException(where + ": check_when must be preupgrade or postupgrade, not "
                        + checkWhen);
            }
            Object requires = entry.get("requires_version");
            alerts.add(new ToolAlert(start, end, severity, text(entry.get("title"), where + " title"),
                    requires == null ? null : String.valueOf(requires).strip(), checkWhen,
                    entry.get("message") == null ? null : String.valueOf(entry.get("message")).strip()));
        }
        return alerts;
    }

    /**
     * What the tool's sources say that the data does not (each line names the stop or alert and what to check):
     * a verified stop whose latest patch is older than the newest published one (not in a known-bad range), an
     * unverified stop with published patches, a tool alert the data lacks, and an alert whose phase or severity
     * differs. Either source may be null (not given).
     */
    public static List<String> compare(UpgradePathCatalog data, Map<MinorRelease, Version> patches,
                                       List<ToolAlert> alerts) {
        List<String> notes = new ArrayList<>();
        if (patches != null) {
            for (UpgradeStop stop : data.stops()) {
                Version published = patches.get(stop.release());
                if (published == null || data.knownBadPatch(published).isPresent()) {
                    continue;
                }
                if (stop.verified() && published.isAfter(stop.latestPatch())) {
                    notes.add("patch " + stop.release() + ": the data says " + stop.latestPatch()
                            + ", the newest published patch is " + published
                            + " (check GitLab's upgrade notes before changing latestPatch)");
                } else if (!stop.verified()) {
                    notes.add("patch " + stop.release() + ": verified: false in the data; the newest published patch"
                            + " is " + published + " (set latestPatch only when GitLab's notes confirm it)");
                }
            }
        }
        if (alerts != null) {
            for (ToolAlert alert : alerts) {
                Optional<UpgradeAlert> match = match(data.alerts(), alert);
                if (match.isEmpty()) {
                    notes.add("alert missing: \"" + alert.title() + "\" (" + alert.start() + "–" + alert.end() + ", "
                            + alert.severity() + ", " + alert.checkWhen() + "): add it by hand with its source");
                    continue;
                }
                UpgradeAlert ours = match.get();
                if (alert.checkWhen() != null && !alert.checkWhen().equalsIgnoreCase(ours.checkWhen())) {
                    notes.add("alert " + ours.id() + ": checkWhen " + ours.checkWhen() + " in the data, "
                            + alert.checkWhen() + " in the tool");
                }
                if (!alert.severity().equalsIgnoreCase(ours.severity().name())) {
                    notes.add("alert " + ours.id() + ": severity " + ours.severity().name().toLowerCase(Locale.ROOT)
                            + " in the data, " + alert.severity() + " in the tool");
                }
            }
        }
        return notes;
    }

    /** The data's alert for a tool alert: same range and title (letters and digits, any case), or the only one with that range. */
    private static Optional<UpgradeAlert> match(List<UpgradeAlert> ours, ToolAlert alert) {
        List<UpgradeAlert> sameRange = ours.stream()
                .filter(a -> a.start().equals(alert.start()) && a.end().equals(alert.end())).toList();
        Optional<UpgradeAlert> sameTitle = sameRange.stream()
                .filter(a -> normalized(a.title()).equals(normalized(alert.title()))).findFirst();
        if (sameTitle.isPresent() || sameRange.size() != 1) {
            return sameTitle;
        }
        return Optional.of(sameRange.get(0));
    }

    private static String normalized(String title) {
        return title == null ? "" : title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Version version(Object value, String what) {
        String text = text(value, what);
        return Version.tryParse(text).filter(v -> text.matches("\\d+\\.\\d+\\.\\d+"))
                .orElseThrow(() -> new IllegalArgumentException(what + " '" + text + "' is not a major.minor.patch"
                        + " version"));
    }

    private static String text(Object value, String what) {
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return String.valueOf(value).strip();
    }
}
