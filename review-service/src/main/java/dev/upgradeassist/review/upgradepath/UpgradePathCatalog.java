package dev.upgradeassist.review.upgradepath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The required stops, known-bad patches and alerts, as read from the data file
 * ({@code upgrade-path/stops.yml}). Loading validates the data and fails on any inconsistency.
 * Immutable and thread-safe.
 */
public final class UpgradePathCatalog {

    public static final String DEFAULT_RESOURCE = "upgrade-path/stops.yml";

    private final List<UpgradeStop> stops;
    private final Map<MinorRelease, UpgradeStop> stopsByRelease;
    private final List<KnownBadPatch> knownBadPatches;
    private final List<UpgradeAlert> alerts;
    private final Map<Integer, Integer> finalMinors;
    private final int defaultFinalMinor;
    private final MinorRelease cadenceSince;
    private final Set<Integer> cadenceMinors;
    private final String version;

    UpgradePathCatalog(String version, List<UpgradeStop> stops, List<KnownBadPatch> knownBadPatches, List<UpgradeAlert> alerts,
                       Map<Integer, Integer> finalMinors, int defaultFinalMinor,
                       MinorRelease cadenceSince, Collection<Integer> cadenceMinors) {
        this.version = version;
        this.stops = List.copyOf(stops);
        this.knownBadPatches = List.copyOf(knownBadPatches);
        this.alerts = List.copyOf(alerts);
        this.finalMinors = Map.copyOf(finalMinors);
        this.defaultFinalMinor = defaultFinalMinor;
        this.cadenceSince = cadenceSince;
        this.cadenceMinors = Set.copyOf(new TreeSet<>(cadenceMinors));
        this.stopsByRelease = this.stops.stream().collect(Collectors.toUnmodifiableMap(UpgradeStop::release, s -> s));
        validate();
    }

    /** The catalog shipped with the service. */
    public static UpgradePathCatalog loadDefault() {
        try (InputStream in = UpgradePathCatalog.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + DEFAULT_RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalog from YAML; throws {@link IllegalStateException} when the data is invalid. */
    public static UpgradePathCatalog load(InputStream yaml) {
        try {
            return parse(yaml.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a catalog from the bytes of a YAML document; its {@link #version()} is the first 12 hex
     * digits of the SHA-256 of those bytes. Throws {@link IllegalStateException} naming what is wrong.
     */
    public static UpgradePathCatalog parse(byte[] yaml) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(1_000_000);
            Object root = new Yaml(new SafeConstructor(options))
                    .load(new java.io.ByteArrayInputStream(yaml));
            return fromMap(asMap(root, "document"), versionOf(yaml));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Invalid upgrade-path catalog: " + e.getMessage(), e);
        }
    }

    /** The version id of a data document: the first 12 hex digits of its SHA-256. */
    public static String versionOf(byte[] yaml) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(yaml);
            return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version id of this data (see {@link #versionOf(byte[])}). */
    public String version() {
        return version;
    }

    private static UpgradePathCatalog fromMap(Map<String, Object> root, String version) {
        Map<Integer, Integer> finalMinors = new HashMap<>();
        asMap(root.get("finalMinors"), "finalMinors")
                .forEach((major, minor) -> finalMinors.put(Integer.parseInt(major), toInt(minor)));
        int defaultFinalMinor = toInt(required(root, "defaultFinalMinor"));

        Map<String, Object> cadence = asMap(root.get("cadence"), "cadence");
        MinorRelease since = MinorRelease.parse(string(cadence, "since"));
        List<Integer> cadenceMinors = asList(cadence.get("minors"), "cadence.minors").stream()
                .map(UpgradePathCatalog::toInt).toList();

        List<UpgradeStop> stops = new ArrayList<>();
        for (Object item : asList(root.get("stops"), "stops")) {
            Map<String, Object> s = asMap(item, "stop");
            Set<StopCondition> conditions = EnumSet.noneOf(StopCondition.class);
            Object when = s.get("when");
            if (when != null) {
                asList(when, "when").forEach(c -> conditions.add(StopCondition.valueOf(String.valueOf(c))));
            }
            Object verifiedValue = s.get("verified");
            if (verifiedValue != null && !(verifiedValue instanceof Boolean)) {
                throw new IllegalArgumentException("stop " + s.get("stop") + ": verified must be true or false");
            }
            Object patch = s.get("latestPatch");
            stops.add(new UpgradeStop(
                    MinorRelease.parse(string(s, "stop")),
                    patch == null ? null : Version.parse(String.valueOf(patch)),
                    conditions,
                    string(s, "source"),
                    s.get("note") == null ? null : String.valueOf(s.get("note")),
                    !Boolean.FALSE.equals(verifiedValue),
                    false));
        }

        List<KnownBadPatch> knownBad = new ArrayList<>();
        Object bad = root.get("knownBadPatches");
        if (bad != null) {
            for (Object item : asList(bad, "knownBadPatches")) {
                Map<String, Object> b = asMap(item, "knownBadPatch");
                Object fixedIn = b.get("fixedIn");
                knownBad.add(new KnownBadPatch(Version.parse(string(b, "from")), Version.parse(string(b, "to")),
                        fixedIn == null ? null : Version.parse(String.valueOf(fixedIn)),
                        string(b, "title"), string(b, "source")));
            }
        }

        List<UpgradeAlert> alerts = new ArrayList<>();
        Object alertList = root.get("alerts");
        if (alertList != null) {
            for (Object item : asList(alertList, "alerts")) {
                Map<String, Object> a = asMap(item, "alert");
                alerts.add(new UpgradeAlert(
                        string(a, "id"),
                        Version.parse(string(a, "start")),
                        Version.parse(string(a, "end")),
                        UpgradeAlert.Severity.valueOf(string(a, "severity").toUpperCase(Locale.ROOT)),
                        string(a, "checkWhen"),
                        string(a, "title"),
                        string(a, "message").strip(),
                        string(a, "source")));
            }
        }
        return new UpgradePathCatalog(version, stops, knownBad, alerts, finalMinors, defaultFinalMinor, since, cadenceMinors);
    }

    private void validate() {
        if (stops.isEmpty()) {
            throw new IllegalStateException("no stops");
        }
        for (int i = 1; i < stops.size(); i++) {
            if (!stops.get(i).release().isAfter(stops.get(i - 1).release())) {
                throw new IllegalStateException("stops out of order at " + stops.get(i).release());
            }
        }
        for (UpgradeStop stop : stops) {
            if (!stop.release().isBefore(cadenceSince) && !cadenceMinors.contains(stop.release().minor())) {
                throw new IllegalStateException("stop " + stop.release() + " is off the cadence " + cadenceMinors);
            }
            if (stop.release().minor() > finalMinor(stop.release().major())) {
                throw new IllegalStateException("stop " + stop.release() + " is after the final minor of its major");
            }
            if (stop.latestPatch() != null) {
                knownBadPatch(stop.latestPatch()).ifPresent(bad -> {
                    throw new IllegalStateException("latest patch " + stop.latestPatch() + " is known bad");
                });
            }
        }
        Set<String> ids = new TreeSet<>();
        for (UpgradeAlert alert : alerts) {
            if (!ids.add(alert.id())) {
                throw new IllegalStateException("duplicate alert id " + alert.id());
            }
            if (!alert.id().matches("[A-Z0-9_]+")) {
                throw new IllegalStateException("alert id " + alert.id() + " is not UPPER_SNAKE");
            }
            if (alert.end().isBefore(alert.start())) {
                throw new IllegalStateException("alert " + alert.id() + " has a reversed range");
            }
        }
    }

    public List<UpgradeStop> stops() {
        return stops;
    }

    public List<KnownBadPatch> knownBadPatches() {
        return knownBadPatches;
    }

    public List<UpgradeAlert> alerts() {
        return alerts;
    }

    /** The listed stop for a release line, if it is one (projected stops are not listed). */
    public Optional<UpgradeStop> stop(MinorRelease release) {
        return Optional.ofNullable(stopsByRelease.get(release));
    }

    public Optional<KnownBadPatch> knownBadPatch(Version version) {
        return knownBadPatches.stream().filter(b -> b.contains(version)).findFirst();
    }

    public int finalMinor(int major) {
        return finalMinors.getOrDefault(major, defaultFinalMinor);
    }

    /** The release that follows {@code release}: the next minor, or {@code (major+1).0} after the last one. */
    public MinorRelease next(MinorRelease release) {
        return release.minor() >= finalMinor(release.major())
                ? new MinorRelease(release.major() + 1, 0)
                : new MinorRelease(release.major(), release.minor() + 1);
    }

    /** The last listed stop: beyond it, stops are projected from the cadence. */
    public MinorRelease lastListedStop() {
        return stops.get(stops.size() - 1).release();
    }

    /**
     * Every stop, listed or projected, whose line lies strictly before {@code beforeExclusive} and
     * whose latest patch lies strictly after {@code afterExclusive}, in order.
     */
    List<UpgradeStop> stopsBetween(Version afterExclusive, MinorRelease beforeExclusive) {
        List<UpgradeStop> result = new ArrayList<>();
        for (UpgradeStop stop : stops) {
            if (stop.release().isBefore(beforeExclusive) && stop.pendingFrom(afterExclusive)) {
                result.add(stop);
            }
        }
        MinorRelease line = next(lastListedStop());
        while (line.isBefore(beforeExclusive)) {
            if (cadenceMinors.contains(line.minor())) {
                if (afterExclusive.release().isBefore(line)) {
                    result.add(UpgradeStop.projected(line));
                }
            }
            line = next(line);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " must be a mapping");
        }
        Map<String, Object> result = new HashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private static List<?> asList(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " must be a list");
        }
        return list;
    }

    private static Object required(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return value;
    }

    private static String string(Map<String, Object> map, String key) {
        return String.valueOf(required(map, key));
    }

    private static int toInt(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    }
}
