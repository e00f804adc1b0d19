package dev.upgradeassist.intake.request;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When SLA time runs, and the arithmetic of adding business time to an instant. Three calendars:
 * <ul>
 *   <li>{@link #TWENTY_FOUR_FIVE} ({@code 24x5}): Monday 00:00 to Friday 24:00, UTC;</li>
 *   <li>{@link #TWENTY_FOUR_SEVEN} ({@code 24x7}): always;</li>
 *   <li>{@link #US_GOVERNMENT} ({@code US_GOVERNMENT}): weekdays 05:00–17:00 America/Los_Angeles (daylight saving
 *   time as that zone has it), for every US_FEDERAL request.</li>
 * </ul>
 * Pure and immutable: no clock, no state.
 */
public final class BusinessCalendar {

    public static final BusinessCalendar TWENTY_FOUR_FIVE =
            new BusinessCalendar("24x5", ZoneOffset.UTC, LocalTime.MIDNIGHT, null, true);
    public static final BusinessCalendar TWENTY_FOUR_SEVEN =
            new BusinessCalendar("24x7", ZoneOffset.UTC, LocalTime.MIDNIGHT, null, false);
    public static final BusinessCalendar US_GOVERNMENT = new BusinessCalendar("US_GOVERNMENT",
            ZoneId.of("America/Los_Angeles"), LocalTime.of(5, 0), LocalTime.of(17, 0), true);

    private final String name;
    private final ZoneId zone;
    private final LocalTime opens;
    /** null: open until midnight. */
    private final LocalTime closes;
    private final boolean weekdaysOnly;

    private BusinessCalendar(String name, ZoneId zone, LocalTime opens, LocalTime closes, boolean weekdaysOnly) {
        this.name = name;
        this.zone = zone;
        this.opens = opens;
        this.closes = closes;
        this.weekdaysOnly = weekdaysOnly;
    }

    /**
     * The setting's calendar: {@code 24x5} or {@code 24x7} (case-insensitive).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static BusinessCalendar ofSetting(String value) {
        if (value != null && value.trim().equalsIgnoreCase("24x5")) {
            return TWENTY_FOUR_FIVE;
        }
        if (value != null && value.trim().equalsIgnoreCase("24x7")) {
            return TWENTY_FOUR_SEVEN;
        }
        throw new IllegalArgumentException("calendar must be 24x5 or 24x7, was '" + value + "'");
    }

    /** {@code 24x5}, {@code 24x7} or {@code US_GOVERNMENT}: what {@code SlaBreached.calendar} carries. */
    public String name() {
        return name;
    }

    /** The instant at which {@code amount} of business time has run from {@code start}. */
    public Instant plus(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("business time to add must not be negative");
        }
        if (!weekdaysOnly && closes == null) {
            return start.plus(amount);
        }
        Instant at = start;
        Duration remaining = amount;
        while (true) {
            LocalDate day = at.atZone(zone).toLocalDate();
            Instant nextDay = day.plusDays(1).atStartOfDay(zone).toInstant();
            if (isBusinessDay(day)) {
                Instant open = ZonedDateTime.of(day, opens, zone).toInstant();
                Instant close = closes == null ? nextDay : ZonedDateTime.of(day, closes, zone).toInstant();
                if (at.isBefore(open)) {
                    at = open;
                }
                if (at.isBefore(close)) {
                    Duration available = Duration.between(at, close);
                    if (remaining.compareTo(available) <= 0) {
                        return at.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            }
            at = nextDay;
        }
    }

    private boolean isBusinessDay(LocalDate day) {
        return !weekdaysOnly || (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY);
    }

    @Override
    public String toString() {
        return name;
    }
}
