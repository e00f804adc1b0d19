package dev.upgradeassist.systemtests.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sums over the samples of a Prometheus text exposition (what /actuator/prometheus answers). */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+([0-9.eE+-]+|NaN)\\s*$",
            Pattern.MULTILINE);

    private PrometheusText() {
    }

    /**
     * The sum of a series' samples grouped by the values of some labels joined with ':' ("" when no
     * label is asked for; "?" for a label a sample does not have); NaN samples count as 0.
     */
    public static Map<String, Double> sumBy(String exposition, String metric, String... labels) {
        Map<String, Double> sums = new TreeMap<>();
        Matcher m = SAMPLE.matcher(exposition);
        while (m.find()) {
            if (!m.group(1).equals(metric)) {
                continue;
            }
            String labelText = m.group(2) == null ? "" : m.group(2);
            List<String> key = new ArrayList<>();
            for (String label : labels) {
                Matcher l = Pattern.compile("[{,]" + label + "=\"([^\"]*)\"").matcher(labelText);
                key.add(l.find() ? l.group(1) : "?");
            }
            double v = m.group(3).equals("NaN") ? 0 : Double.parseDouble(m.group(3));
            sums.merge(String.join(":", key), v, Double::sum);
        }
        return sums;
    }

    /** The change of a sum between two scrapes (0 for a series in neither). */
    public static double delta(String before, String after, String metric) {
        return sumBy(after, metric).getOrDefault("", 0.0) - sumBy(before, metric).getOrDefault("", 0.0);
    }
}
