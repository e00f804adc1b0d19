package dev.upgradeassist.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.http.Http;
import dev.upgradeassist.systemtests.load.Scenario;
import dev.upgradeassist.systemtests.load.Submissions;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class LoadMixTest {

    @Test
    void every_hundred_consecutive_requests_follow_the_weights() {
        for (long first : new long[] {1, 57, 1_000}) {
            Map<Scenario, Integer> mix = new EnumMap<>(Scenario.class);
            for (long n = first; n < first + 100; n++) {
                mix.merge(Scenario.forRequest(n), 1, Integer::sum);
            }
            for (Scenario s : Scenario.values()) {
                assertThat(mix.get(s)).as("%s from %d", s, first).isEqualTo(s.weight());
            }
        }
    }

    @Test
    void the_window_is_a_weekday_business_morning_at_least_the_lead_ahead() {
        Submissions submissions = new Submissions(List.of("17.1.8"), LocalDate.of(2026, 11, 27), 10, "load.example");

        LocalDateTime start = LocalDateTime.parse(submissions.windowStart());
        assertThat(start.toLocalDate()).isAfterOrEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(start.getDayOfWeek()).isIn(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
        assertThat(start.getHour()).isEqualTo(10);
    }

    @Test
    void the_complete_body_ends_at_the_target_and_each_scenario_changes_one_thing() {
        Submissions submissions = new Submissions(List.of("17.1.8"), LocalDate.of(2026, 11, 27), 14, "load.example");
        String box = submissions.mailbox("t", 7);

        JsonNode approved = Http.JSON.readTree(submissions.body(Scenario.APPROVED, box, 7));
        JsonNode call = Http.JSON.readTree(submissions.body(Scenario.CALL_WANTED, box, 7));
        JsonNode missing = Http.JSON.readTree(submissions.body(Scenario.MISSING_INFO, box, 7));
        JsonNode initech = Http.JSON.readTree(submissions.body(Scenario.NOT_ENTITLED, box, 7));
        JsonNode geo = Http.JSON.readTree(submissions.body(Scenario.OUT_OF_SCOPE, box, 7));

        assertThat(approved.path("upgradePlan").path("hops").toString()).isEqualTo("[\"17.1.8\",\"17.3.7\"]");
        assertThat(approved.path("requester").path("email").asString()).isEqualTo("r-t-7@load.example");
        assertThat(approved.path("wantsReviewCall").asBoolean()).isFalse();
        assertThat(call.path("wantsReviewCall").asBoolean()).isTrue();
        assertThat(missing.has("rollbackPlan")).isFalse();
        assertThat(initech.path("organizationId").asString()).isEqualTo("initech");
        assertThat(geo.path("outOfScopeChanges").toString()).isEqualTo("[\"ADD_GEO\"]");
    }
}
