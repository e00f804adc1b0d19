package dev.upgradeassist.scheduling.roster;

import dev.upgradeassist.contracts.model.Region;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AvailabilityTest {

    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private final Availability availability = new Availability();
    private final Engineer alice = new Engineer("alice", "alice@gitlab.example", Region.AMER,
            ZoneId.of("America/New_York"), LocalTime.of(9, 0), LocalTime.of(17, 0), true);
    private final Engineer chandra = new Engineer("chandra", "chandra@gitlab.example", Region.APAC,
            ZoneId.of("Asia/Kolkata"), LocalTime.of(9, 30), LocalTime.of(17, 30), true);

    @Test
    void slots_are_half_hours_within_working_hours_on_weekdays_from_the_next_working_day() {
        Instant now = Instant.parse("2026-12-04T20:00:00Z");          // Friday 15:00 in New York
        Instant until = Instant.parse("2026-12-10T03:00:00Z");        // Wednesday 22:00 in New York

        List<Instant> slots = availability.openSlots(alice, now, until, HALF_HOUR, List.of());

        assertThat(slots.get(0)).isEqualTo(Instant.parse("2026-12-07T14:00:00Z"));   // Monday 09:00
        assertThat(slots).hasSize(3 * 16);                                             // Mon, Tue, Wed
        assertThat(slots).allSatisfy(slot -> {
            var local = slot.atZone(alice.timeZone());
            assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(local.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(16, 30));
            assertThat(local.getMinute() % 30).isZero();
        });
        assertThat(slots.get(slots.size() - 1)).isEqualTo(Instant.parse("2026-12-09T21:30:00Z"));   // Wed 16:30
    }

    @Test
    void the_last_slot_ends_no_later_than_the_expiry() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        Instant until = Instant.parse("2026-12-08T15:00:00Z");        // Tuesday 10:00 in New York

        List<Instant> slots = availability.openSlots(alice, now, until, HALF_HOUR, List.of());

        assertThat(slots).containsExactly(Instant.parse("2026-12-08T14:00:00Z"), Instant.parse("2026-12-08T14:30:00Z"));
    }

    @Test
    void booked_calls_are_not_offered() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        Instant until = Instant.parse("2026-12-08T16:00:00Z");

        List<Instant> slots = availability.openSlots(alice, now, until, HALF_HOUR,
                List.of(Instant.parse("2026-12-08T14:30:00Z")));

        assertThat(slots).containsExactly(Instant.parse("2026-12-08T14:00:00Z"), Instant.parse("2026-12-08T15:00:00Z"),
                Instant.parse("2026-12-08T15:30:00Z"));
    }

    @Test
    void working_hours_are_the_engineers_own_time_zone() {
        Instant now = Instant.parse("2026-12-07T00:00:00Z");
        Instant until = Instant.parse("2026-12-09T00:00:00Z");

        List<Instant> slots = availability.openSlots(chandra, now, until, HALF_HOUR, List.of());

        assertThat(slots.get(0)).isEqualTo(Instant.parse("2026-12-08T04:00:00Z"));   // Tuesday 09:30 in Kolkata
        assertThat(slots).hasSize(16);
    }

    @Test
    void no_slots_when_the_link_expires_before_the_next_working_day() {
        Instant now = Instant.parse("2026-12-04T20:00:00Z");          // Friday

        assertThat(availability.openSlots(alice, now, Instant.parse("2026-12-07T13:00:00Z"), HALF_HOUR, List.of()))
                .isEmpty();
    }

    @Test
    void days_off_buffer_and_daily_maximum_narrow_the_slots() {
        Instant now = Instant.parse("2026-12-04T20:00:00Z");          // Friday 15:00 in New York
        Instant until = Instant.parse("2026-12-10T03:00:00Z");        // Mon, Tue, Wed
        Engineer busy = alice.withAvailability(alice.timeZone(), alice.workStart(), alice.workEnd(),
                java.util.Set.of(java.time.LocalDate.parse("2026-12-08")), Duration.ofMinutes(15), 2);
        Instant mondayTen = Instant.parse("2026-12-07T15:00:00Z");    // Monday 10:00 in New York
        Instant wednesdayNine = Instant.parse("2026-12-09T14:00:00Z");
        Instant wednesdayTwo = Instant.parse("2026-12-09T19:00:00Z");

        List<Instant> slots = availability.openSlots(busy, now, until, HALF_HOUR,
                List.of(mondayTen, wednesdayNine, wednesdayTwo));

        assertThat(slots).as("Tuesday is a day off").noneMatch(slot ->
                slot.atZone(alice.timeZone()).getDayOfWeek() == DayOfWeek.TUESDAY);
        assertThat(slots).as("Wednesday has its daily maximum of two calls").noneMatch(slot ->
                slot.atZone(alice.timeZone()).getDayOfWeek() == DayOfWeek.WEDNESDAY);
        // Monday: the 10:00 call and the 15 minutes around it take 09:30 and 10:30 as well
        assertThat(slots).doesNotContain(mondayTen, mondayTen.minus(HALF_HOUR), mondayTen.plus(HALF_HOUR))
                .contains(Instant.parse("2026-12-07T14:00:00Z"), Instant.parse("2026-12-07T16:00:00Z"));
        assertThat(slots).hasSize(16 - 3);
        assertThat(availability.openSlots(alice, now, until, HALF_HOUR, List.of(mondayTen)))
                .as("without buffer only the call's own slot is taken").hasSize(3 * 16 - 1);
    }
}
