package dev.upgradeassist.review.timing;

import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.review.rules.Observations;
import dev.upgradeassist.review.rules.ReviewRule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Lead time and support hours (domain §e, §d D5 and D6), for a window already resolved.
 */
public final class LeadTimeRules {

    private final TimingPolicy policy;

    public LeadTimeRules(TimingPolicy policy) {
        this.policy = policy;
    }

    public TimingPolicy policy() {
        return policy;
    }

    /** Whether the review call can be offered: wanted, and the upgrade at least {@code callMinimumLead} away. */
    public boolean callOffered(boolean wantsCall, ResolvedWindow window, Instant now) {
        return wantsCall && !lead(window, now).minus(policy.callMinimumLead()).isNegative();
    }

    /** Adds the findings about the review call's lead time (§e): none when no call is wanted. */
    public void reviewCall(boolean wantsCall, ResolvedWindow window, Instant now, Observations obs) {
        if (!wantsCall) {
            return;
        }
        Duration lead = lead(window, now);
        if (lead.compareTo(policy.callMinimumLead()) < 0) {
            obs.add(ReviewRule.REVIEW_CALL_NOT_POSSIBLE, describe(lead));
        } else if (lead.compareTo(policy.callComfortableLead()) < 0) {
            obs.add(ReviewRule.REVIEW_CALL_SHORT_NOTICE, describe(lead));
        }
    }

    /** US Government (D5): true when all information arrives less than {@code federalNotice} before the upgrade. */
    public boolean federalNoticeMissed(Form form, ResolvedWindow window, Instant now) {
        return form == Form.US_FEDERAL && lead(window, now).compareTo(policy.federalNotice()) < 0;
    }

    /** The latest moment the information of a US Government request may be complete. */
    public ZonedDateTime federalDeadline(ResolvedWindow window) {
        return window.start().minus(policy.federalNotice());
    }

    /**
     * D6 (DESIGN): STANDARD support is 24x5, so a window touching a Saturday or Sunday in the
     * customer's zone is outside support hours; US_FEDERAL support is weekdays 05:00-17:00 Pacific.
     *
     * @return the support hours the window falls outside of, if it does
     */
    public Optional<String> outsideSupportHours(Form form, ResolvedWindow window) {
        if (form == Form.US_FEDERAL) {
            ZonedDateTime start = window.start().withZoneSameInstant(policy.federalZone());
            ZonedDateTime end = window.end().withZoneSameInstant(policy.federalZone());
            boolean inside = isWeekday(start.toLocalDate())
                    && start.toLocalDate().equals(end.toLocalDate())
                    && !start.toLocalTime().isBefore(policy.federalDayStart())
                    && !end.toLocalTime().isAfter(policy.federalDayEnd());
            return inside ? Optional.empty() : Optional.of("US Government support: weekdays "
                    + policy.federalDayStart() + "-" + policy.federalDayEnd() + " " + policy.federalZone().getId());
        }
        LocalDate day = window.start().toLocalDate();
        ZonedDateTime lastMoment = window.duration().isZero() ? window.start() : window.end().minusNanos(1);
        LocalDate lastDay = lastMoment.toLocalDate();
        while (!day.isAfter(lastDay)) {
            if (!isWeekday(day)) {
                return Optional.of("24x5, Monday to Friday; the window touches a weekend in "
                        + window.start().getZone().getId());
            }
            day = day.plusDays(1);
        }
        return Optional.empty();
    }

    static Duration lead(ResolvedWindow window, Instant now) {
        return Duration.between(now, window.startInstant());
    }

    static String describe(Duration lead) {
        long hours = lead.toHours();
        long days = hours / 24;
        return days + (days == 1 ? " day " : " days ") + (hours % 24) + (hours % 24 == 1 ? " hour" : " hours")
                + " away";
    }

    private static boolean isWeekday(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }
}
