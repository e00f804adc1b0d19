package dev.upgradeassist.review.timing;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The lead times and support hours of domain §e and §d (DESIGN values, configurable).
 *
 * @param callMinimumLead     a review call can be offered only when the upgrade is at least this far away (2 days)
 * @param callComfortableLead below this (3 days) the call is offered with a warning
 * @param federalNotice       US Government: all information this long before the upgrade (7 days)
 * @param federalZone         US Government support hours: weekdays, in this zone ...
 * @param federalDayStart     ... from this time ...
 * @param federalDayEnd       ... to this time
 */
public record TimingPolicy(
        Duration callMinimumLead,
        Duration callComfortableLead,
        Duration federalNotice,
        ZoneId federalZone,
        LocalTime federalDayStart,
        LocalTime federalDayEnd) {

    public static final TimingPolicy DEFAULT = new TimingPolicy(Duration.ofDays(2), Duration.ofDays(3),
            Duration.ofDays(7), ZoneId.of("America/Los_Angeles"), LocalTime.of(5, 0), LocalTime.of(17, 0));
}
