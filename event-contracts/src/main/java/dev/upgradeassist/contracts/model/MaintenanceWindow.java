package dev.upgradeassist.contracts.model;

/**
 * When the customer plans to upgrade, as they gave it: a local date-time
 * ({@code 2026-12-12T22:00:00}), an IANA zone or UTC offset, and the length of the window.
 * Kept as given so that review can report exactly what is missing.
 */
public record MaintenanceWindow(String start, String timeZone, Integer durationMinutes) {
}
