package dev.upgradeassist.notification.templates;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An instant as an email shows it: in the customer's time zone and in UTC, each with its zone, so
 * that nobody has to guess. When the customer's zone is unknown or invalid, both show UTC.
 *
 * @param local e.g. {@code Saturday, 12 December 2026, 22:00 EST (America/New_York)}
 * @param utc   e.g. {@code Sunday, 13 December 2026, 03:00 UTC}
 * @param iso   e.g. {@code 2026-12-13T03:00:00Z}
 */
public record ShownTime(String local, String utc, String iso) {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu, HH:mm zzz '('VV')'", Locale.ENGLISH);
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH);

    public static ShownTime of(Instant instant, String timeZone) {
        if (instant == null) {
            return null;
        }
        String utc = UTC.format(instant.atZone(ZoneOffset.UTC));
        ZoneId zone = zone(timeZone);
        String local = zone == null ? utc : LOCAL.format(instant.atZone(zone));
        return new ShownTime(local, utc, instant.toString());
    }

    /** The customer's zone (IANA id or UTC offset), or null when absent or not a zone. */
    static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** True when local and UTC differ, so a template shows both. */
    public boolean hasLocal() {
        return !local.equals(utc);
    }
}
