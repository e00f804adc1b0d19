package dev.upgradeassist.scheduling.roster;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.scheduling.SchedulingITSupport;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Operators read and set an engineer's availability; the booking page offers slots by it at once. */
class AvailabilityIT extends SchedulingITSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/api/v1/engineers/dmitri/availability";

    @AfterEach
    void backToConfiguration() {
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is("dmitri")), AvailabilitySettings.class);
    }

    /**
     * The assignment (intake's topic) applied before the approval (review's topic) is published: Kafka orders the
     * records of one partition, not of two topics, so one poll may hand scheduling the approval first.
     */
    private void assignToDmitri(String requestId) {
        TestKafka.publish(assignment(requestId, "dmitri"));
        await().atMost(WAIT).until(() -> rawDocument(requestId) != null);
    }

    private HttpResponse<String> put(String path, String json, String bearer) {
        var builder = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    private HttpResponse<String> getJson(String path, String bearer) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearer).GET().build());
    }

    @Test
    void the_configured_availability_is_read_by_operators_only() {
        HttpResponse<String> response = getJson(PATH, TestTokens.OPERATOR);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode view = JSON.readTree(response.body());
        assertThat(view.get("timeZone").asString()).isEqualTo("Europe/London");
        assertThat(view.get("workStart").asString()).isEqualTo("08:00");
        assertThat(view.get("bufferMinutes").asInt()).isEqualTo(15);
        assertThat(view.get("dailyMaximum").asInt()).isEqualTo(4);
        assertThat(view.get("daysOff").toString()).contains("2026-12-24");
        assertThat(view.get("meetingUrl").asString()).isEqualTo("https://meet.gitlab.example/dmitri");
        assertThat(view.get("source").asString()).isEqualTo("configuration");
        assertThat(getJson(PATH, TestTokens.ENGINEER).statusCode()).isEqualTo(403);
        assertThat(getJson("/api/v1/engineers/nobody/availability", TestTokens.OPERATOR).statusCode()).isEqualTo(404);
    }

    @Test
    void invalid_settings_are_400_problem_details_naming_each_field() {
        HttpResponse<String> response = put(PATH, """
                {"timeZone":"Mars/Olympus","workStart":"17:00","workEnd":"09:00","daysOff":["24.12.2026"],
                 "bufferMinutes":-5,"dailyMaximum":0}""", TestTokens.OPERATOR);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("timeZone").contains("workEnd").contains("daysOff[0]")
                .contains("bufferMinutes").contains("dailyMaximum");
        assertThat(put(PATH, "{}", TestTokens.OPERATOR).statusCode()).isEqualTo(400);
        assertThat(put(PATH, "not json", TestTokens.OPERATOR).statusCode()).isEqualTo(400);
        assertThat(put("/api/v1/engineers/nobody/availability",
                "{\"timeZone\":\"UTC\",\"workStart\":\"09:00\",\"workEnd\":\"17:00\"}", TestTokens.OPERATOR)
                .statusCode()).isEqualTo(404);
        assertThat(put(PATH, "{\"timeZone\":\"UTC\",\"workStart\":\"09:00\",\"workEnd\":\"17:00\"}",
                TestTokens.ENGINEER).statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(getJson(PATH, TestTokens.OPERATOR).body()).get("source").asString())
                .isEqualTo("configuration");
    }

    @Test
    void an_operators_days_off_hours_and_daily_maximum_change_the_offered_slots_at_once() {
        String requestId = newRequestId();
        assignToDmitri(requestId);
        TestKafka.publish(approval(requestId, 1, true, upgradeInTenDays()));
        BookingLinkIssued link = awaitOne(requestId, "BookingLinkIssued").as(BookingLinkIssued.class);
        assertThat(link.engineer()).isEqualTo("dmitri");
        String token = tokenOf(link);
        List<String> before = offeredSlots(token);
        ZoneId london = ZoneId.of("Europe/London");
        LocalDate firstDay = Instant.parse(before.get(0)).atZone(london).toLocalDate();

        HttpResponse<String> response = put(PATH, """
                {"timeZone":"Europe/London","workStart":"10:00","workEnd":"12:00","daysOff":["%s"],
                 "bufferMinutes":0,"dailyMaximum":2}""".formatted(firstDay), TestTokens.OPERATOR);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode view = JSON.readTree(response.body());
        assertThat(view.get("source").asString()).isEqualTo("operator");
        assertThat(view.get("updatedBy").isNull()).isFalse();
        List<String> after = offeredSlots(token);
        assertThat(after).isNotEmpty().allSatisfy(slot -> {
            var local = Instant.parse(slot).atZone(london);
            assertThat(local.toLocalDate()).isNotEqualTo(firstDay);
            assertThat(local.toLocalTime().getHour()).isBetween(10, 11);
        });
        // two calls on a day fill it (daily maximum 2)
        LocalDate day = Instant.parse(after.get(0)).atZone(london).toLocalDate();
        assertThat(book(token, after.get(0)).statusCode()).isEqualTo(201);
        String other = newRequestId();
        assignToDmitri(other);
        TestKafka.publish(approval(other, 1, true, upgradeInTenDays()));
        String otherToken = tokenOf(awaitOne(other, "BookingLinkIssued").as(BookingLinkIssued.class));
        List<String> sameDay = offeredSlots(otherToken).stream()
                .filter(slot -> Instant.parse(slot).atZone(london).toLocalDate().equals(day)).toList();
        assertThat(sameDay).isNotEmpty();
        assertThat(book(otherToken, sameDay.get(0)).statusCode()).isEqualTo(201);
        String third = newRequestId();
        assignToDmitri(third);
        TestKafka.publish(approval(third, 1, true, upgradeInTenDays()));
        String thirdToken = tokenOf(awaitOne(third, "BookingLinkIssued").as(BookingLinkIssued.class));
        assertThat(offeredSlots(thirdToken)).as("the day is full").noneMatch(slot ->
                Instant.parse(slot).atZone(london).toLocalDate().equals(day));
    }
}
