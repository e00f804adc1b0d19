package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.stack.Service;

import java.util.Map;

/**
 * CPU milliseconds per process and each service's Prometheus text at the start and the end of a
 * stretch of load, and the requests it served: the report divides the differences by them.
 */
public record ResourceUse(Map<String, Long> cpuBefore, Map<String, Long> cpuAfter, Map<Service, String> scrapeBefore,
                          Map<Service, String> scrapeAfter, int requests) {

    public ResourceUse {
        cpuBefore = Immutable.map(cpuBefore);
        cpuAfter = Immutable.map(cpuAfter);
        scrapeBefore = Immutable.map(scrapeBefore);
        scrapeAfter = Immutable.map(scrapeAfter);
    }

    /** CPU milliseconds of one process over the stretch. */
    public long cpuMillis(String process) {
        return cpuAfter.get(process) - cpuBefore.get(process);
    }

    /** CPU milliseconds of every process over the stretch. */
    public long cpuMillisOfAll() {
        return cpuBefore.keySet().stream().mapToLong(this::cpuMillis).sum();
    }
}
