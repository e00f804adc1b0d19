package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.report.Profiler;

import java.nio.file.Path;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Where the time of the load phase went: resources per request (and per thread group of each process), the harness's own polling (how
 * often, how late, how many polls the topics' gate spared), MongoDB's refused inserts and the JFR profiles (empty
 * with --no-profile).
 */
public record TimeSpent(ResourceUse use, ThreadCpu.Use threads, long statusPolls, long mailPolls, Gate gate, Histogram mailPollLateMicros,
                        Histogram statusPollLateMicros, Map<String, Long> duplicateKeyErrors,
                        Map<String, Profiler.Summary> profiles, int profileSeconds, Path profilesDirectory,
                        long offsetRecords) {

    /** As the canonical constructor, with the offsets the consumer groups committed not counted (-1). */
    public TimeSpent(ResourceUse use, ThreadCpu.Use threads, long statusPolls, long mailPolls, Gate gate,
                     Histogram mailPollLateMicros, Histogram statusPollLateMicros, Map<String, Long> duplicateKeyErrors,
                     Map<String, Profiler.Summary> profiles, int profileSeconds, Path profilesDirectory) {
        this(use, threads, statusPolls, mailPolls, gate, mailPollLateMicros, statusPollLateMicros, duplicateKeyErrors,
                profiles, profileSeconds, profilesDirectory, -1);
    }

    /**
     * The tracker's gate over the phase: due polls that made no HTTP call because the topics did not show their event
     * yet, HTTP polls made by the safety net with the gate closed, due safety-net polls not made because the topics'
     * reader was caught up (it covered the request), first emails taken from the topic (requests outside the mailbox
     * sample, no HTTP call), final statuses taken from the topic (requests outside the status sample, no HTTP call), the
     * events the harness read, and how often its reader caught up with the topics' end offsets; null = no gate.
     */
    public record Gate(long statusPollsGated, long mailPollsGated, long safetyNetPolls, long safetyNetCovered,
                       long mailsFromTopic, long statusesFromTopic, long eventsRead, long readErrors, long caughtUp) {
    }

    public TimeSpent {
        duplicateKeyErrors = Immutable.map(duplicateKeyErrors);
        profiles = Immutable.map(profiles);
        threads = threads == null ? ThreadCpu.Use.none() : threads;
    }
}
