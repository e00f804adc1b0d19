package dev.upgradeassist.review.infrastructure;

import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
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
 * @param approvalMode        who approves a complete revision: {@code AUTOMATIC} (the checks, the default) or
 *                            {@code ENGINEER} (it waits {@code IN_REVIEW} for an engineer); application.yml binds it
 *                            from {@code UPGRADE_ASSIST_REVIEW_APPROVAL_MODE}. Any other value stops the start-up
 *                            with the property, the value and the valid values.
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
        @DefaultValue("17:00") LocalTime federalDayEnd,
        @DefaultValue("AUTOMATIC") ApprovalMode approvalMode) {
}
