package dev.upgradeassist.review.checklist;

import dev.upgradeassist.contracts.model.Edition;
import dev.upgradeassist.contracts.model.OutOfScopeChange;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.review.upgradepath.Version;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Row 0 of the checklist (domain §0, §a row 0, §d D1): is this "same installation, newer point
 * release"? Declared out-of-scope changes and an edition change visible in the version strings
 * decline the request; out-of-scope wording in free text is only suspected (a deficiency asks the
 * customer to remove it), because text can say "we are not adding Geo".
 */
public final class ScopeCheck {

    /** The customer-facing name of each out-of-scope change. */
    public static final Map<OutOfScopeChange, String> LABELS = labels();

    private static final Map<OutOfScopeChange, List<Pattern>> SUSPICIOUS_TEXT = patterns();

    public ScopeAssessment assess(UpgradeSubmission submission) {
        Set<String> outOfScope = new LinkedHashSet<>();
        if (submission.outOfScopeChanges() != null) {
            submission.outOfScopeChanges().stream().filter(Objects::nonNull).map(LABELS::get).forEach(outOfScope::add);
        }

        String editionChange = editionChange(submission);

        Map<String, String> suspected = new LinkedHashMap<>();
        if (outOfScope.isEmpty() && editionChange == null) {
            Map<String, String> texts = new LinkedHashMap<>();
            if (submission.upgradePlan() != null) {
                texts.put("upgradePlan.document", submission.upgradePlan().document());
            }
            if (submission.architecture() != null) {
                texts.put("architecture.notes", submission.architecture().notes());
            }
            texts.put("additionalInfo", submission.additionalInfo());
            SUSPICIOUS_TEXT.forEach((change, patterns) -> texts.forEach((field, text) -> {
                if (text != null && patterns.stream().anyMatch(p -> p.matcher(text).find())) {
                    suspected.putIfAbsent(LABELS.get(change), field);
                }
            }));
        }
        return new ScopeAssessment(List.copyOf(outOfScope), editionChange, suspected);
    }

    /** "15.11.13-ce to 16.3.9-ee" when the version strings (or the edition field) name two editions. */
    private static String editionChange(UpgradeSubmission s) {
        List<String> versions = new ArrayList<>();
        versions.add(s.currentVersion());
        if (s.upgradePlan() != null && s.upgradePlan().hops() != null) {
            versions.addAll(s.upgradePlan().hops());
        }
        versions.add(s.targetVersion());
        Set<Edition> editions = new LinkedHashSet<>();
        List<String> named = new ArrayList<>();
        for (String v : versions) {
            Version.editionSuffix(v).ifPresent(e -> {
                editions.add(e);
                named.add(v.strip());
            });
        }
        if (editions.isEmpty()) {
            return null;
        }
        if (s.edition() != null && !editions.contains(s.edition())) {
            return "edition " + s.edition() + " but versions " + String.join(", ", named);
        }
        return editions.size() > 1 ? String.join(" to ", named) : null;
    }

    private static Map<OutOfScopeChange, String> labels() {
        Map<OutOfScopeChange, String> labels = new EnumMap<>(OutOfScopeChange.class);
        labels.put(OutOfScopeChange.EDITION_CHANGE, "an edition change (CE to EE)");
        labels.put(OutOfScopeChange.INSTALL_METHOD_CHANGE,
                "an installation-method change (for example Linux package to Helm)");
        labels.put(OutOfScopeChange.SCALING, "scaling the architecture (a reference-architecture change)");
        labels.put(OutOfScopeChange.DATA_MIGRATION,
                "moving data to another installation (for example to GitLab.com)");
        labels.put(OutOfScopeChange.ADD_GEO, "adding Geo (a new Geo site)");
        return Map.copyOf(labels);
    }

    private static Map<OutOfScopeChange, List<Pattern>> patterns() {
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        Map<OutOfScopeChange, List<Pattern>> p = new EnumMap<>(OutOfScopeChange.class);
        p.put(OutOfScopeChange.EDITION_CHANGE, List.of(
                Pattern.compile("\\bCE\\s*(?:->|→|=>|to)\\s*EE\\b", flags),
                Pattern.compile("community edition\\s*(?:->|→|=>|to)\\s*enterprise edition", flags),
                Pattern.compile("\\b(?:convert|switch|migrat\\w*|mov\\w*)\\s+(?:\\w+\\s+){0,3}?to\\s+"
                        + "(?:EE|the EE|enterprise edition)\\b", flags)));
        p.put(OutOfScopeChange.INSTALL_METHOD_CHANGE, List.of(
                Pattern.compile("\\b(?:omnibus|linux package|docker|source)\\s*(?:->|→|=>|to)\\s*"
                        + "(?:helm|kubernetes|k8s)\\b", flags),
                Pattern.compile("\\bmigrat\\w*\\s+(?:\\w+\\s+){0,3}?to\\s+(?:the\\s+)?(?:helm|kubernetes|k8s|"
                        + "gitlab operator)\\b", flags)));
        p.put(OutOfScopeChange.SCALING, List.of(
                Pattern.compile("\\b\\d+k\\s*(?:users\\s*)?(?:->|→|=>|to)\\s*\\d+k\\b", flags),
                Pattern.compile("\\bscal(?:e|ing)\\s+(?:up|out)\\b", flags)));
        p.put(OutOfScopeChange.DATA_MIGRATION, List.of(
                Pattern.compile("\\b(?:migrat\\w*|mov\\w*)\\s+(?:\\w+\\s+){0,3}?to\\s+gitlab\\.com\\b", flags),
                Pattern.compile("\\bcongregate\\b", flags)));
        p.put(OutOfScopeChange.ADD_GEO, List.of(
                Pattern.compile("\\b(?:add|adding|set\\s*up|setting\\s+up|introduc\\w*)\\s+(?:an?\\s+|the\\s+)?"
                        + "(?:new\\s+)?geo\\b", flags)));
        return p;
    }

    /**
     * @param outOfScope    declared changes, by label: decline
     * @param editionChange the edition change seen in the versions, or null: decline
     * @param suspected     label to the field whose text suggests it: ask the customer
     */
    public record ScopeAssessment(List<String> outOfScope, String editionChange, Map<String, String> suspected) {

        public boolean declines() {
            return !outOfScope.isEmpty() || editionChange != null;
        }
    }
}
