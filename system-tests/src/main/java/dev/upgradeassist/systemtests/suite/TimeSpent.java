package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.report.Profiler;

import java.nio.file.Path;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Where the time of the load phase went: resources per request, the harness's own polling (how
 * often, how late), MongoDB's refused inserts and the JFR profiles (empty with --no-profile).
 */
public record TimeSpent(ResourceUse use, long statusPolls, long mailPolls, Histogram mailPollLateMicros,
                        Histogram statusPollLateMicros, Map<String, Long> duplicateKeyErrors,
                        Map<String, Profiler.Summary> profiles, int profileSeconds, Path profilesDirectory) {

    public TimeSpent {
        duplicateKeyErrors = Immutable.map(duplicateKeyErrors);
        profiles = Immutable.map(profiles);
    }
}
