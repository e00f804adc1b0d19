package dev.upgradeassist.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ViewsTest {

    private final Views views = new Views();

    @Test
    void an_instant_is_shown_in_utc_with_its_iso_form_for_the_time_element() {
        assertThat(views.time("2026-12-02T14:00:00Z")).isEqualTo("2026-12-02 14:00 UTC");
        assertThat(views.iso("2026-12-02T14:00:00.123Z")).isEqualTo("2026-12-02T14:00:00.123Z");
        assertThat(views.iso("2026-12-02T15:00:00+01:00")).isEqualTo("2026-12-02T14:00:00Z");
        assertThat(views.iso("soon")).isNull();
        assertThat(views.iso(null)).isNull();
    }

    @Test
    void a_window_given_in_the_customers_zone_is_converted_to_utc() {
        Map<String, Object> window = window("2026-12-12T22:00:00", "Europe/Berlin", 240);

        assertThat(views.windowStart(window)).isEqualTo("2026-12-12T21:00:00Z");
        assertThat(views.windowEnd(window)).isEqualTo("2026-12-13T01:00:00Z");
        assertThat(views.localStart(window)).isEqualTo("2026-12-12 22:00");
        assertThat(views.windowStart(window("2026-07-01T08:30", "America/New_York", null))).isEqualTo("2026-07-01T12:30:00Z");
        assertThat(views.windowStart(window("2026-07-01T08:30:00", "+05:30", 60))).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(views.windowStart(window("2026-07-01T08:30:00", "UTC", 60))).isEqualTo("2026-07-01T08:30:00Z");
    }

    @Test
    void a_window_that_cannot_be_read_has_no_utc_time() {
        assertThat(views.windowStart(window("next Saturday", "Europe/Berlin", 60))).isNull();
        assertThat(views.windowStart(window("2026-12-12T22:00:00", "Mars/Olympus", 60))).isNull();
        assertThat(views.windowStart(window("2026-12-12T22:00:00", null, 60))).isNull();
        assertThat(views.windowStart(window(null, "Europe/Berlin", 60))).isNull();
        assertThat(views.windowEnd(window("2026-12-12T22:00:00", "Europe/Berlin", null))).isNull();
        assertThat(views.windowStart("not a window")).isNull();
    }

    @Test
    void answers_durations_and_field_names_read_as_words() {
        assertThat(views.yesNo(true)).isEqualTo("yes");
        assertThat(views.yesNo(false)).isEqualTo("no");
        assertThat(views.yesNo(null)).isEqualTo("not said");
        assertThat(views.minutes(45)).isEqualTo("45 min");
        assertThat(views.minutes(240)).isEqualTo("4 h");
        assertThat(views.minutes(270)).isEqualTo("4 h 30 min");
        assertThat(views.camel("largePipelineVariables")).isEqualTo("Large pipeline variables");
        assertThat(views.camel("usersOver30k")).isEqualTo("Users over 30k");
        assertThat(views.camel("largeCiPipelineMessages")).isEqualTo("Large CI pipeline messages");
    }

    private static Map<String, Object> window(String start, String zone, Integer minutes) {
        Map<String, Object> window = new HashMap<>();
        window.put("start", start);
        window.put("timeZone", zone);
        window.put("durationMinutes", minutes);
        return window;
    }
}
