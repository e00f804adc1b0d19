package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class RequestViewIT extends IntakeApiSupport {

    @Test
    void an_unknown_request_is_a_404_problem() {
        IntakeClient.Response response = view(UUID.randomUUID().toString());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void events_about_a_request_intake_never_received_do_not_make_it_exist() {
        String stray = UUID.randomUUID().toString();

        TestKafka.publish(Events.infoMissing(stray, 1, Instant.now()));
        org.awaitility.Awaitility.await().atMost(WAIT)
                .until(() -> mongo.findById(stray, org.bson.Document.class, "request_views") != null);

        assertThat(view(stray).status()).isEqualTo(404);
    }

    @Test
    void the_portal_can_read_a_request_right_after_submitting_it() {
        String id = submitted(Submissions.complete());

        IntakeClient.Response response = client().get(REQUESTS + "/" + id, TestTokens.PORTAL);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(response.json().get("organizationId").asString()).isEqualTo("acme");
    }

    @Test
    void a_replayed_request_received_changes_nothing() {
        String id = submitted(Submissions.complete());
        RequestReceived received = awaitIntakeEvents(id, "RequestReceived.v1", 1).get(0).as(RequestReceived.class);
        awaitProjected(id);
        JsonNode before = awaitTimeline(id, 1);
        Long versionBefore = viewVersion(id);

        TestKafka.publish(received);
        // a record behind the replay on the same partition shows the replay has been consumed
        TestKafka.publish(new UpgradeOutcomeReported(Events.id(), Instant.now(), id, received.ticketId(),
                OutcomeResult.SUCCEEDED, "sentinel"));
        JsonNode after = awaitTimeline(id, 2);

        assertThat(after.get("timeline").valueStream().filter(e -> e.get("type").asString().equals("RequestReceived")))
                .hasSize(1);
        assertThat(after.get("status")).isEqualTo(before.get("status"));
        assertThat(after.get("ccs")).isEqualTo(before.get("ccs"));
        assertThat(viewVersion(id)).isEqualTo(versionBefore + 1); // only the sentinel wrote
    }

    @Test
    void a_replayed_review_decision_changes_nothing() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        InfoMissing decision = Events.infoMissing(id, 1, Instant.now());

        TestKafka.publish(decision);
        JsonNode first = awaitStatus(id, "AWAITING_INFO");
        TestKafka.publish(decision);
        TestKafka.publish(Events.planApproved(id, 1, Instant.now()));
        JsonNode after = awaitStatus(id, "APPROVED");

        assertThat(after.get("timeline").valueStream().filter(e -> e.get("type").asString().equals("InfoMissing")))
                .hasSize(1);
        assertThat(first.get("deficiencies").size()).isEqualTo(1);
    }

    @Test
    void a_stale_info_missing_for_an_older_revision_does_not_move_the_status_back() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        assertThat(client().put(REQUESTS + "/" + id, TestTokens.PORTAL, Submissions.complete().toString()).status())
                .isEqualTo(202);
        awaitTimeline(id, 2);
        TestKafka.publish(Events.planApproved(id, 2, Instant.now()));
        awaitStatus(id, "APPROVED");

        TestKafka.publish(Events.infoMissing(id, 1, Instant.now()));
        JsonNode view = awaitTimeline(id, 4);

        assertThat(view.get("status").asString()).isEqualTo("APPROVED");
        assertThat(view.get("deficiencies").size()).isZero();
        assertThat(view.get("findings").get(0).get("code").asString()).isEqualTo("BACKGROUND_MIGRATIONS_LONG");
    }

    @Test
    void a_stale_info_missing_arriving_after_the_amendment_leaves_the_request_submitted() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        assertThat(client().put(REQUESTS + "/" + id, TestTokens.PORTAL, Submissions.complete().toString()).status())
                .isEqualTo(202);
        awaitTimeline(id, 2);

        TestKafka.publish(Events.infoMissing(id, 1, Instant.now()));
        JsonNode view = awaitTimeline(id, 3);

        assertThat(view.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(view.get("deficiencies").size()).isZero();
    }

    @Test
    void a_late_scheduling_event_never_moves_the_status_backwards_but_its_data_is_kept() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        Instant t = Instant.now();
        String linkId = UUID.randomUUID().toString();
        TestKafka.publish(Events.onHold(id, "bob", t.plusSeconds(3)));
        awaitStatus(id, "ON_HOLD");

        TestKafka.publish(Events.linkIssued(id, linkId, t.plusSeconds(1)));
        TestKafka.publish(Events.callBooked(id, linkId, t.plusSeconds(2)));
        TestKafka.publish(Events.planApproved(id, 1, t));
        JsonNode view = awaitTimeline(id, 5);

        assertThat(view.get("status").asString()).isEqualTo("ON_HOLD");
        assertThat(view.get("bookingLink").get("status").asString()).isEqualTo("BOOKED");
        assertThat(view.get("reviewCall").get("end").asString()).isNotBlank();
        assertThat(view.get("requiredStops").size()).isEqualTo(4);
        assertThat(view.get("assignee").asString()).isEqualTo("bob");
        assertThat(view.get("timeline").valueStream().map(e -> e.get("type").asString()).toList())
                .containsExactly("RequestReceived", "PlanApproved", "BookingLinkIssued", "ReviewCallBooked", "TicketOnHold");
    }

    @Test
    void an_expired_or_revoked_link_shows_in_the_booking_link() {
        String id = submitted(Submissions.complete());
        awaitTimeline(id, 1);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        TestKafka.publish(Events.planApproved(id, 1, Instant.now()));
        TestKafka.publish(Events.linkIssued(id, first, Instant.now()));
        TestKafka.publish(Events.linkExpired(id, first, BookingLinkExpired.Reason.EXPIRED, Instant.now()));
        JsonNode view = awaitView(id, v -> v.get("bookingLink") != null && !v.get("bookingLink").isNull()
                && "EXPIRED".equals(v.get("bookingLink").get("status").asString()));
        assertThat(view.get("status").asString()).isEqualTo("CALL_LINK_ISSUED");

        TestKafka.publish(Events.linkIssued(id, second, Instant.now()));
        awaitView(id, v -> "ISSUED".equals(v.get("bookingLink").get("status").asString()));
        TestKafka.publish(Events.linkExpired(id, second, BookingLinkExpired.Reason.REVOKED, Instant.now()));
        awaitView(id, v -> "REVOKED".equals(v.get("bookingLink").get("status").asString()));
    }

    @Test
    void a_hand_off_changes_the_assignee() {
        String id = submitted(Submissions.complete());
        assertThat(client().post(REQUESTS + "/" + id + "/assignment", TestTokens.ENGINEER, "{\"engineer\":\"alice\"}")
                .status()).isEqualTo(200);
        awaitView(id, v -> "alice".equals(v.get("assignee").asString()));

        TestKafka.publish(Events.handedOff(id, "alice", "bob", Instant.now().plusSeconds(1)));

        awaitView(id, v -> "bob".equals(v.get("assignee").asString()));
    }

    @Test
    void the_queue_lists_newest_first_filters_and_pages() {
        String region = "APAC";
        String engineer = "queue-" + UUID.randomUUID();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = submitted(Submissions.complete().put("region", region));
            assertThat(client().post(REQUESTS + "/" + id + "/assignment", TestTokens.ENGINEER,
                    "{\"engineer\":\"" + engineer + "\"}").status()).isEqualTo(200);
            ids.add(id);
        }
        ids.forEach(id -> awaitView(id, v -> engineer.equals(v.get("assignee").asString())));

        IntakeClient.Response all = client().get(REQUESTS + "?assignee=" + engineer + "&region=APAC&status=SUBMITTED",
                TestTokens.ENGINEER);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asInt()).isEqualTo(3);
        assertThat(all.json().get("items").valueStream().map(i -> i.get("id").asString()).toList())
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));

        IntakeClient.Response page = client().get(REQUESTS + "?assignee=" + engineer + "&page=1&size=2", TestTokens.ENGINEER);
        assertThat(page.json().get("items").size()).isEqualTo(1);
        assertThat(page.json().get("items").get(0).get("id").asString()).isEqualTo(ids.get(0));
        assertThat(page.json().get("page").asInt()).isEqualTo(1);
        assertThat(page.json().get("size").asInt()).isEqualTo(2);

        assertThat(client().get(REQUESTS + "?assignee=" + engineer + "&region=EMEA", TestTokens.ENGINEER)
                .json().get("total").asInt()).isZero();
        assertThat(client().get(REQUESTS + "?assignee=" + engineer + "&status=APPROVED", TestTokens.ENGINEER)
                .json().get("total").asInt()).isZero();
    }

    @Test
    void the_queue_refuses_unknown_filters_and_silly_pages() {
        assertThat(client().get(REQUESTS + "?status=LOST", TestTokens.ENGINEER).status()).isEqualTo(400);
        assertThat(client().get(REQUESTS + "?region=MARS", TestTokens.ENGINEER).status()).isEqualTo(400);
        assertThat(client().get(REQUESTS + "?size=0", TestTokens.ENGINEER).status()).isEqualTo(400);
        assertThat(client().get(REQUESTS + "?size=1000", TestTokens.ENGINEER).status()).isEqualTo(400);
        assertThat(client().get(REQUESTS + "?page=-1", TestTokens.ENGINEER).status()).isEqualTo(400);
        assertThat(client().get(REQUESTS + "?page=x", TestTokens.ENGINEER).status()).isEqualTo(400);
    }

    private Long viewVersion(String id) {
        return mongo.findById(id, org.bson.Document.class, "request_views").get("version", Number.class).longValue();
    }
}
