package dev.upgradeassist.web.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The review's required stops beside the customer's own hops, compared by major.minor ({@code 16.3.9} and
 * {@code 16.3.5} are the same stop): a required stop the plan lacks is {@link Mark#MISSING}, a hop that is neither
 * a required stop nor the target is {@link Mark#EXTRA}. Rows come in version order.
 */
public final class StopsComparison {

    private static final Pattern VERSION = Pattern.compile("(\\d{1,6})\\.(\\d{1,6})(?:\\.(\\d{1,6}))?");

    /** How a row compares; {@link #label()} is the text the page shows (never colour alone). */
    public enum Mark {
        PLANNED("planned"), MISSING("missing"), EXTRA("extra"), TARGET("target");

        private final String label;

        Mark(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One line: a required stop and the hop that covers it, a missing stop (no hop), or a hop of its own (no stop). */
    public record Row(String requiredStop, String hop, Mark mark) {
        public String label() {
            return mark.label();
        }
    }

    private StopsComparison() {
    }

    /**
     * @param requiredStops the review's required stops (any values; blanks and nulls are skipped)
     * @param hops          the customer's planned hops, as submitted
     * @param targetVersion the submission's target version (may be null)
     */
    public static List<Row> compare(List<?> requiredStops, List<?> hops, Object targetVersion) {
        List<String> stops = texts(requiredStops);
        List<String> planned = texts(hops);
        String target = majorMinor(targetVersion == null ? null : String.valueOf(targetVersion));
        boolean[] used = new boolean[planned.size()];
        List<Row> rows = new ArrayList<>();
        for (String stop : stops) {
            String key = majorMinor(stop);
            int match = -1;
            for (int i = 0; key != null && i < planned.size() && match < 0; i++) {
                if (!used[i] && key.equals(majorMinor(planned.get(i)))) {
                    match = i;
                }
            }
            if (match >= 0) {
                used[match] = true;
                rows.add(new Row(stop, planned.get(match), Mark.PLANNED));
            } else {
                rows.add(new Row(stop, null, Mark.MISSING));
            }
        }
        for (int i = 0; i < planned.size(); i++) {
            if (!used[i]) {
                String key = majorMinor(planned.get(i));
                rows.add(new Row(null, planned.get(i), key != null && key.equals(target) ? Mark.TARGET : Mark.EXTRA));
            }
        }
        // stable: equal versions keep their order (stops first); unreadable versions go last, as given
        rows.sort(Comparator.comparing(StopsComparison::orderOf, StopsComparison::compareVersions));
        return List.copyOf(rows);
    }

    /** Whether any row is missing or extra. */
    public static boolean differs(List<Row> rows) {
        return rows.stream().anyMatch(r -> r.mark() == Mark.MISSING || r.mark() == Mark.EXTRA);
    }

    /** {@code 16.3} for {@code 16.3.9}, {@code v16.3} or {@code 16.3}; null when there is no major.minor. */
    static String majorMinor(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = VERSION.matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)) : null;
    }

    private static int[] orderOf(Row row) {
        String version = row.requiredStop() != null ? row.requiredStop() : row.hop();
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return null;
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
    }

    private static int compareVersions(int[] a, int[] b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        for (int i = 0; i < 2; i++) { // major.minor only: a stop and its hop of another patch stay side by side
            int c = Integer.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<String> texts(List<?> values) {
        List<String> texts = new ArrayList<>();
        if (values != null) {
            for (Object v : values) {
                if (v != null && !String.valueOf(v).isBlank()) {
                    texts.add(String.valueOf(v).strip());
                }
            }
        }
        return texts;
    }
}
