package dev.upgradeassist.review.upgradepath;

/** A {@code major.minor} release line, the unit of a required stop. */
public record MinorRelease(int major, int minor) implements Comparable<MinorRelease> {

    public static MinorRelease parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a major.minor release");
        }
        return new MinorRelease(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    public boolean isAfter(MinorRelease other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(MinorRelease other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(MinorRelease o) {
        int c = Integer.compare(major, o.major);
        return c != 0 ? c : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
