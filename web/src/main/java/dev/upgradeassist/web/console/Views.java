package dev.upgradeassist.web.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** Formatting the templates call as {@code @views}: times in UTC, ages, status words. */
@Component("views")
public class Views {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    public Views() {
        this(Clock.systemUTC());
    }

    Views(Clock clock) {
        this.clock = clock;
    }

    /** {@code 2026-12-02 09:30 UTC}, or the text as it came when it is not an instant, or an empty string. */
    public String time(Object value) {
        Instant instant = instant(value);
        return instant == null ? (value == null ? "" : String.valueOf(value)) : UTC.format(instant);
    }

    /** How long ago: {@code 3d 4h}, {@code 2h 15m}, {@code 5m}; empty when unknown. */
    public String age(Object value) {
        Instant instant = instant(value);
        if (instant == null) {
            return "";
        }
        Duration age = Duration.between(instant, clock.instant());
        if (age.isNegative()) {
            return "0m";
        }
        if (age.toDays() > 0) {
            return age.toDays() + "d " + age.toHoursPart() + "h";
        }
        if (age.toHours() > 0) {
            return age.toHours() + "h " + age.toMinutesPart() + "m";
        }
        return age.toMinutes() + "m";
    }

    /** {@code AWAITING_INFO} → {@code Awaiting info}. */
    public String words(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value).replace('_', ' ').toLowerCase(Locale.ROOT);
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A list's items joined by {@code separator}; any other value as text. */
    public String join(Object value, String separator) {
        if (value instanceof java.util.Collection<?> items) {
            return String.join(separator, items.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** A CSS-safe token for a status badge's class. */
    public String badge(Object value) {
        return value == null ? "unknown" : String.valueOf(value).toLowerCase(Locale.ROOT).replaceAll("[^a-z_]", "");
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(String.valueOf(value)).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
