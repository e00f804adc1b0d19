package dev.upgradeassist.review.upgradepath;

import dev.upgradeassist.contracts.model.Finding;

/** A notice for paths that pass through a version range (the Upgrade Path tool's alerts.yml). */
public record UpgradeAlert(
        String id,
        Version start,
        Version end,
        Severity severity,
        String checkWhen,
        String title,
        String message,
        String source) {

    public enum Severity {
        ERROR(Finding.Severity.WARNING),
        WARNING(Finding.Severity.ADVISORY);

        private final Finding.Severity findingSeverity;

        Severity(Finding.Severity findingSeverity) {
            this.findingSeverity = findingSeverity;
        }

        public Finding.Severity findingSeverity() {
            return findingSeverity;
        }
    }

    /**
     * The alert applies when its range overlaps the path: {@code start <= target} and
     * {@code end >= current}. The end is inclusive, as in GitLab's Upgrade Path tool
     * ({@code upgradeSummaryAlerts}: {@code semver.gte(x.end, current)}).
     */
    public boolean appliesTo(Version current, Version target) {
        return !start.isAfter(target) && !end.isBefore(current);
    }

    /** The finding code: {@code ALERT_<id>}. */
    public String findingCode() {
        return "ALERT_" + id;
    }
}
