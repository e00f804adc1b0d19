package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.model.Form;

import java.time.Duration;
import java.util.Objects;

/**
 * The durations of a request's clocks ({@code upgrade-assist.clocks.*}) and the calendar SLA time runs on. Due
 * times are computed when a clock starts, so a changed setting applies to clocks started after it.
 *
 * @param firstResponse   received → first response, in business time
 * @param nextResponse    customer comment or amendment → the next response, in business time
 * @param calendar        24x5 or 24x7; US_FEDERAL requests always run on {@link BusinessCalendar#US_GOVERNMENT}
 * @param pendingReminder waiting on the customer → one reminder (wall-clock time)
 * @param pendingClose    waiting on the customer → closed, NO_RESPONSE (wall-clock time)
 * @param onHoldRecheck   maintenance window ended with no outcome → one re-check reminder (wall-clock time)
 * @param callReminder    how long before a booked call its reminder goes
 */
public record ClockPolicy(Duration firstResponse, Duration nextResponse, BusinessCalendar calendar,
                          Duration pendingReminder, Duration pendingClose, Duration onHoldRecheck,
                          Duration callReminder) {

    /** The contract's defaults. */
    public static final ClockPolicy DEFAULTS = new ClockPolicy(Duration.ofHours(4), Duration.ofHours(4),
            BusinessCalendar.TWENTY_FOUR_FIVE, Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(4),
            Duration.ofHours(24));

    public ClockPolicy {
        Objects.requireNonNull(calendar, "calendar");
        positive("first-response", firstResponse);
        positive("next-response", nextResponse);
        positive("pending-reminder", pendingReminder);
        positive("pending-close", pendingClose);
        positive("on-hold-recheck", onHoldRecheck);
        positive("call-reminder", callReminder);
        if (pendingClose.compareTo(pendingReminder) <= 0) {
            throw new IllegalArgumentException("upgrade-assist.clocks.pending-close (" + pendingClose
                    + ") must be longer than upgrade-assist.clocks.pending-reminder (" + pendingReminder
                    + "): the reminder goes before the request is closed");
        }
    }

    /** The calendar a request of this form runs on. */
    public BusinessCalendar calendarFor(Form form) {
        return form == Form.US_FEDERAL ? BusinessCalendar.US_GOVERNMENT : calendar;
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("upgrade-assist.clocks." + name + " must be a positive ISO-8601 duration "
                    + "(e.g. PT4H, P7D, PT20S), was " + value);
        }
    }
}
