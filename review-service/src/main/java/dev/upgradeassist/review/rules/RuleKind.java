package dev.upgradeassist.review.rules;

import dev.upgradeassist.contracts.model.Finding;

/** What failing a rule does to the decision. */
public enum RuleKind {
    /** The request is declined (RequestDeclined). */
    DECLINE(null),
    /** Review cannot proceed until the customer fixes it (InfoMissing). */
    DEFICIENCY(null),
    /** Reported with the decision; does not block approval. */
    WARNING(Finding.Severity.WARNING),
    ADVISORY(Finding.Severity.ADVISORY),
    INFO(Finding.Severity.INFO);

    private final Finding.Severity severity;

    RuleKind(Finding.Severity severity) {
        this.severity = severity;
    }

    /** The finding severity, for the non-blocking kinds. */
    public Finding.Severity severity() {
        if (severity == null) {
            throw new IllegalStateException(this + " is not a finding");
        }
        return severity;
    }

    public boolean isFinding() {
        return severity != null;
    }
}
