package dev.upgradeassist.intake.infrastructure;

import dev.upgradeassist.intake.request.BusinessCalendar;
import dev.upgradeassist.intake.request.ClockPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The clocks' settings ({@code upgrade-assist.clocks.*}, each bound in {@code application.yml} to its environment
 * variable {@code UPGRADE_ASSIST_CLOCKS_<NAME>}): ISO-8601 durations and the SLA calendar. Invalid values (not a
 * duration, zero or negative, a calendar other than {@code 24x5}/{@code 24x7}, a pending-close not after the
 * pending-reminder) refuse to start the service, naming the setting.
 *
 * @param pollInterval how often the clocks' poller looks for due timers (intake's own setting)
 */
@ConfigurationProperties("upgrade-assist.clocks")
public record ClockProperties(
        @DefaultValue("PT4H") Duration firstResponse,
        @DefaultValue("PT4H") Duration nextResponse,
        @DefaultValue("24x5") String calendar,
        @DefaultValue("P7D") Duration pendingReminder,
        @DefaultValue("P14D") Duration pendingClose,
        @DefaultValue("P4D") Duration onHoldRecheck,
        @DefaultValue("PT24H") Duration callReminder,
        @DefaultValue("PT10S") Duration pollInterval) {

    public ClockProperties {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("upgrade-assist.clocks.poll-interval must be a positive ISO-8601 "
                    + "duration (e.g. PT10S), was " + pollInterval);
        }
        try {
            BusinessCalendar.ofSetting(calendar);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upgrade-assist.clocks.calendar (UPGRADE_ASSIST_CLOCKS_CALENDAR) "
                    + "must be 24x5 or 24x7, was '" + calendar + "'");
        }
        policy(firstResponse, nextResponse, calendar, pendingReminder, pendingClose, onHoldRecheck, callReminder);
    }

    /** The policy the request's clocks follow. */
    public ClockPolicy policy() {
        return policy(firstResponse, nextResponse, calendar, pendingReminder, pendingClose, onHoldRecheck, callReminder);
    }

    private static ClockPolicy policy(Duration firstResponse, Duration nextResponse, String calendar,
                                      Duration pendingReminder, Duration pendingClose, Duration onHoldRecheck,
                                      Duration callReminder) {
        return new ClockPolicy(firstResponse, nextResponse, BusinessCalendar.ofSetting(calendar), pendingReminder,
                pendingClose, onHoldRecheck, callReminder);
    }
}
