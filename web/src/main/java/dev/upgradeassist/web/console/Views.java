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

    /** The instant as ISO-8601 UTC ({@code 2026-12-02T09:30:00Z}) for a {@code <time datetime>}; null when it is none. */
    public String iso(Object value) {
        Instant instant = instant(value);
        return instant == null ? null : instant.toString();
    }

    /** {@code yes}, {@code no}, or {@code not said} for a missing answer. */
    public String yesNo(Object value) {
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return value == null ? "not said" : String.valueOf(value);
    }

    /** {@code 4 h 30 min} for 270 minutes; empty when unknown. */
    public String minutes(Object value) {
        if (!(value instanceof Number n) || n.longValue() < 0) {
            return value == null ? "" : String.valueOf(value);
        }
        long total = n.longValue();
        if (total < 60) {
            return total + " min";
        }
        return total % 60 == 0 ? (total / 60) + " h" : (total / 60) + " h " + (total % 60) + " min";
    }

    /**
     * A maintenance window's start ({@code {"start":"2026-12-12T22:00:00","timeZone":"Europe/Berlin",...}}, a local
     * date-time in the customer's zone or offset) as an ISO instant; null when it cannot be read.
     */
    public String windowStart(Object window) {
        Instant start = windowInstant(window);
        return start == null ? null : start.toString();
    }

    /** The window's end (start plus {@code durationMinutes}) as an ISO instant; null when unknown. */
    public String windowEnd(Object window) {
        Instant start = windowInstant(window);
        if (start == null || !(window instanceof java.util.Map<?, ?> w) || !(w.get("durationMinutes") instanceof Number n)
                || n.longValue() <= 0 || n.longValue() > 60L * 24 * 366) {
            return null;
        }
        return start.plus(Duration.ofMinutes(n.longValue())).toString();
    }

    /** The window's start as the customer gave it, {@code 2026-12-12 22:00}, without the seconds when zero. */
    public String localStart(Object window) {
        if (!(window instanceof java.util.Map<?, ?> w) || w.get("start") == null) {
            return "";
        }
        String text = String.valueOf(w.get("start")).replace('T', ' ');
        return text.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:00") ? text.substring(0, 16) : text;
    }

    static Instant windowInstant(Object window) {
        if (!(window instanceof java.util.Map<?, ?> w) || w.get("start") == null) {
            return null;
        }
        String start = String.valueOf(w.get("start")).strip();
        Instant absolute = instant(start); // a start with its own offset
        if (absolute != null) {
            return absolute;
        }
        if (w.get("timeZone") == null) {
            return null;
        }
        try {
            java.time.ZoneId zone = java.time.ZoneId.of(String.valueOf(w.get("timeZone")).strip());
            return java.time.LocalDateTime.parse(start).atZone(zone).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
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

    /** {@code largePipelineVariables} → {@code Large pipeline variables}. */
    public String camel(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value).replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([a-z])([0-9])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        text = (" " + text + " ").replace(" ci ", " CI ").replace(" npm ", " npm ").strip();
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
