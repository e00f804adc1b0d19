package dev.upgradeassist.review.timing;

import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.review.rules.Observations;
import dev.upgradeassist.review.rules.ReviewRule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Row 5 of the checklist: the time of the upgrade has a date, a time, a time zone (IANA id or UTC
 * offset) and a duration, and lies in the future.
 *
 * <p>Resolution: a start with its own offset ({@code 2026-12-12T22:00:00-05:00}) is that instant and
 * then needs no separate zone; a local start is resolved in the zone with {@link ZonedDateTime#of},
 * so a start in a DST gap moves forward by the gap and one in an overlap takes the earlier offset.
 */
public final class MaintenanceWindowRules {

    /** @return the resolved window when its start is known and in the future */
    public Optional<ResolvedWindow> resolve(MaintenanceWindow window, Instant now, Observations obs) {
        if (window == null) {
            obs.add(ReviewRule.MAINTENANCE_WINDOW_MISSING);
            return Optional.empty();
        }
        ZonedDateTime start = null;
        OffsetDateTime withOffset = null;
        LocalDateTime local = null;
        String text = window.start() == null ? "" : window.start().strip();
        if (text.isEmpty()) {
            obs.add(ReviewRule.MAINTENANCE_WINDOW_DATE_MISSING);
        } else {
            withOffset = parseOffset(text);
            local = withOffset == null ? parseLocal(text) : null;
            if (withOffset == null && local == null) {
                if (isDate(text)) {
                    obs.add(ReviewRule.MAINTENANCE_WINDOW_TIME_MISSING, text);
                } else {
                    obs.add(ReviewRule.MAINTENANCE_WINDOW_START_INVALID, text);
                }
            }
        }

        ZoneId zone = null;
        String zoneText = window.timeZone() == null ? "" : window.timeZone().strip();
        if (zoneText.isEmpty()) {
            if (withOffset != null) {
                zone = withOffset.getOffset();
            } else {
                obs.add(ReviewRule.MAINTENANCE_WINDOW_TIMEZONE_MISSING);
            }
        } else {
            zone = zone(zoneText);
            if (zone == null) {
                obs.add(ReviewRule.MAINTENANCE_WINDOW_TIMEZONE_INVALID, zoneText);
            }
        }

        if (window.durationMinutes() == null || window.durationMinutes() <= 0) {
            obs.add(ReviewRule.MAINTENANCE_WINDOW_DURATION_MISSING);
        }

        if (zone != null && withOffset != null) {
            start = withOffset.atZoneSameInstant(zone);
        } else if (zone != null && local != null) {
            start = ZonedDateTime.of(local, zone);
        }
        if (start == null) {
            return Optional.empty();
        }
        if (!start.toInstant().isAfter(now)) {
            obs.add(ReviewRule.MAINTENANCE_WINDOW_IN_PAST, start.toOffsetDateTime());
            return Optional.empty();
        }
        int minutes = window.durationMinutes() == null ? 0 : Math.max(0, window.durationMinutes());
        return Optional.of(new ResolvedWindow(start, Duration.ofMinutes(minutes)));
    }

    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static OffsetDateTime parseOffset(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDateTime parseLocal(String text) {
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
