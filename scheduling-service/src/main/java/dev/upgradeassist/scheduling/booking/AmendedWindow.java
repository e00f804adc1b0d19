package dev.upgradeassist.scheduling.booking;

import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.UpgradeSubmission;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The start of an amended submission's maintenance window, resolved as review resolves it: a start with its own offset
 * is that instant; a local start is resolved in the window's zone (IANA id or UTC offset). Null when it cannot be.
 */
final class AmendedWindow {

    private AmendedWindow() {
    }

    static Instant start(UpgradeSubmission submission) {
        MaintenanceWindow window = submission == null ? null : submission.maintenanceWindow();
        if (window == null || window.start() == null || window.start().isBlank()) {
            return null;
        }
        String text = window.start().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException ignored) {
            // a local date-time, resolved in the window's zone below
        }
        try {
            LocalDateTime local = LocalDateTime.parse(text);
            if (window.timeZone() == null || window.timeZone().isBlank()) {
                return null;
            }
            return ZonedDateTime.of(local, ZoneId.of(window.timeZone().strip(), ZoneId.SHORT_IDS)).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
