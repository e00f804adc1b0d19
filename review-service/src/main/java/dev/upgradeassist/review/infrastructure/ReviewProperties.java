package dev.upgradeassist.review.infrastructure;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * review-service settings ({@code upgrade-assist.review.*}).
 *
 * @param stops               the upgrade-path data file (classpath: or file: location)
 * @param minutesPerHop       DESIGN upgrade-time estimate per hop, for the window-length rule
 * @param callMinimumLead     the review call is offered only this far ahead of the upgrade
 * @param callComfortableLead below this the call is offered with a warning
 * @param federalNotice       US Government: all information this long before the upgrade
 * @param federalZone         US Government support hours: weekdays in this zone ...
 * @param federalDayStart     ... from ...
 * @param federalDayEnd       ... to
 */
@ConfigurationProperties("upgrade-assist.review")
public record ReviewProperties(
        @DefaultValue("classpath:upgrade-path/stops.yml") String stops,
        @DefaultValue("30") int minutesPerHop,
        @DefaultValue("2d") Duration callMinimumLead,
        @DefaultValue("3d") Duration callComfortableLead,
        @DefaultValue("7d") Duration federalNotice,
        @DefaultValue("America/Los_Angeles") ZoneId federalZone,
        @DefaultValue("05:00") LocalTime federalDayStart,
        @DefaultValue("17:00") LocalTime federalDayEnd) {
}
