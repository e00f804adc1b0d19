package dev.upgradeassist.platform.messaging;

/**
 * A record whose {@code ce_type} this build does not know (a newer producer, or another type on a
 * shared topic). Listeners skip it with a counter, never fail on it.
 */
public record UnhandledEvent(String typeId) {
}
