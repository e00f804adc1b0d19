package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.contracts.RequestReceived;
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
class HappyPathIT extends IntakeApiSupport {

    @Test
    void a_request_travels_from_submission_to_completion_and_the_view_follows_every_event() {
        String marker = UUID.randomUUID().toString();

        // submit
        IntakeClient.Response accepted = submit(Submissions.complete(marker));
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode body = accepted.json();
        String id = body.get("id").asString();
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/upgrade-requests/" + id);
        assertThat(body.get("ticketId").asString()).matches("UA-[0-9A-Z]{6}");
        assertThat(body.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(body.get("priority").asString()).isEqualTo("HIGH");

        // RequestReceived leaves through the outbox, as a CloudEvent
        TestKafka.Received record = awaitIntakeEvents(id, "RequestReceived.v1", 1).get(0);
        assertThat(record.headers()).containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                .containsEntry(CloudEventHeaders.TYPE, "RequestReceived.v1")
                .containsEntry(CloudEventHeaders.SOURCE, "/upgrade-assist/intake-service")
                .containsEntry(CloudEventHeaders.SUBJECT, id)
                .containsEntry(CloudEventHeaders.CONTENT_TYPE, "application/json")
                .containsKeys(CloudEventHeaders.ID, CloudEventHeaders.TIME);
        RequestReceived received = record.as(RequestReceived.class);
        assertThat(record.eventId()).isEqualTo(received.eventId());
        assertThat(received.requestId()).isEqualTo(id);
        assertThat(received.revision()).isEqualTo(1);
        assertThat(received.priority()).isEqualTo("HIGH");
        assertThat(received.ticketId()).isEqualTo(body.get("ticketId").asString());
        assertThat(received.submission().additionalInfo()).isEqualTo(marker);
        assertThat(received.submission().upgradePlan().hops()).containsExactly("16.3.9", "16.7.10", "16.11.10", "17.1.8", "17.3.7");
        assertThat(received.organization().id()).isEqualTo("acme");
        assertThat(received.organization().prioritySupport()).isTrue();
        assertThat(received.organization().tam().email()).isEqualTo("tam@gitlab.example");
        assertThat(received.contact().ticketId()).isEqualTo(received.ticketId());
        assertThat(received.contact().requesterName()).isEqualTo("Dana Ops");
        assertThat(received.contact().requesterEmail()).isEqualTo("dana@acme.example");
        assertThat(received.contact().contactEmail()).isEqualTo("gitlab-admins@acme.example");
        assertThat(received.contact().tamEmail()).isEqualTo("tam@gitlab.example");
        assertThat(received.contact().timeZone()).isEqualTo("America/New_York");

        JsonNode view = awaitTimeline(id, 1);
        assertThat(view.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(view.get("ccs").toString()).isEqualTo("[\"tam@gitlab.example\"]");

        // review asks for more information
        TestKafka.publish(Events.infoMissing(id, 1, Instant.now()));
        view = awaitStatus(id, "AWAITING_INFO");
        assertThat(view.get("deficiencies").get(0).get("code").asString()).isEqualTo("ROLLBACK_PLAN_NOT_TESTED");
        assertThat(view.get("deficiencies").get(0).get("hint").asString()).isNotBlank();
        assertThat(view.get("requiredStops").size()).isEqualTo(4);

        // the customer amends, review approves revision 2
        assertThat(client().put(REQUESTS + "/" + id, TestTokens.PORTAL,
                Submissions.complete(marker).toString()).status()).isEqualTo(202);
        awaitIntakeEvents(id, "RequestAmended.v1", 1);
        awaitView(id, v -> v.get("timeline").size() >= 3 && !"AWAITING_INFO".equals(v.get("status").asString()));
        TestKafka.publish(Events.planApproved(id, 2, Instant.now()));
        view = awaitStatus(id, "APPROVED");
        assertThat(view.get("deficiencies").size()).isZero();
        assertThat(view.get("findings").get(0).get("code").asString()).isEqualTo("BACKGROUND_MIGRATIONS_LONG");

        // scheduling: link, booking, on hold
        String linkId = UUID.randomUUID().toString();
        TestKafka.publish(Events.linkIssued(id, linkId, Instant.now()));
        view = awaitStatus(id, "CALL_LINK_ISSUED");
        assertThat(view.get("bookingLink").get("status").asString()).isEqualTo("ISSUED");
        assertThat(view.get("bookingLink").get("expiresAt").asString()).isNotBlank();
        TestKafka.publish(Events.callBooked(id, linkId, Instant.now()));
        view = awaitStatus(id, "CALL_BOOKED");
        assertThat(view.get("bookingLink").get("status").asString()).isEqualTo("BOOKED");
        assertThat(view.get("reviewCall").get("start").asString()).isNotBlank();
        TestKafka.publish(Events.handedOff(id, "alice", "bob", Instant.now()));
        TestKafka.publish(Events.onHold(id, "bob", Instant.now()));
        view = awaitStatus(id, "ON_HOLD");
        assertThat(view.get("assignee").asString()).isEqualTo("bob");

        // the customer reports problems, then success
        assertThat(client().post(REQUESTS + "/" + id + "/outcome", TestTokens.PORTAL,
                "{\"result\":\"PROBLEMS\",\"details\":\"Sidekiq keeps restarting\"}").status()).isEqualTo(202);
        awaitIntakeEvents(id, "UpgradeOutcomeReported.v1", 1);
        TestKafka.publish(Events.rollbackAdvised(id, Instant.now()));
        awaitStatus(id, "ROLLBACK_ADVISED");
        TestKafka.publish(Events.completed(id, Instant.now()));
        view = awaitStatus(id, "COMPLETED");

        view = awaitTimeline(id, 11);
        List<String> types = view.get("timeline").valueStream().map(e -> e.get("type").asString()).toList();
        assertThat(types).containsExactly("RequestReceived", "InfoMissing", "RequestAmended", "PlanApproved",
                "BookingLinkIssued", "ReviewCallBooked", "EngineerHandedOff", "TicketOnHold", "UpgradeOutcomeReported",
                "RollbackAdvised", "RequestCompleted");
        assertThat(view.propertyNames()).containsExactlyInAnyOrder("id", "ticketId", "status", "priority", "form",
                "organizationId", "region", "assignee", "ccs", "deficiencies", "findings", "requiredStops",
                "bookingLink", "reviewCall", "timeline", "comments", "reviewDecision", // issue 17 added these two
                "sla", "autoClose", "closedReason"); // and issue 18 these three
        assertThat(view.get("timeline").get(0).get("at").asString()).endsWith("Z");
    }
}
