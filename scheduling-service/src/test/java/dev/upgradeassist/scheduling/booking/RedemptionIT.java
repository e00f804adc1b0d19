package dev.upgradeassist.scheduling.booking;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.scheduling.SchedulingITSupport;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RedemptionIT extends SchedulingITSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int RACERS = 50;

    @RepeatedTest(20)
    void of_fifty_concurrent_redemptions_of_one_link_exactly_one_wins() throws Exception {
        String requestId = newRequestId();
        String token = tokenOf(issueLink(requestId));
        List<String> slots = offeredSlots(token);

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String slot = slots.get(i % Math.min(slots.size(), 5));
                results.add(pool.submit(() -> {
                    start.await();
                    return book(token, slot).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            Map<Integer, Long> counts = statuses.stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(counts.get(201)).as("winners in %s", counts).isEqualTo(1L);
            assertThat(counts.keySet()).as("statuses").isSubsetOf(Set.of(201, 409, 410));
        } finally {
            pool.shutdownNow();
        }
        awaitOne(requestId, "TicketOnHold");
        assertThat(scheduling(requestId, "ReviewCallBooked")).hasSize(1);
    }

    @Test
    void booking_answers_201_with_the_call_and_publishes_review_call_booked_then_ticket_on_hold() {
        String requestId = newRequestId();
        BookingLinkIssued link = issueLink(requestId);
        String slot = offeredSlots(tokenOf(link)).get(0);

        HttpResponse<String> response = book(tokenOf(link), slot);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode call = JSON.readTree(response.body());
        assertThat(call.get("requestId").asString()).isEqualTo(requestId);
        assertThat(call.get("ticketId").asString()).isEqualTo(contact(requestId).ticketId());
        assertThat(call.get("engineer").asString()).isEqualTo("alice");
        assertThat(call.get("start").asString()).isEqualTo(slot);
        assertThat(Instant.parse(call.get("end").asString())).isEqualTo(Instant.parse(slot).plus(Duration.ofMinutes(30)));

        TicketOnHold hold = awaitOne(requestId, "TicketOnHold").as(TicketOnHold.class);
        List<TestKafka.Received> events = scheduling(requestId);
        List<String> types = events.stream().map(TestKafka.Received::typeId).toList();
        assertThat(types).containsExactly("BookingLinkIssued.v1", "ReviewCallBooked.v1", "TicketOnHold.v1");
        ReviewCallBooked booked = events.get(1).as(ReviewCallBooked.class);
        assertThat(booked.engineer()).isEqualTo("alice");
        assertThat(booked.engineerEmail()).isEqualTo("alice@gitlab.example");
        assertThat(booked.start()).isEqualTo(Instant.parse(slot));
        assertThat(booked.linkId()).isEqualTo(link.linkId());
        assertThat(booked.contact()).isEqualTo(link.contact());
        assertThat(hold.assignee()).isEqualTo("alice");
    }

    @Test
    void a_used_link_is_gone() {
        String requestId = newRequestId();
        String token = tokenOf(issueLink(requestId));
        List<String> slots = offeredSlots(token);
        assertThat(book(token, slots.get(0)).statusCode()).isEqualTo(201);

        assertThat(book(token, slots.get(1)).statusCode()).isEqualTo(410);
        assertThat(book(token, slots.get(0)).statusCode()).isEqualTo(410);
    }

    @Test
    void an_unknown_token_is_404_with_a_body_of_the_same_shape_as_the_410_body() {
        String token = tokenOf(issueLink(newRequestId()));
        String slot = offeredSlots(token).get(0);
        assertThat(book(token, slot).statusCode()).isEqualTo(201);

        HttpResponse<String> gone = book(token, slot);
        HttpResponse<String> unknown = book("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", slot);
        HttpResponse<String> malformed = book("not-a-token", slot);

        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(malformed.statusCode()).isEqualTo(404);
        for (HttpResponse<String> response : List.of(unknown, malformed)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(fieldNames(response.body())).isEqualTo(fieldNames(gone.body()));
            assertThat(JSON.readTree(response.body()).get("detail"))
                    .isEqualTo(JSON.readTree(gone.body()).get("detail"));
        }
    }

    @Test
    void a_slot_the_link_does_not_offer_is_422() {
        String token = tokenOf(issueLink(newRequestId()));
        List<String> slots = offeredSlots(token);
        String last = slots.get(slots.size() - 1);

        assertThat(book(token, "2020-01-01T15:00:00Z").statusCode()).isEqualTo(422);
        assertThat(book(token, Instant.parse(slots.get(0)).plusSeconds(60).toString()).statusCode()).isEqualTo(422);
        assertThat(book(token, Instant.parse(last).plus(Duration.ofDays(30)).toString()).statusCode()).isEqualTo(422);
        assertThat(book(token, slots.get(0)).statusCode()).as("the link still works").isEqualTo(201);
    }

    @Test
    void a_body_without_a_slot_is_400() {
        String token = tokenOf(issueLink(newRequestId()));

        assertThat(postJson("/api/v1/bookings/" + token, "{}", null).statusCode()).isEqualTo(400);
        assertThat(postJson("/api/v1/bookings/" + token, "{\"slotStart\":\"tomorrow\"}", null).statusCode())
                .isEqualTo(400);
        assertThat(postJson("/api/v1/bookings/" + token, "not json", null).statusCode()).isEqualTo(400);
    }

    @Test
    void a_slot_booked_with_the_engineer_is_no_longer_offered_to_anyone() {
        String first = tokenOf(issueLink(newRequestId()));
        String second = tokenOf(issueLink(newRequestId()));
        String slot = offeredSlots(first).get(0);
        assertThat(offeredSlots(second)).contains(slot);

        assertThat(book(first, slot).statusCode()).isEqualTo(201);

        assertThat(offeredSlots(second)).doesNotContain(slot);
        assertThat(book(second, slot).statusCode()).isEqualTo(422);
    }

    @Test
    void the_booking_page_shows_ticket_engineer_length_and_slots_as_instants_without_a_referrer() {
        String requestId = newRequestId();
        BookingLinkIssued link = issueLink(requestId);

        HttpResponse<String> page = get("/book/" + tokenOf(link));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains(contact(requestId).ticketId()).contains("alice").contains("30 minutes");
        List<String> slots = offeredSlots(tokenOf(link));
        assertThat(slots).isNotEmpty().allSatisfy(slot -> {
            assertThat(slot).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
            assertThat(page.body()).contains(">" + slot + "<");
            assertThat(Instant.parse(slot).plus(Duration.ofMinutes(30))).isBeforeOrEqualTo(link.expiresAt());
        });
    }

    @Test
    void the_page_of_a_used_link_says_so_and_an_unknown_link_is_404() {
        String token = tokenOf(issueLink(newRequestId()));
        assertThat(book(token, offeredSlots(token).get(0)).statusCode()).isEqualTo(201);

        HttpResponse<String> used = get("/book/" + token);
        HttpResponse<String> unknown = get("/book/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        assertThat(used.statusCode()).isEqualTo(410);
        assertThat(used.body()).contains("already used");
        assertThat(used.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("cannot be used");
    }

    @Test
    void the_page_form_books_without_javascript_and_re_renders_a_bad_pick_with_422() {
        String requestId = newRequestId();
        String token = tokenOf(issueLink(requestId));
        String slot = offeredSlots(token).get(0);

        HttpResponse<String> bad = postForm("/book/" + token, "slotStart=next+tuesday");
        HttpResponse<String> notOffered = postForm("/book/" + token, "slotStart=2020-01-01T15%3A00%3A00Z");
        HttpResponse<String> booked = postForm("/book/" + token, "slotStart=" + slot.replace(":", "%3A"));
        HttpResponse<String> again = postForm("/book/" + token, "slotStart=" + slot.replace(":", "%3A"));

        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("Please pick one of the open slots").contains(">" + slot + "<");
        assertThat(notOffered.statusCode()).isEqualTo(422);
        assertThat(booked.statusCode()).isEqualTo(200);
        assertThat(booked.body()).contains("Your review call is booked").contains(slot);
        assertThat(booked.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("already used");
        // the booking's events leave through the outbox after the response (the relay lingers): wait for them
        awaitOne(requestId, "TicketOnHold");
        awaitOutboxDrained(requestId);
        assertThat(scheduling(requestId, "ReviewCallBooked")).hasSize(1);
    }

    @Test
    void the_api_is_published_as_openapi() {
        String docs = send(java.net.http.HttpRequest.newBuilder(uri("/v3/api-docs")).build()).body();

        assertThat(docs).contains("/api/v1/bookings/{token}").contains("/api/v1/upgrade-requests/{id}/handoff")
                .contains("/book/{token}");
    }

    private HttpResponse<String> postForm(String path, String form) {
        return send(java.net.http.HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static Set<String> fieldNames(String json) {
        Set<String> names = new TreeSet<>();
        JSON.readTree(json).propertyNames().forEach(names::add);
        return names;
    }
}
