package dev.upgradeassist.scheduling.handoff;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.EngineerHandedOff;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.scheduling.SchedulingITSupport;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HandoffIT extends SchedulingITSupport {

    private HttpResponse<String> handOff(String requestId, String body) {
        return postJson("/api/v1/upgrade-requests/" + requestId + "/handoff", body, TestTokens.ENGINEER);
    }

    @Test
    void a_hand_off_without_a_completed_sync_is_409() {
        String requestId = newRequestId();
        issueLink(requestId);

        assertThat(handOff(requestId, "{\"toEngineer\":\"bob\",\"syncCompleted\":false,\"notes\":\"n\"}").statusCode())
                .isEqualTo(409);
        assertThat(handOff(requestId, "{\"toEngineer\":\"bob\",\"notes\":\"n\"}").statusCode()).isEqualTo(409);
        assertThat(scheduling(requestId, "EngineerHandedOff")).isEmpty();
    }

    @Test
    void a_hand_off_of_an_unknown_request_is_404() {
        assertThat(handOff(newRequestId(), "{\"toEngineer\":\"bob\",\"syncCompleted\":true}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_hand_off_needs_an_engineer_token_and_an_engineer_on_the_roster() {
        String requestId = newRequestId();
        issueLink(requestId);
        String body = "{\"toEngineer\":\"bob\",\"syncCompleted\":true}";
        String path = "/api/v1/upgrade-requests/" + requestId + "/handoff";

        assertThat(postJson(path, body, null).statusCode()).isEqualTo(401);
        assertThat(postJson(path, body, TestTokens.PORTAL).statusCode()).isEqualTo(403);
        assertThat(handOff(requestId, "{\"toEngineer\":\"mallory\",\"syncCompleted\":true}").statusCode()).isEqualTo(422);
        assertThat(handOff(requestId, "{\"syncCompleted\":true}").statusCode()).isEqualTo(400);
    }

    @Test
    void an_unbooked_link_stays_valid_and_its_slots_follow_the_new_engineer() {
        String requestId = newRequestId();
        BookingLinkIssued link = issueLink(requestId);

        HttpResponse<String> response = handOff(requestId,
                "{\"toEngineer\":\"bob\",\"syncCompleted\":true,\"notes\":\"Bob covers the Saturday window.\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        EngineerHandedOff handedOff = awaitOne(requestId, "EngineerHandedOff").as(EngineerHandedOff.class);
        assertThat(handedOff.fromEngineer()).isEqualTo("alice");
        assertThat(handedOff.fromEngineerEmail()).isEqualTo("alice@gitlab.example");
        assertThat(handedOff.toEngineer()).isEqualTo("bob");
        assertThat(handedOff.toEngineerEmail()).isEqualTo("bob@gitlab.example");
        assertThat(handedOff.notes()).isEqualTo("Bob covers the Saturday window.");
        assertThat(handedOff.callStart()).isNull();
        assertThat(handedOff.actor()).as("the authenticated engineer (the test's engineer token acts as alice)")
                .isEqualTo("alice");

        String token = tokenOf(link);
        assertThat(get("/book/" + token).body()).contains("bob");
        List<String> slots = offeredSlots(token);
        assertThat(slots).isNotEmpty().allSatisfy(slot -> {
            var berlin = Instant.parse(slot).atZone(ZoneId.of("Europe/Berlin")).toLocalTime();
            assertThat(berlin.getHour()).isBetween(9, 16);
        });
        assertThat(book(token, slots.get(0)).statusCode()).isEqualTo(201);
        assertThat(awaitOne(requestId, "ReviewCallBooked").as(ReviewCallBooked.class).engineerEmail())
                .isEqualTo("bob@gitlab.example");
    }

    @Test
    void a_booked_call_moves_to_the_new_engineer() {
        String requestId = newRequestId();
        String token = tokenOf(issueLink(requestId));
        String slot = offeredSlots(token).get(0);
        assertThat(book(token, slot).statusCode()).isEqualTo(201);
        awaitOne(requestId, "TicketOnHold");

        HttpResponse<String> response = handOff(requestId, "{\"toEngineer\":\"chandra\",\"syncCompleted\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"toEngineer\":\"chandra\"");
        EngineerHandedOff handedOff = awaitOne(requestId, "EngineerHandedOff").as(EngineerHandedOff.class);
        assertThat(handedOff.callStart()).isEqualTo(Instant.parse(slot));
        assertThat(handedOff.toEngineerEmail()).isEqualTo("chandra@gitlab.example");
        Document call = rawDocument(requestId).get("call", Document.class);
        assertThat(call.getString("engineer")).isEqualTo("chandra");

        // the ticket's owner is now chandra: the outcome names her
        TestKafka.publish(outcome(requestId, dev.upgradeassist.contracts.model.OutcomeResult.SUCCEEDED));
        await().atMost(WAIT).until(() -> !scheduling(requestId, "RequestCompleted").isEmpty());
        assertThat(scheduling(requestId, "RequestCompleted").get(0)
                .as(dev.upgradeassist.contracts.RequestCompleted.class).assignee()).isEqualTo("chandra");
    }

    @Test
    void the_assignee_from_intake_takes_the_call() {
        String requestId = newRequestId();
        TestKafka.publish(assignment(requestId, "bob"));
        await().atMost(WAIT).until(() -> rawDocument(requestId) != null);

        TestKafka.publish(approval(requestId, 1, true, upgradeInTenDays()));

        BookingLinkIssued link = awaitOne(requestId, "BookingLinkIssued").as(BookingLinkIssued.class);
        assertThat(link.engineer()).isEqualTo("bob");
        assertThat(handOff(requestId, "{\"toEngineer\":\"bob\",\"syncCompleted\":true}").statusCode())
                .as("handing to the current owner changes nothing").isEqualTo(200);
        String token = tokenOf(link);
        assertThat(book(token, offeredSlots(token).get(0)).statusCode()).isEqualTo(201);
        assertThat(awaitOne(requestId, "TicketOnHold").as(TicketOnHold.class).assignee()).isEqualTo("bob");
        assertThat(scheduling(requestId, "EngineerHandedOff")).isEmpty();
    }
}
