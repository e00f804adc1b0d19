package dev.upgradeassist.review.upgradepath;

/** Patch releases not to upgrade to, from the version-specific upgrade notes. */
public record KnownBadPatch(Version from, Version to, Version fixedIn, String title, String source) {

    public KnownBadPatch {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Known-bad range " + from + ".." + to + " is reversed");
        }
    }

    public boolean contains(Version version) {
        return !version.isBefore(from) && !version.isAfter(to);
    }
}
