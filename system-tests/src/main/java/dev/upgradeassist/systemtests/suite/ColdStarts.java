package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.stack.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cold starts of the services (each alone) on the stacks started so far: the latest stack's
 * times, and every time per service, on which its pass line ("worst of n") is judged.
 */
public record ColdStarts(Map<Service, Long> latest, Map<Service, List<Long>> history) implements PartResult {

    public ColdStarts {
        latest = Immutable.map(latest);
        Map<Service, List<Long>> copy = new LinkedHashMap<>();
        history.forEach((service, millis) -> copy.put(service, List.copyOf(millis)));
        history = Immutable.map(copy);
    }

    public static ColdStarts none() {
        return new ColdStarts(Map.of(), Map.of());
    }

    /** These starts added to the history. */
    public ColdStarts plus(Map<Service, Long> millis) {
        Map<Service, List<Long>> all = new LinkedHashMap<>(history);
        millis.forEach((service, ms) -> {
            List<Long> times = new ArrayList<>(all.getOrDefault(service, List.of()));
            times.add(ms);
            all.put(service, times);
        });
        return new ColdStarts(millis, all);
    }

    @Override
    public List<PassLine> passLines() {
        List<PassLine> lines = new ArrayList<>();
        latest.keySet().forEach(service -> {
            List<Long> all = history.get(service);
            long worst = all.stream().mapToLong(Long::longValue).max().orElse(0);
            lines.add(new PassLine("healthy within 10 s of its start: " + service.id() + " (cold start, alone; worst of "
                    + all.size() + ")", Figures.healthyWithinLimit(worst),
                    all.stream().map(m -> String.format("%.1f s", m / 1000.0)).collect(Collectors.joining(", "))));
        });
        return lines;
    }
}
