package dev.upgradeassist.web.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A submission's field path in words: {@code rollbackPlan.restoreSteps} → {@code Rollback plan: restore steps}. */
final class FieldWords {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("form", "form"),
            Map.entry("organizationId", "organization"),
            Map.entry("requester", "requester"),
            Map.entry("contactEmail", "point of contact"),
            Map.entry("currentVersion", "current GitLab version"),
            Map.entry("targetVersion", "target GitLab version"),
            Map.entry("upgradePlan", "upgrade plan"),
            Map.entry("plan", "upgrade plan"),
            Map.entry("rollbackPlan", "rollback plan"),
            Map.entry("maintenanceWindow", "maintenance window"),
            Map.entry("window", "maintenance window"),
            Map.entry("testedInStaging", "tested in staging"),
            Map.entry("outOfScopeChanges", "out-of-scope changes"),
            Map.entry("wantsReviewCall", "review call"),
            Map.entry("additionalInfo", "additional information"),
            Map.entry("hops", "upgrade stops"),
            Map.entry("backsUpData", "data backup"),
            Map.entry("backsUpSecretsAndConfig", "backup of secrets and configuration"),
            Map.entry("geoSites", "Geo sites"),
            Map.entry("timeZone", "time zone"),
            Map.entry("estimatedMinutes", "estimated time"));

    private FieldWords() {
    }

    static String of(String field) {
        if (field == null || field.isBlank()) {
            return "Your request";
        }
        List<String> parts = new ArrayList<>();
        for (String segment : field.split("\\.")) {
            String name = segment.replaceAll("\\[(\\d+)]", "");
            String index = segment.matches(".*\\[\\d+]") ? segment.replaceAll(".*\\[(\\d+)]", "$1") : null;
            String words = NAMES.getOrDefault(name, split(name));
            if (index != null) {
                words = words + " " + (Integer.parseInt(index.length() > 6 ? "0" : index) + 1);
            }
            if (!words.isBlank()) {
                parts.add(words);
            }
        }
        if (parts.isEmpty()) {
            return "Your request";
        }
        String text = String.join(": ", parts);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String split(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT).strip();
    }
}
