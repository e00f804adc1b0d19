package dev.upgradeassist.scheduling.roster;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * An operator's availability settings for one engineer (collection {@code engineer_availability}, id = the engineer's
 * name). They replace the configured working hours, zone, days off, buffer and daily maximum as a whole. Times and
 * dates are kept as ISO text ({@code 09:00}, {@code 2026-12-24}).
 */
@Document(AvailabilitySettings.COLLECTION)
public record AvailabilitySettings(@Id String engineer, String timeZone, String workStart, String workEnd,
                                   List<String> daysOff, int bufferMinutes, Integer dailyMaximum, String updatedBy,
                                   Instant updatedAt) {

    public static final String COLLECTION = "engineer_availability";
}
