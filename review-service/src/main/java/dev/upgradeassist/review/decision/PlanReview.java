package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.review.checklist.RequiredInformationChecklist;
import dev.upgradeassist.review.checklist.RequiredInformationChecklist.ChecklistResult;
import dev.upgradeassist.review.checklist.ScopeCheck;
import dev.upgradeassist.review.checklist.ScopeCheck.ScopeAssessment;
import dev.upgradeassist.review.rules.Observations;
import dev.upgradeassist.review.rules.ReviewRule;
import dev.upgradeassist.review.timing.LeadTimeRules;
import dev.upgradeassist.review.timing.MaintenanceWindowRules;
import dev.upgradeassist.review.timing.ResolvedWindow;
import dev.upgradeassist.review.upgradepath.UpgradePathCatalog;
import dev.upgradeassist.review.upgradepath.UpgradePathEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The review policy: decides one revision of a request. Pure (no I/O), deterministic for a given
 * clock, thread-safe.
 *
 * <p>Order (first match wins): D7 not entitled, decline; D1 out of scope, decline; the checklist
 * (§a rows 1-8) and timing rules (§e) run; D5 US Government with less than 7 days' notice,
 * postponement recommended; any deficiency, InfoMissing (D4); otherwise approved with findings.
 */
public final class PlanReview {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV");

    /**
     * The deficiencies that the upgrade-path data decides (stops, conditions, known-bad patches, the last minor of a
     * major): a re-check after a data change asks for changes only when one of these appears.
     */
    static final Set<String> DATA_DRIVEN = Set.of(ReviewRule.UPGRADE_PLAN_REQUIRED_STOP_MISSING.code(),
            ReviewRule.UPGRADE_PLAN_KNOWN_BAD_PATCH.code(), ReviewRule.UPGRADE_PATH_CONDITION_UNANSWERED.code(),
            ReviewRule.ZERO_DOWNTIME_SKIPS_MINORS.code());

    private final Clock clock;
    private final ScopeCheck scope = new ScopeCheck();
    private final UpgradePathEngine paths;
    private final ReviewSettings settings;
    private final RequiredInformationChecklist checklist;
    private final MaintenanceWindowRules windows = new MaintenanceWindowRules();
    private final LeadTimeRules leadTime;

    public PlanReview(UpgradePathEngine paths, ReviewSettings settings, Clock clock) {
        this.clock = clock;
        this.paths = paths;
        this.settings = settings;
        this.checklist = new RequiredInformationChecklist(paths, settings.minutesPerHop());
        this.leadTime = new LeadTimeRules(settings.timing());
    }

    public ReviewDecision review(UpgradeSubmission submission, Organization organization, int revision) {
        Instant now = clock.instant();

        if (organization == null || !organization.prioritySupport()) {
            String name = organization == null ? "(unknown)" : display(organization);
            return new ReviewDecision.Declined(revision, DeclineReason.NOT_ENTITLED, ReviewRule.NOT_ENTITLED,
                    ReviewRule.NOT_ENTITLED.message(name) + " " + ReviewRule.NOT_ENTITLED.hint());
        }

        ScopeAssessment assessment = scope.assess(submission);
        if (assessment.declines()) {
            return outOfScope(revision, assessment);
        }

        Observations obs = new Observations();
        assessment.suspected().forEach((label, field) -> obs.add(ReviewRule.SCOPE_CHANGE_SUSPECTED,
                label, capitalize(label), field));

        ChecklistResult result = checklist.check(submission, obs);
        Optional<ResolvedWindow> window = windows.resolve(submission.maintenanceWindow(), now, obs);
        boolean wantsCall = Boolean.TRUE.equals(submission.wantsReviewCall());
        Form form = submission.form() == null ? Form.STANDARD : submission.form();

        if (window.isPresent()) {
            ResolvedWindow w = window.get();
            leadTime.outsideSupportHours(form, w).ifPresent(hours ->
                    obs.add(ReviewRule.OUTSIDE_SUPPORT_HOURS, describe(w), hours));
            leadTime.reviewCall(wantsCall, w, now, obs);
            if (leadTime.federalNoticeMissed(form, w, now)) {
                return federalPostpone(revision, w, obs);
            }
            if (form == Form.US_FEDERAL && obs.hasDeficiencies()) {
                obs.add(ReviewRule.US_FEDERAL_INFORMATION_DEADLINE, leadTime.federalDeadline(w).format(WHEN));
            }
        }

        if (obs.hasDeficiencies() || window.isEmpty()) {
            return new ReviewDecision.InformationMissing(revision, obs.deficiencies(), obs.findings(),
                    result.requiredStops());
        }
        ResolvedWindow w = window.get();
        return new ReviewDecision.Approved(revision, obs.findings(), result.requiredStops(), wantsCall,
                leadTime.callOffered(wantsCall, w, now), w.startInstant(),
                submission.maintenanceWindow().durationMinutes(),
                submission.rollbackPlan().estimatedMinutes());
    }

    /** The version of the upgrade-path data in force now (what {@link #review} checks against). */
    public String dataVersion() {
        return paths.catalog().version();
    }

    /**
     * Checks an approved revision's submission again against the given upgrade-path data (after the data changed):
     * the checklist (rows 1-4, 6-8, with the upgrade path) and the window's support hours. Entitlement, scope and the
     * lead times are not decided again: the revision was approved, and only the data changed.
     */
    public Recheck recheck(UpgradeSubmission submission, UpgradePathCatalog catalog) {
        Observations obs = new Observations();
        RequiredInformationChecklist fixed = new RequiredInformationChecklist(new UpgradePathEngine(catalog),
                settings.minutesPerHop());
        ChecklistResult result = fixed.check(submission, obs);
        windows.resolve(submission.maintenanceWindow(), clock.instant(), obs).ifPresent(w -> {
            Form form = submission.form() == null ? Form.STANDARD : submission.form();
            leadTime.outsideSupportHours(form, w).ifPresent(hours ->
                    obs.add(ReviewRule.OUTSIDE_SUPPORT_HOURS, describe(w), hours));
        });
        return new Recheck(catalog.version(), obs.deficiencies(), obs.findings(), result.requiredStops());
    }

    /**
     * What a re-check found with data {@code dataVersion}: all the automatic deficiencies, the findings and the
     * required stops of the new check.
     */
    public record Recheck(String dataVersion, List<dev.upgradeassist.contracts.model.Deficiency> deficiencies,
                          List<dev.upgradeassist.contracts.model.Finding> findings, List<String> requiredStops) {
        public Recheck {
            deficiencies = List.copyOf(deficiencies);
            findings = List.copyOf(findings);
            requiredStops = List.copyOf(requiredStops);
        }

        /** The plan now misses a stop, an answer to a new condition, or uses a known-bad patch. */
        public boolean planNoLongerFits() {
            return deficiencies.stream().anyMatch(d -> DATA_DRIVEN.contains(d.code()));
        }
    }

    /**
     * Whether a review call offered when a revision was reviewed can still be offered now, when an engineer approves
     * it later (approval mode {@code ENGINEER}): the upgrade must still be at least {@code callMinimumLead} away.
     */
    public boolean callStillOffered(boolean offered, Instant upgradeStart) {
        return offered && upgradeStart != null && !Duration.between(clock.instant(), upgradeStart)
                .minus(leadTime.policy().callMinimumLead()).isNegative();
    }

    private static ReviewDecision outOfScope(int revision, ScopeAssessment assessment) {
        List<String> sentences = new ArrayList<>();
        if (assessment.editionChange() != null) {
            sentences.add(ReviewRule.EDITION_CHANGE_DETECTED.message(assessment.editionChange()));
        }
        List<String> items = new ArrayList<>(assessment.outOfScope());
        if (!items.isEmpty()) {
            sentences.add(ReviewRule.OUT_OF_SCOPE_CHANGE.message(String.join("; ", items)));
        }
        if (assessment.editionChange() != null && items.isEmpty()) {
            items.add("the edition change");
        }
        sentences.add(ReviewRule.OUT_OF_SCOPE_CHANGE.hint(String.join("; ", items)));
        ReviewRule rule = assessment.outOfScope().isEmpty()
                ? ReviewRule.EDITION_CHANGE_DETECTED : ReviewRule.OUT_OF_SCOPE_CHANGE;
        return new ReviewDecision.Declined(revision, DeclineReason.OUT_OF_SCOPE, rule, String.join(" ", sentences));
    }

    private static ReviewDecision federalPostpone(int revision, ResolvedWindow window, Observations obs) {
        String explanation = ReviewRule.US_FEDERAL_NOTICE_PERIOD.message(describe(window))
                + " " + ReviewRule.US_FEDERAL_NOTICE_PERIOD.hint();
        if (obs.hasDeficiencies()) {
            explanation += " Still missing: " + String.join("; ",
                    obs.deficiencies().stream().map(d -> d.message()).toList());
        }
        return new ReviewDecision.Declined(revision, DeclineReason.POSTPONE_RECOMMENDED,
                ReviewRule.US_FEDERAL_NOTICE_PERIOD, explanation);
    }

    private static String describe(ResolvedWindow window) {
        return window.start().format(WHEN);
    }

    private static String display(Organization organization) {
        return organization.name() == null || organization.name().isBlank() ? organization.id() : organization.name();
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
