package dev.upgradeassist.scheduling.roster;

import dev.upgradeassist.contracts.model.Region;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A support engineer who may hold review calls: their working hours in their own time zone, days off, the buffer they
 * keep between calls, the most calls they take a day (null: no maximum) and their meeting room.
 */
public record Engineer(String name, String email, Region region, ZoneId timeZone, LocalTime workStart,
                       LocalTime workEnd, boolean upgradeFocus, String meetingUrl, Set<LocalDate> daysOff,
                       Duration buffer, Integer dailyMaximum) {

    public Engineer {
        daysOff = daysOff == null ? Set.of() : Set.copyOf(daysOff);
        buffer = buffer == null ? Duration.ZERO : buffer;
    }

    /** Working hours only: no days off, no buffer, no daily maximum, no meeting room. */
    public Engineer(String name, String email, Region region, ZoneId timeZone, LocalTime workStart, LocalTime workEnd,
                    boolean upgradeFocus) {
        this(name, email, region, timeZone, workStart, workEnd, upgradeFocus, null, Set.of(), Duration.ZERO, null);
    }

    /** The same engineer with another availability (an operator's settings). */
    public Engineer withAvailability(ZoneId zone, LocalTime start, LocalTime end, Set<LocalDate> off, Duration gap,
                                     Integer maximum) {
        return new Engineer(name, email, region, zone, start, end, upgradeFocus, meetingUrl, off, gap, maximum);
    }
}
