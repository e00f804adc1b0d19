package dev.upgradeassist.intake.request;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTest {

    private static final Duration FOUR_HOURS = Duration.ofHours(4);
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    private static Instant pacific(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), PACIFIC).toInstant();
    }

    @Test
    void twenty_four_five_runs_on_weekdays_in_utc() {
        BusinessCalendar calendar = BusinessCalendar.TWENTY_FOUR_FIVE;
        // Tuesday 10:00 UTC + 4 h = 14:00 the same day
        assertThat(calendar.plus(utc("2026-12-01T10:00:00Z"), FOUR_HOURS)).isEqualTo(utc("2026-12-01T14:00:00Z"));
        // Friday 22:00 UTC: 2 h on Friday, the rest from Monday 00:00 UTC
        assertThat(calendar.plus(utc("2026-12-04T22:00:00Z"), FOUR_HOURS)).isEqualTo(utc("2026-12-07T02:00:00Z"));
        // received on Saturday: the clock starts Monday 00:00 UTC
        assertThat(calendar.plus(utc("2026-12-05T09:00:00Z"), FOUR_HOURS)).isEqualTo(utc("2026-12-07T04:00:00Z"));
        // Sunday 23:59 UTC is still the weekend
        assertThat(calendar.plus(utc("2026-12-06T23:59:00Z"), FOUR_HOURS)).isEqualTo(utc("2026-12-07T04:00:00Z"));
        // exactly up to Friday midnight stays on Friday's end
        assertThat(calendar.plus(utc("2026-12-04T20:00:00Z"), FOUR_HOURS)).isEqualTo(utc("2026-12-05T00:00:00Z"));
        // a whole week of business time is five days
        assertThat(calendar.plus(utc("2026-12-01T10:00:00Z"), Duration.ofHours(120)))
                .isEqualTo(utc("2026-12-08T10:00:00Z"));
    }

    @Test
    void twenty_four_seven_always_runs() {
        assertThat(BusinessCalendar.TWENTY_FOUR_SEVEN.plus(utc("2026-12-04T22:00:00Z"), FOUR_HOURS))
                .isEqualTo(utc("2026-12-05T02:00:00Z"));
        assertThat(BusinessCalendar.TWENTY_FOUR_SEVEN.plus(utc("2026-12-05T09:00:00Z"), FOUR_HOURS))
                .isEqualTo(utc("2026-12-05T13:00:00Z"));
    }

    @Test
    void us_government_hours_are_weekdays_five_to_five_pacific() {
        BusinessCalendar calendar = BusinessCalendar.US_GOVERNMENT;
        // Tuesday 09:00 PST + 4 h = 13:00 PST
        assertThat(calendar.plus(pacific("2026-12-01T09:00"), FOUR_HOURS)).isEqualTo(pacific("2026-12-01T13:00"));
        // received at 16:00 Pacific: 1 h today, 3 h from 05:00 the next morning
        assertThat(calendar.plus(pacific("2026-12-01T16:00"), FOUR_HOURS)).isEqualTo(pacific("2026-12-02T08:00"));
        // received at night (23:00): starts at 05:00 the next morning
        assertThat(calendar.plus(pacific("2026-12-01T23:00"), FOUR_HOURS)).isEqualTo(pacific("2026-12-02T09:00"));
        // received before opening (03:00): starts at 05:00 the same day
        assertThat(calendar.plus(pacific("2026-12-02T03:00"), FOUR_HOURS)).isEqualTo(pacific("2026-12-02T09:00"));
        // received on Saturday: starts Monday 05:00
        assertThat(calendar.plus(pacific("2026-12-05T10:00"), FOUR_HOURS)).isEqualTo(pacific("2026-12-07T09:00"));
        // Friday 16:00: 1 h on Friday, 3 h on Monday
        assertThat(calendar.plus(pacific("2026-12-04T16:00"), FOUR_HOURS)).isEqualTo(pacific("2026-12-07T08:00"));
        // Friday 16:00 Pacific is Saturday 00:00 UTC: the UTC weekend does not matter to US Government hours
        assertThat(pacific("2026-12-04T16:00")).isEqualTo(utc("2026-12-05T00:00:00Z"));
    }

    @Test
    void us_government_hours_follow_daylight_saving_time() {
        BusinessCalendar calendar = BusinessCalendar.US_GOVERNMENT;
        // Friday 2026-03-06 16:00 PST (UTC-8); DST starts Sunday 2026-03-08; Monday 08:00 PDT is 15:00 UTC (UTC-7)
        Instant due = calendar.plus(pacific("2026-03-06T16:00"), FOUR_HOURS);
        assertThat(due).isEqualTo(pacific("2026-03-09T08:00")).isEqualTo(utc("2026-03-09T15:00:00Z"));
        // and back: Friday 2026-10-30 16:00 PDT; standard time from Sunday 2026-11-01; Monday 08:00 PST = 16:00 UTC
        Instant back = calendar.plus(pacific("2026-10-30T16:00"), FOUR_HOURS);
        assertThat(back).isEqualTo(pacific("2026-11-02T08:00")).isEqualTo(utc("2026-11-02T16:00:00Z"));
        // a 12-hour business day on the DST Monday: 05:00 PDT opens at 12:00 UTC
        assertThat(calendar.plus(pacific("2026-03-08T12:00"), Duration.ofHours(12)))
                .isEqualTo(pacific("2026-03-09T17:00")).isEqualTo(utc("2026-03-10T00:00:00Z"));
    }

    @Test
    void the_setting_is_24x5_or_24x7() {
        assertThat(BusinessCalendar.ofSetting("24x5")).isSameAs(BusinessCalendar.TWENTY_FOUR_FIVE);
        assertThat(BusinessCalendar.ofSetting("24X7")).isSameAs(BusinessCalendar.TWENTY_FOUR_SEVEN);
        assertThatThrownBy(() -> BusinessCalendar.ofSetting("9x5")).hasMessageContaining("24x5 or 24x7");
        assertThatThrownBy(() -> BusinessCalendar.ofSetting(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BusinessCalendar.US_GOVERNMENT.name()).isEqualTo("US_GOVERNMENT");
    }
}
