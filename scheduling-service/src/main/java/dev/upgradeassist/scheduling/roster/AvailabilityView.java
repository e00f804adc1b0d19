package dev.upgradeassist.scheduling.roster;

import java.time.Instant;
import java.util.List;

/**
 * An engineer's availability as slots are offered now.
 *
 * @param source    {@code configuration} or {@code operator}
 * @param updatedBy the operator who set it (null for configuration)
 */
public record AvailabilityView(String engineer, String timeZone, String workStart, String workEnd,
                               List<String> daysOff, int bufferMinutes, Integer dailyMaximum, String meetingUrl,
                               String source, String updatedBy, Instant updatedAt) {
}
