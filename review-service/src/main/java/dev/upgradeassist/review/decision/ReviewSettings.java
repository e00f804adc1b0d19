package dev.upgradeassist.review.decision;

import dev.upgradeassist.review.timing.TimingPolicy;

/**
 * The tunable numbers of the review policy.
 *
 * @param minutesPerHop DESIGN estimate of one hop's upgrade time, for the window-length rule (row 8)
 * @param timing        lead times and support hours
 */
public record ReviewSettings(int minutesPerHop, TimingPolicy timing) {

    public static final ReviewSettings DEFAULT = new ReviewSettings(30, TimingPolicy.DEFAULT);

    public ReviewSettings {
        if (minutesPerHop <= 0) {
            throw new IllegalArgumentException("minutesPerHop must be positive");
        }
    }
}
