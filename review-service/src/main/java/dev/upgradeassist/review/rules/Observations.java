package dev.upgradeassist.review.rules;

import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the checks found, in the order they found it: deficiencies (blocking) and findings
 * (warnings, advisories, information). Not thread-safe; one per review.
 */
public final class Observations {

    private final Set<Deficiency> deficiencies = new LinkedHashSet<>();
    private final Set<Finding> findings = new LinkedHashSet<>();

    /** Records that {@code rule} failed; the rule's kind says whether it blocks. */
    public Observations add(ReviewRule rule, Object... args) {
        switch (rule.kind()) {
            case DEFICIENCY -> deficiencies.add(
                    new Deficiency(rule.code(), rule.field(), rule.message(args), rule.hint(args)));
            case WARNING, ADVISORY, INFO -> findings.add(
                    new Finding(rule.code(), rule.kind().severity(), rule.message(args)));
            case DECLINE -> throw new IllegalArgumentException(rule + " declines; it is not an observation");
        }
        return this;
    }

    /** A finding whose code comes from data (an upgrade alert), not from a rule constant. */
    public Observations addFinding(String code, Finding.Severity severity, String message) {
        findings.add(new Finding(code, severity, message));
        return this;
    }

    public List<Deficiency> deficiencies() {
        return List.copyOf(deficiencies);
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public boolean hasDeficiencies() {
        return !deficiencies.isEmpty();
    }

    public boolean has(ReviewRule rule) {
        return deficiencies.stream().anyMatch(d -> d.code().equals(rule.code()))
                || findings.stream().anyMatch(f -> f.code().equals(rule.code()));
    }

    @Override
    public String toString() {
        List<String> codes = new ArrayList<>();
        deficiencies.forEach(d -> codes.add(d.code()));
        findings.forEach(f -> codes.add(f.code()));
        return "Observations" + codes;
    }
}
