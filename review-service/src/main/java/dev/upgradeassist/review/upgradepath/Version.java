package dev.upgradeassist.review.upgradepath;

import dev.upgradeassist.contracts.model.Edition;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitLab release, {@code major.minor.patch}. A Linux-package style edition suffix
 * ({@code 16.3.9-ee.0}, {@code 16.3.9-ce}) is accepted and kept apart, so that an edition change can
 * be detected; it plays no part in ordering.
 */
public record Version(int major, int minor, int patch) implements Comparable<Version> {

    private static final Pattern FORMAT =
            Pattern.compile("^(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,6})(?:-(ce|ee)(?:\\.\\d{1,4})?)?$", Pattern.CASE_INSENSITIVE);

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("Version parts must not be negative");
        }
    }

    /** Parses {@code major.minor.patch}; throws {@link IllegalArgumentException} otherwise. */
    public static Version parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a major.minor.patch version"));
    }

    public static Optional<Version> tryParse(String text) {
        Matcher m = match(text);
        if (m == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The edition named by a suffix such as {@code -ee.0}, if the text has one. */
    public static Optional<Edition> editionSuffix(String text) {
        Matcher m = match(text);
        if (m == null || m.group(4) == null) {
            return Optional.empty();
        }
        return Optional.of(Edition.valueOf(m.group(4).toUpperCase()));
    }

    private static Matcher match(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(text.strip());
        return m.matches() ? m : null;
    }

    public MinorRelease release() {
        return new MinorRelease(major, minor);
    }

    public boolean sameRelease(Version other) {
        return major == other.major && minor == other.minor;
    }

    public boolean isAfter(Version other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Version other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
