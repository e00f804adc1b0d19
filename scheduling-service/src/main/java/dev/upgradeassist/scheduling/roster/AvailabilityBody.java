package dev.upgradeassist.scheduling.roster;

import java.util.List;

/**
 * An operator's availability for one engineer ({@code PUT /api/v1/engineers/{name}/availability}); replaces the
 * configured one as a whole.
 *
 * @param timeZone      IANA zone the hours and days are in (required)
 * @param workStart     {@code HH:mm} (required)
 * @param workEnd       {@code HH:mm}, after {@code workStart} (required)
 * @param daysOff       ISO dates ({@code 2026-12-24}) without calls; absent: none
 * @param bufferMinutes kept free before and after each call, 0–240; absent: 0
 * @param dailyMaximum  the most calls a day, 1–48; absent or null: no maximum
 */
public record AvailabilityBody(String timeZone, String workStart, String workEnd, List<String> daysOff,
                               Integer bufferMinutes, Integer dailyMaximum) {
}
