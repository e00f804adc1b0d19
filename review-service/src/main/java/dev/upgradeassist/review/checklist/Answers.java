package dev.upgradeassist.review.checklist;

import dev.upgradeassist.contracts.model.Architecture;
import java.util.List;

/** How the checklist reads the customer's answers: unanswered, blank and false are alike. */
final class Answers {

    private Answers() {
    }

    static List<String> geoSites(Architecture a) {
        return a == null ? List.of() : nonBlank(a.geoSites());
    }

    static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> !isBlank(v)).toList();
    }

    static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
