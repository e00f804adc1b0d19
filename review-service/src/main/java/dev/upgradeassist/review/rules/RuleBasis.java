package dev.upgradeassist.review.rules;

/** Where a rule comes from, in the terms of the domain document. */
public enum RuleBasis {
    /** Stated by a cited source. */
    SOURCED,
    /** Our proposal (the domain document marks it DESIGN, or we chose it). */
    DESIGN,
    /** The sources could not confirm it; we assume, and say so. */
    GAP
}
