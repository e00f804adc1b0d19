package dev.upgradeassist.review.upgradepath;

/**
 * Patch releases not to upgrade to, from the version-specific upgrade notes. {@code fixedIn} is
 * {@code null} when the notes name no fixed patch ("upgrade to the latest patch release").
 */
public record KnownBadPatch(Version from, Version to, Version fixedIn, String title, String source) {

    public KnownBadPatch {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Known-bad range " + from + ".." + to + " is reversed");
        }
        if (fixedIn != null && !fixedIn.isAfter(to)) {
            throw new IllegalArgumentException("Known-bad range " + from + ".." + to + " is fixed in " + fixedIn
                    + ", which is not after it");
        }
    }

    public boolean contains(Version version) {
        return !version.isBefore(from) && !version.isAfter(to);
    }

    /** What to use instead: {@code 18.11.2}, or "the latest 18.4 patch" when the notes give no number. */
    public String fixDisplay() {
        return fixedIn != null ? fixedIn.toString() : "the latest " + to.release() + " patch";
    }
}
