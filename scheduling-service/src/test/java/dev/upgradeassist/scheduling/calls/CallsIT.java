package dev.upgradeassist.scheduling.calls;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.scheduling.SchedulingITSupport;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer manages a booked call through the manage link (page and API), engineers re-issue links, decisions and
 * amendments act on booked calls, all on the real broker and MongoDB-protocol server.
 */
class CallsIT extends SchedulingITSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GROUP = "scheduling-service";
    private static final int RACERS = 50;

    @Autowired
    MeterRegistry meters;

    /** A booked call: the request, its booking event and the manage token. */
    record Booked(String requestId, ReviewCallBooked event, String manageToken) {
    }

    private Booked bookFirstSlot(String requestId) {
        String token = tokenOf(issueLink(requestId));
        String slot = offeredSlots(token).get(0);
        assertThat(book(token, slot).statusCode()).isEqualTo(201);
        ReviewCallBooked booked = awaitOne(requestId, "ReviewCallBooked").as(ReviewCallBooked.class);
        return new Booked(requestId, booked, manageTokenOf(booked));
    }

    private HttpResponse<String> reschedule(String manageToken, String slot) {
        return postJson("/api/v1/calls/" + manageToken + "/reschedule", "{\"slotStart\":\"" + slot + "\"}", null);
    }

    private HttpResponse<String> cancel(String manageToken) {
        return postJson("/api/v1/calls/" + manageToken + "/cancel", "", null);
    }

    private HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private double links(String event) {
        return meters.get("upgrade_assist.booking.links").tag("event", event).counter().count();
    }

    // ---- book → reschedule → cancel

    @Test
    void book_reschedule_cancel_raise_sequence_0_1_2_for_one_call_and_free_each_slot() {
        double rescheduledBefore = links("rescheduled");
        double cancelledBefore = links("cancelled");
        Booked call = bookFirstSlot(newRequestId());
        ReviewCallBooked booked = call.event();
        assertThat(booked.callId()).isNotBlank();
        assertThat(booked.sequence()).isZero();
        assertThat(booked.manageUrl()).startsWith("http://localhost:8083/calls/");
        assertThat(call.manageToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(booked.meetingUrl()).isEqualTo("https://meet.gitlab.example/alice");
        assertThat(rawDocument(call.requestId()).toJson()).as("only the hash is stored")
                .doesNotContain(call.manageToken());

        List<String> moves = offeredMoves(call.manageToken());
        assertThat(moves).isNotEmpty().doesNotContain(booked.start().toString());
        String target = moves.get(1);
        HttpResponse<String> moved = reschedule(call.manageToken(), target);

        assertThat(moved.statusCode()).isEqualTo(200);
        JsonNode view = JSON.readTree(moved.body());
        assertThat(view.get("callId").asString()).isEqualTo(booked.callId());
        assertThat(view.get("sequence").asInt()).isEqualTo(1);
        assertThat(view.get("start").asString()).isEqualTo(target);
        assertThat(view.get("status").asString()).isEqualTo("BOOKED");
        ReviewCallRescheduled rescheduled = awaitOne(call.requestId(), "ReviewCallRescheduled")
                .as(ReviewCallRescheduled.class);
        assertThat(rescheduled.callId()).isEqualTo(booked.callId());
        assertThat(rescheduled.sequence()).isEqualTo(1);
        assertThat(rescheduled.previousStart()).isEqualTo(booked.start());
        assertThat(rescheduled.start()).isEqualTo(Instant.parse(target));
        assertThat(rescheduled.end()).isEqualTo(Instant.parse(target).plus(Duration.ofMinutes(30)));
        assertThat(rescheduled.actor()).isEqualTo("customer");
        assertThat(rescheduled.manageUrl()).isEqualTo(booked.manageUrl());
        assertThat(rescheduled.engineerEmail()).isEqualTo("alice@gitlab.example");
        assertThat(rescheduled.meetingUrl()).isEqualTo("https://meet.gitlab.example/alice");
        String other = tokenOf(issueLink(newRequestId()));
        assertThat(offeredSlots(other)).as("the old slot is free, the new one taken")
                .contains(booked.start().toString()).doesNotContain(target);

        HttpResponse<String> cancelled = cancel(call.manageToken());

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(cancelled.body()).get("status").asString()).isEqualTo("CANCELLED");
        ReviewCallCancelled cancel = awaitOne(call.requestId(), "ReviewCallCancelled").as(ReviewCallCancelled.class);
        assertThat(cancel.callId()).isEqualTo(booked.callId());
        assertThat(cancel.sequence()).isEqualTo(2);
        assertThat(cancel.reason()).isEqualTo(ReviewCallCancelled.Reason.CUSTOMER_CANCELLED);
        assertThat(cancel.actor()).isEqualTo("customer");
        assertThat(cancel.start()).isEqualTo(Instant.parse(target));
        await().atMost(WAIT).until(() -> scheduling(call.requestId(), "TicketOnHold").size() == 2);
        assertThat(scheduling(call.requestId())).extracting(TestKafka.Received::typeId).containsExactly(
                "BookingLinkIssued.v1", "ReviewCallBooked.v1", "TicketOnHold.v1", "ReviewCallRescheduled.v1",
                "ReviewCallCancelled.v1", "TicketOnHold.v1");
        assertThat(rawDocument(call.requestId()).getString("stage")).isEqualTo("ON_HOLD");
        assertThat(offeredSlots(other)).as("the cancelled call's slot is free").contains(target);

        assertThat(cancel(call.manageToken()).statusCode()).isEqualTo(410);
        assertThat(reschedule(call.manageToken(), moves.get(2)).statusCode()).isEqualTo(410);
        HttpResponse<String> page = get("/calls/" + call.manageToken());
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("was cancelled");
        assertThat(links("rescheduled")).isEqualTo(rescheduledBefore + 1);
        assertThat(links("cancelled")).isEqualTo(cancelledBefore + 1);
        awaitOutboxDrained(call.requestId());
        assertThat(scheduling(call.requestId())).hasSize(6);
    }

    @Test
    void reschedule_answers_422_409_404_400_and_410_past_the_booking_deadline() {
        Booked call = bookFirstSlot(newRequestId());
        Booked neighbour = bookFirstSlot(newRequestId());
        List<String> moves = offeredMoves(call.manageToken());

        assertThat(reschedule(call.manageToken(), "2020-01-01T15:00:00Z").statusCode()).isEqualTo(422);
        assertThat(reschedule(call.manageToken(), Instant.parse(moves.get(0)).plusSeconds(60).toString()).statusCode())
                .isEqualTo(422);
        assertThat(reschedule(call.manageToken(), call.event().start().toString()).statusCode())
                .as("its own slot").isEqualTo(422);
        HttpResponse<String> taken = reschedule(call.manageToken(), neighbour.event().start().toString());
        assertThat(taken.statusCode()).as("a slot another call holds").isEqualTo(409);
        assertThat(taken.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reschedule("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", moves.get(0)).statusCode()).isEqualTo(404);
        assertThat(reschedule("not-a-token", moves.get(0)).statusCode()).isEqualTo(404);
        assertThat(cancel("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        assertThat(postJson("/api/v1/calls/" + call.manageToken() + "/reschedule", "{}", null).statusCode())
                .isEqualTo(400);
        assertThat(postJson("/api/v1/calls/" + call.manageToken() + "/reschedule", "{\"slotStart\":\"soon\"}", null)
                .statusCode()).isEqualTo(400);
        assertThat(get("/calls/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);

        clock.advance(Duration.ofDays(8).plusHours(1));   // past upgrade start − 2 days
        assertThat(reschedule(call.manageToken(), moves.get(moves.size() - 1)).statusCode()).isEqualTo(410);
        HttpResponse<String> page = get("/calls/" + call.manageToken());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("can no longer be moved");
        assertThat(slotValues(page)).isEmpty();
        assertThat(scheduling(call.requestId(), "ReviewCallRescheduled")).isEmpty();
    }

    @Test
    void the_call_page_shows_the_call_in_the_customers_zone_and_utc_and_its_forms_work_without_javascript() {
        Booked call = bookFirstSlot(newRequestId());
        String path = "/calls/" + call.manageToken();

        HttpResponse<String> page = get(path);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        String localStart = DateTimeFormatter.ofPattern("HH:mm")
                .format(call.event().start().atZone(java.time.ZoneId.of("America/New_York")));
        assertThat(page.body()).contains(">" + call.event().start() + "<").contains("America/New_York")
                .contains(localStart).contains("https://meet.gitlab.example/alice").contains("Cancel the call");
        List<String> moves = slotValues(page);
        assertThat(moves).isNotEmpty();

        HttpResponse<String> bad = postForm(path + "/reschedule", "slotStart=whenever");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("Please pick one of the open slots");
        HttpResponse<String> notOffered = postForm(path + "/reschedule", "slotStart=2020-01-01T15%3A00%3A00Z");
        assertThat(notOffered.statusCode()).isEqualTo(422);
        assertThat(notOffered.body()).contains("not offered");

        HttpResponse<String> moved = postForm(path + "/reschedule", "slotStart=" + moves.get(0).replace(":", "%3A"));
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.body()).contains("Your call was moved").contains(">" + moves.get(0) + "<");
        assertThat(awaitOne(call.requestId(), "ReviewCallRescheduled").as(ReviewCallRescheduled.class).sequence())
                .isEqualTo(1);

        HttpResponse<String> cancelled = postForm(path + "/cancel", "");
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("Your review call was cancelled");
        HttpResponse<String> again = postForm(path + "/cancel", "");
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("was cancelled");
        assertThat(postForm(path + "/reschedule", "slotStart=" + moves.get(1).replace(":", "%3A")).statusCode())
                .isEqualTo(410);
        assertThat(awaitOne(call.requestId(), "ReviewCallCancelled").as(ReviewCallCancelled.class).sequence())
                .isEqualTo(2);
    }

    // ---- the race

    @Test
    void of_fifty_calls_rescheduled_into_one_slot_at_once_exactly_one_wins_and_its_old_slot_is_offered_again()
            throws Exception {
        // far ahead, on alice's last slots, so that the other tests' calls are not in the way
        Instant upgrade = clock.instant().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.HOURS);
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            String requestId = newRequestId();
            requestIds.add(requestId);
            TestKafka.publish(approval(requestId, 1, true, upgrade));
        }
        // one read of the topic per poll for all fifty requests
        Map<String, BookingLinkIssued> issued = awaitAll(requestIds, "BookingLinkIssued", BookingLinkIssued.class);
        for (String requestId : requestIds) {
            String token = tokenOf(issued.get(requestId));
            List<String> slots = offeredSlots(token);
            assertThat(book(token, slots.get(slots.size() - 1)).statusCode()).isEqualTo(201);
        }
        Map<String, ReviewCallBooked> booked = awaitAll(requestIds, "ReviewCallBooked", ReviewCallBooked.class);
        List<String> manageTokens = requestIds.stream().map(id -> manageTokenOf(booked.get(id))).toList();
        List<String> moves = offeredMoves(manageTokens.get(0));
        String target = moves.get(moves.size() - 1);

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String manageToken : manageTokens) {
                results.add(pool.submit(() -> {
                    start.await();
                    return reschedule(manageToken, target).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Integer, Long> counts = statuses.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).as("statuses").isEqualTo(Map.of(200, 1L, 409, (long) RACERS - 1));
        int winner = statuses.indexOf(200);
        ReviewCallRescheduled moved = awaitOne(requestIds.get(winner), "ReviewCallRescheduled")
                .as(ReviewCallRescheduled.class);
        assertThat(moved.start()).isEqualTo(Instant.parse(target));
        String loser = manageTokens.get(winner == 0 ? 1 : 0);
        assertThat(offeredMoves(loser)).as("the winner's old slot is offered again, the target is taken")
                .contains(moved.previousStart().toString()).doesNotContain(target);
        for (String requestId : requestIds) {
            awaitOutboxDrained(requestId);
        }
        assertThat(TestKafka.events(Topics.SCHEDULING, r -> requestIds.contains(r.key())
                && "ReviewCallRescheduled.v1".equals(r.typeId()))).as("one move in all").hasSize(1);
    }

    /** The first event of a type for each request, waiting until every request has one. */
    private static <T> Map<String, T> awaitAll(List<String> requestIds, String type, Class<T> as) {
        Set<String> wanted = Set.copyOf(requestIds);
        var found = new java.util.concurrent.atomic.AtomicReference<Map<String, T>>();
        await().atMost(WAIT.multipliedBy(2)).until(() -> {
            Map<String, T> byRequest = new java.util.HashMap<>();
            for (TestKafka.Received r : TestKafka.events(Topics.SCHEDULING,
                    r -> wanted.contains(r.key()) && (type + ".v1").equals(r.typeId()))) {
                byRequest.putIfAbsent(r.key(), r.as(as));
            }
            found.set(byRequest);
            return byRequest.size() == wanted.size();
        });
        return found.get();
    }

    // ---- decisions and amendments

    @Test
    void a_decline_after_the_booking_cancels_the_call_once_by_the_engineer_who_declined() {
        Booked call = bookFirstSlot(newRequestId());
        awaitOne(call.requestId(), "TicketOnHold");
        var decline = decline(call.requestId(), 1);

        TestKafka.publish(decline);
        TestKafka.publish(decline);

        ReviewCallCancelled cancelled = awaitOne(call.requestId(), "ReviewCallCancelled").as(ReviewCallCancelled.class);
        assertThat(cancelled.reason()).isEqualTo(ReviewCallCancelled.Reason.REQUEST_DECLINED);
        assertThat(cancelled.actor()).isEqualTo("alice");
        assertThat(cancelled.sequence()).isEqualTo(1);
        assertThat(cancelled.callId()).isEqualTo(call.event().callId());
        TestKafka.awaitConsumed(GROUP, Topics.REVIEW, call.requestId(), WAIT);
        awaitOutboxDrained(call.requestId());
        assertThat(scheduling(call.requestId(), "ReviewCallCancelled")).hasSize(1);
        assertThat(rawDocument(call.requestId()).getString("stage")).isEqualTo("DECLINED");
        assertThat(cancel(call.manageToken()).statusCode()).isEqualTo(410);
        assertThat(offeredSlots(tokenOf(issueLink(newRequestId())))).contains(call.event().start().toString());
    }

    @Test
    void an_amendment_moving_the_window_closer_stops_the_link_offering_slots_and_bounds_the_moves_of_a_booked_call() {
        // the moves left before the amended deadline (three days ahead) depend on the weekday: from a Thursday morning
        // none is left, so the test starts on a Monday morning whatever day it runs
        java.time.ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        java.time.ZonedDateTime monday = now.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
                .withHour(8).truncatedTo(ChronoUnit.HOURS);
        clock.advance(Duration.between(now, monday));
        // an open link: the amended window starts tomorrow, so no slot is left before its deadline
        String requestId = newRequestId();
        String token = tokenOf(issueLink(requestId));
        String slot = offeredSlots(token).get(0);
        TestKafka.publish(amendment(requestId, 2, clock.instant().plus(Duration.ofDays(1))));
        await().atMost(WAIT).until(() -> offeredSlots(token).isEmpty());
        assertThat(book(token, slot).statusCode()).isEqualTo(422);

        // a booked call stays, but moves only before the amended deadline (window start − 2 days)
        Booked call = bookFirstSlot(newRequestId());
        List<String> before = offeredMoves(call.manageToken());
        Instant amendedStart = clock.instant().plus(Duration.ofDays(5));
        Instant deadline = amendedStart.minus(Duration.ofDays(2));
        TestKafka.publish(amendment(call.requestId(), 2, amendedStart));
        await().atMost(WAIT).until(() -> offeredMoves(call.manageToken()).size() < before.size());
        List<String> after = offeredMoves(call.manageToken());
        assertThat(after).as("moves before the amended deadline").isNotEmpty();
        assertThat(after).allSatisfy(s -> assertThat(Instant.parse(s).plus(Duration.ofMinutes(30)))
                .isBeforeOrEqualTo(deadline));
        String tooLate = before.get(before.size() - 1);
        assertThat(reschedule(call.manageToken(), tooLate).statusCode()).isEqualTo(422);
        assertThat(rawDocument(call.requestId()).get("call")).as("the call stays").isNotNull();

        TestKafka.publish(amendment(call.requestId(), 3, clock.instant().plus(Duration.ofDays(1))));
        await().atMost(WAIT).until(() -> reschedule(call.manageToken(), after.get(0)).statusCode() == 410);
        assertThat(scheduling(call.requestId(), "ReviewCallRescheduled")).isEmpty();
    }

    private RequestAmended amendment(String requestId, int revision, Instant windowStart) {
        String local = windowStart.atOffset(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
        UpgradeSubmission submission = new UpgradeSubmission(Form.STANDARD, "acme", null, "gitlab-admins@acme.example",
                Region.AMER, "16.3.9", "17.3.7", null, null, null, null, null,
                new MaintenanceWindow(local, "UTC", 240), true, List.of(), true, null);
        return TestEvents.requestAmended().occurredAt(clock.instant()).requestId(requestId)
                .ticketId(contact(requestId).ticketId()).revision(revision).priority("HIGH").submission(submission)
                .organization(null).contact(contact(requestId)).build();
    }

    // ---- engineers re-issue links

    @Test
    void an_engineer_reissues_a_link_after_a_cancel_and_is_refused_while_a_call_is_booked() {
        double reissuedBefore = links("reissued");
        Booked call = bookFirstSlot(newRequestId());
        String path = "/api/v1/upgrade-requests/" + call.requestId() + "/booking-link";

        assertThat(postJson(path, "", TestTokens.ENGINEER).statusCode()).as("a call is booked").isEqualTo(409);
        assertThat(postJson(path, "", null).statusCode()).isEqualTo(401);
        assertThat(postJson(path, "", TestTokens.PORTAL).statusCode()).isEqualTo(403);
        assertThat(postJson("/api/v1/upgrade-requests/" + newRequestId() + "/booking-link", "", TestTokens.ENGINEER)
                .statusCode()).isEqualTo(404);
        assertThat(cancel(call.manageToken()).statusCode()).isEqualTo(200);

        HttpResponse<String> created = postJson(path, "", TestTokens.ENGINEER);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode view = JSON.readTree(created.body());
        String url = view.get("url").asString();
        assertThat(url).startsWith("http://localhost:8083/book/");
        assertThat(Instant.parse(view.get("expiresAt").asString())).isEqualTo(
                scheduling(call.requestId(), "BookingLinkIssued").get(0).as(BookingLinkIssued.class).expiresAt());
        await().atMost(WAIT).until(() -> scheduling(call.requestId(), "BookingLinkIssued").size() == 2);
        BookingLinkIssued reissued = scheduling(call.requestId(), "BookingLinkIssued").get(1).as(BookingLinkIssued.class);
        assertThat(reissued.reissuedBy()).isEqualTo("alice");
        assertThat(reissued.url()).isEqualTo(url);
        assertThat(reissued.linkId()).isEqualTo(view.get("linkId").asString());
        assertThat(rawDocument(call.requestId()).getString("stage")).isEqualTo("CALL_LINK_ISSUED");

        // issued again while that link is open: the open one is revoked
        HttpResponse<String> again = postJson(path, "", TestTokens.ENGINEER);
        assertThat(again.statusCode()).isEqualTo(201);
        BookingLinkExpired revoked = awaitOne(call.requestId(), "BookingLinkExpired").as(BookingLinkExpired.class);
        assertThat(revoked.reason()).isEqualTo(BookingLinkExpired.Reason.REVOKED);
        assertThat(revoked.linkId()).isEqualTo(reissued.linkId());
        String oldToken = url.substring(url.lastIndexOf('/') + 1);
        String newUrl = JSON.readTree(again.body()).get("url").asString();
        String newToken = newUrl.substring(newUrl.lastIndexOf('/') + 1);
        assertThat(get("/book/" + oldToken).statusCode()).isEqualTo(410);
        String slot = offeredSlots(newToken).get(0);
        assertThat(book(newToken, slot).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> scheduling(call.requestId(), "ReviewCallBooked").size() == 2);
        ReviewCallBooked rebooked = scheduling(call.requestId(), "ReviewCallBooked").get(1).as(ReviewCallBooked.class);
        assertThat(rebooked.callId()).as("a new call").isNotEqualTo(call.event().callId());
        assertThat(rebooked.sequence()).isZero();
        assertThat(links("reissued")).isEqualTo(reissuedBefore + 2);
    }

    @Test
    void no_link_is_reissued_for_an_upgrade_less_than_two_days_away_or_a_request_sent_back_for_changes() {
        String soon = newRequestId();
        TestKafka.publish(approval(soon, 1, false, clock.instant().plus(Duration.ofDays(1))));
        awaitOne(soon, "TicketOnHold");
        assertThat(postJson("/api/v1/upgrade-requests/" + soon + "/booking-link", "", TestTokens.ENGINEER).statusCode())
                .isEqualTo(409);

        String changed = newRequestId();
        TestKafka.publish(approval(changed, 1, false, upgradeInTenDays()));
        awaitOne(changed, "TicketOnHold");
        TestKafka.publish(changesRequested(changed, 1));
        await().atMost(WAIT).until(() -> "CHANGES_REQUESTED".equals(rawDocument(changed).getString("stage")));
        assertThat(postJson("/api/v1/upgrade-requests/" + changed + "/booking-link", "", TestTokens.ENGINEER)
                .statusCode()).isEqualTo(409);

        String onHold = newRequestId();
        TestKafka.publish(approval(onHold, 1, false, upgradeInTenDays()));
        TicketOnHold hold = awaitOne(onHold, "TicketOnHold").as(TicketOnHold.class);
        assertThat(hold.upgradeStart()).isNotNull();
        assertThat(postJson("/api/v1/upgrade-requests/" + onHold + "/booking-link", "", TestTokens.ENGINEER_BOB)
                .statusCode()).as("approved without a call: the customer asked for one").isEqualTo(201);
        assertThat(awaitOne(onHold, "BookingLinkIssued").as(BookingLinkIssued.class).reissuedBy()).isEqualTo("bob");
        assertThat(List.of(scheduling(soon).size(), scheduling(changed).size())).containsOnly(1);
    }
}
