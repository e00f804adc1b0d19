package dev.upgradeassist.scheduling.booking;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.PlanAwaitingApproval;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.testing.PlanApprovedBuilder;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.scheduling.SchedulingITSupport;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ChangesRequested (an engineer sends the plan back to the customer): the open link is revoked, the ticket leaves
 * hold, and only an amended revision's approval issues a new link, once, however often anything is replayed.
 */
class ChangesRequestedIT extends SchedulingITSupport {

    private static final String GROUP = "scheduling-service";

    @Autowired
    MeterRegistry meters;

    @Test
    void changes_requested_revokes_the_open_link_and_only_the_amended_approval_issues_a_new_one() {
        String requestId = newRequestId();
        PlanApproved first = approval(requestId, 1, true, upgradeInTenDays());
        TestKafka.publish(first);
        BookingLinkIssued link = awaitOne(requestId, "BookingLinkIssued").as(BookingLinkIssued.class);
        String token = tokenOf(link);
        String slot = offeredSlots(token).get(0);
        double expiredBefore = links("expired");

        TestKafka.publish(changesRequested(requestId, 1));

        BookingLinkExpired revoked = awaitOne(requestId, "BookingLinkExpired").as(BookingLinkExpired.class);
        assertThat(revoked.reason()).isEqualTo(BookingLinkExpired.Reason.REVOKED);
        assertThat(revoked.linkId()).isEqualTo(link.linkId());
        await().atMost(WAIT).until(() -> links("expired") == expiredBefore + 1);
        assertThat(stage(requestId)).isEqualTo("CHANGES_REQUESTED");
        assertThat(linkStatuses(requestId)).containsExactly("REVOKED");

        // the revoked link books nothing: the API, the page and its form all answer 410 with the usual words
        HttpResponse<String> api = book(token, slot);
        assertThat(api.statusCode()).isEqualTo(410);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(api.body()).contains(BookingService.LINK_UNAVAILABLE);
        HttpResponse<String> page = get("/book/" + token);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("This booking link cannot be used").contains("withdrawn");
        HttpResponse<String> form = postForm("/book/" + token, "slotStart=" + URLEncoder.encode(slot, StandardCharsets.UTF_8));
        assertThat(form.statusCode()).isEqualTo(410);
        assertThat(form.body()).contains("This booking link cannot be used");
        assertThat(rawDocument(requestId).get("call")).isNull();

        // the same approval again, and another approval of the same revision: both stale; then the amended revision
        TestKafka.publish(first);
        TestKafka.publish(approval(requestId, 1, true, upgradeInTenDays()));
        PlanApproved amended = approval(requestId, 2, true, upgradeInTenDays().plus(Duration.ofDays(1)));
        TestKafka.publish(amended);

        await().atMost(WAIT).until(() -> scheduling(requestId, "BookingLinkIssued").size() >= 2);
        TestKafka.awaitConsumed(GROUP, Topics.REVIEW, requestId, WAIT);
        awaitOutboxDrained(requestId);
        List<BookingLinkIssued> issued = issued(requestId);
        assertThat(issued).hasSize(2);
        assertThat(issued.get(1).approvalEventId()).isEqualTo(amended.eventId());
        assertThat(scheduling(requestId, "BookingLinkExpired")).hasSize(1);
        assertThat(links("expired")).isEqualTo(expiredBefore + 1);
        assertThat(stage(requestId)).isEqualTo("CALL_LINK_ISSUED");
        String newToken = tokenOf(issued.get(1));
        assertThat(book(newToken, offeredSlots(newToken).get(0)).statusCode()).isEqualTo(201);
        assertThat(book(token, slot).statusCode()).as("the revoked link stays revoked").isEqualTo(410);
    }

    @Test
    void replaying_the_whole_sequence_issues_no_extra_link_and_revokes_nothing_twice() {
        String requestId = newRequestId();
        List<DomainEvent> sequence = List.of(approval(requestId, 1, true, upgradeInTenDays()),
                changesRequested(requestId, 1), approval(requestId, 2, true, upgradeInTenDays()));
        sequence.forEach(TestKafka::publish);
        await().atMost(WAIT).until(() -> scheduling(requestId, "BookingLinkIssued").size() == 2);
        awaitOne(requestId, "BookingLinkExpired");
        TestKafka.awaitConsumed(GROUP, Topics.REVIEW, requestId, WAIT);
        awaitOutboxDrained(requestId);
        List<BookingLinkIssued> issued = issued(requestId);
        Object firstClosedAt = linkDocuments(requestId).get(0).get("closedAt");
        double issuedBefore = links("issued");
        double expiredBefore = links("expired");

        // 1. every event of the sequence published again
        double duplicatesBefore = duplicates();
        sequence.forEach(TestKafka::publish);
        await().atMost(WAIT).until(() -> duplicates() >= duplicatesBefore + 3);

        // 2. the operator replays the review topic from the beginning
        double beforeReplay = duplicates();
        HttpResponse<String> replay = postJson("/api/v1/operations/replay",
                "{\"topic\":\"" + Topics.REVIEW + "\",\"from\":\"EARLIEST\"}", TestTokens.OPERATOR);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> duplicates() >= beforeReplay + 6);

        // a marker behind both on the same partition: once it shows, everything before it was handled again
        TestKafka.publish(decline(requestId, 2));
        await().atMost(WAIT).until(() -> scheduling(requestId, "BookingLinkExpired").size() >= 2);
        TestKafka.awaitConsumed(GROUP, Topics.REVIEW, requestId, WAIT);
        awaitOutboxDrained(requestId);

        assertThat(issued(requestId)).isEqualTo(issued);
        assertThat(scheduling(requestId, "BookingLinkExpired")).extracting(r -> r.as(BookingLinkExpired.class).linkId())
                .as("each link closed once: the first by the changes, the second by the marker")
                .containsExactly(issued.get(0).linkId(), issued.get(1).linkId());
        assertThat(links("issued")).isEqualTo(issuedBefore);
        assertThat(links("expired")).as("only the marker's revocation").isEqualTo(expiredBefore + 1);
        assertThat(linkDocuments(requestId).get(0).get("closedAt")).isEqualTo(firstClosedAt);
        assertThat(linkStatuses(requestId)).containsExactly("REVOKED", "REVOKED");
        assertThat(stage(requestId)).isEqualTo("DECLINED");
    }

    @Test
    void changes_requested_without_an_open_link_raises_nothing_and_takes_the_ticket_off_hold() {
        String requestId = newRequestId();
        double onHoldBefore = onHold();
        TestKafka.publish(approval(requestId, 1, false, upgradeInTenDays()));
        awaitOne(requestId, "TicketOnHold");
        await().atMost(WAIT).until(() -> onHold() == onHoldBefore + 1);
        double expiredBefore = links("expired");

        TestKafka.publish(changesRequested(requestId, 1));

        await().atMost(WAIT).until(() -> "CHANGES_REQUESTED".equals(stage(requestId)));
        await().atMost(WAIT).until(() -> onHold() == onHoldBefore);
        TestKafka.awaitConsumed(GROUP, Topics.REVIEW, requestId, WAIT);
        awaitOutboxDrained(requestId);
        assertThat(scheduling(requestId)).extracting(TestKafka.Received::typeId).containsExactly("TicketOnHold.v1");
        assertThat(links("expired")).isEqualTo(expiredBefore);
        assertThat(rawDocument(requestId).get("onHoldSince")).isNull();

        // the amended plan is approved (still no call): on hold again
        TestKafka.publish(approval(requestId, 2, false, upgradeInTenDays().plus(Duration.ofDays(1))));
        await().atMost(WAIT).until(() -> scheduling(requestId, "TicketOnHold").size() == 2);
        await().atMost(WAIT).until(() -> onHold() == onHoldBefore + 1);
        assertThat(stage(requestId)).isEqualTo("ON_HOLD");
        assertThat(scheduling(requestId, "BookingLinkIssued")).isEmpty();
    }

    @Test
    void changes_requested_after_the_call_was_booked_cancels_the_call_once_and_frees_its_slot() {
        String requestId = newRequestId();
        BookingLinkIssued link = issueLink(requestId);
        String slot = offeredSlots(tokenOf(link)).get(0);
        double onHoldBefore = onHold();
        assertThat(book(tokenOf(link), slot).statusCode()).isEqualTo(201);
        var booked = awaitOne(requestId, "ReviewCallBooked").as(dev.upgradeassist.contracts.ReviewCallBooked.class);
        awaitOne(requestId, "TicketOnHold");
        await().atMost(WAIT).until(() -> onHold() == onHoldBefore + 1);

        var changes = changesRequested(requestId, 1);
        TestKafka.publish(changes);
        TestKafka.publish(changes);   // a duplicate: one cancellation

        var cancelled = awaitOne(requestId, "ReviewCallCancelled").as(dev.upgradeassist.contracts.ReviewCallCancelled.class);
        assertThat(cancelled.reason()).isEqualTo(dev.upgradeassist.contracts.ReviewCallCancelled.Reason.CHANGES_REQUESTED);
        assertThat(cancelled.actor()).isEqualTo("alice");
        assertThat(cancelled.callId()).isEqualTo(booked.callId());
        assertThat(cancelled.sequence()).isEqualTo(1);
        assertThat(cancelled.engineerEmail()).isEqualTo("alice@gitlab.example");
        assertThat(cancelled.start()).isEqualTo(Instant.parse(slot));
        await().atMost(WAIT).until(() -> "CHANGES_REQUESTED".equals(stage(requestId)));
        await().atMost(WAIT).until(() -> onHold() == onHoldBefore);
        TestKafka.awaitConsumed(GROUP, Topics.REVIEW, requestId, WAIT);
        awaitOutboxDrained(requestId);
        assertThat(scheduling(requestId, "ReviewCallCancelled")).hasSize(1);
        assertThat(scheduling(requestId, "BookingLinkExpired")).as("a booked link is not open").isEmpty();
        assertThat(rawDocument(requestId).get("call")).as("the call is gone").isNull();
        assertThat(offeredSlots(tokenOf(issueLink(newRequestId())))).as("its slot is offered again").contains(slot);
        String manageToken = booked.manageUrl().substring(booked.manageUrl().lastIndexOf('/') + 1);
        assertThat(postJson("/api/v1/calls/" + manageToken + "/cancel", "{}", null).statusCode()).isEqualTo(410);

        // the amended plan is approved with the call offered: a new link, exactly one
        Instant newStart = upgradeInTenDays().plus(Duration.ofDays(1));
        TestKafka.publish(approval(requestId, 2, true, newStart));
        await().atMost(WAIT).until(() -> scheduling(requestId, "BookingLinkIssued").size() == 2);
        assertThat(stage(requestId)).isEqualTo("CALL_LINK_ISSUED");
    }

    @Test
    void engineer_mode_awaiting_approval_is_skipped_and_changes_on_a_revision_never_approved_raise_nothing() {
        String requestId = newRequestId();
        double skippedBefore = skipped();

        TestKafka.publish(awaitingApproval(requestId, 1));
        await().atMost(WAIT).until(() -> skipped() >= skippedBefore + 1);
        TestKafka.awaitConsumed(GROUP, Topics.REVIEW, requestId, WAIT);
        assertThat(rawDocument(requestId)).as("nothing to do for scheduling").isNull();

        TestKafka.publish(changesRequested(requestId, 1));
        await().atMost(WAIT).until(() -> "CHANGES_REQUESTED".equals(stage(requestId)));

        TestKafka.publish(awaitingApproval(requestId, 2));
        PlanApproved approved = engineerApproval(requestId, 2);
        TestKafka.publish(approved);

        BookingLinkIssued link = awaitOne(requestId, "BookingLinkIssued").as(BookingLinkIssued.class);
        assertThat(link.approvalEventId()).isEqualTo(approved.eventId());
        TestKafka.awaitConsumed(GROUP, Topics.REVIEW, requestId, WAIT);
        awaitOutboxDrained(requestId);
        assertThat(scheduling(requestId)).extracting(TestKafka.Received::typeId).containsExactly("BookingLinkIssued.v1");
        assertThat(skipped()).isGreaterThanOrEqualTo(skippedBefore + 2);
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), requestId)).isEmpty();
    }

    @Test
    void an_approval_without_the_engineer_fields_still_issues_a_link() {
        String requestId = newRequestId();
        String json = """
                {"eventId":"%s","occurredAt":"%s","requestId":"%s","revision":1,"ticketId":"UA-OLD001",
                 "form":"STANDARD","region":"AMER","findings":[],"requiredStops":["16.3.9"],
                 "wantsReviewCall":true,"callOffered":true,"upgradeStart":"%s",
                 "windowDurationMinutes":240,"rollbackEstimateMinutes":90,
                 "contact":{"ticketId":"UA-OLD001","requesterName":"Dana Ops","requesterEmail":"dana@acme.example",
                            "contactEmail":"gitlab-admins@acme.example","tamEmail":null,"timeZone":"America/New_York"}}
                """.formatted(UUID.randomUUID(), clock.instant(), requestId, upgradeInTenDays());

        TestKafka.publishRaw(Topics.REVIEW, requestId, "PlanApproved.v1", json.getBytes(StandardCharsets.UTF_8));

        BookingLinkIssued link = awaitOne(requestId, "BookingLinkIssued").as(BookingLinkIssued.class);
        assertThat(link.contact().ticketId()).isEqualTo("UA-OLD001");
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), requestId)).isEmpty();
    }

    @Test
    void changes_requested_without_a_request_id_goes_to_the_dlt_and_the_next_record_still_flows() {
        String requestId = newRequestId();   // the record's key: same partition as the next record
        String eventId = UUID.randomUUID().toString();
        String poison = "{\"eventId\":\"%s\",\"occurredAt\":\"%s\",\"revision\":1,\"requestedBy\":\"alice\"}"
                .formatted(eventId, clock.instant());

        TestKafka.publishRaw(Topics.REVIEW, requestId, "ChangesRequested.v1", poison.getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(approval(requestId, 1, true, upgradeInTenDays()));

        await().atMost(WAIT).until(() -> !TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), requestId).isEmpty());
        awaitOne(requestId, "BookingLinkIssued");
        var dead = TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), requestId).get(0);
        assertThat(dead.typeId()).isEqualTo("ChangesRequested.v1");
        assertThat(dead.valueAsString()).contains(eventId).contains("\"requestId\":null");
    }

    // ---- events

    private PlanAwaitingApproval awaitingApproval(String requestId, int revision) {
        return TestEvents.planAwaitingApproval().occurredAt(clock.instant()).requestId(requestId).revision(revision)
                .ticketId(contact(requestId).ticketId()).form(Form.STANDARD).region(Region.AMER).findings(List.of())
                .requiredStops(List.of("16.3.9")).wantsReviewCall(true).callOffered(true)
                .upgradeStart(upgradeInTenDays()).windowDurationMinutes(240).rollbackEstimateMinutes(90)
                .contact(contact(requestId)).build();
    }

    private PlanApproved engineerApproval(String requestId, int revision) {
        return PlanApprovedBuilder.from(approval(requestId, revision, true, upgradeInTenDays())).approvedBy("alice")
                .approvalMode(PlanApproved.ApprovalMode.ENGINEER)
                .feedback("Looks good; take a fresh backup right before you start.").build();
    }

    // ---- reading

    private static List<BookingLinkIssued> issued(String requestId) {
        return scheduling(requestId, "BookingLinkIssued").stream().map(r -> r.as(BookingLinkIssued.class)).toList();
    }

    private String stage(String requestId) {
        Document doc = rawDocument(requestId);
        return doc == null ? null : doc.getString("stage");
    }

    private List<Document> linkDocuments(String requestId) {
        return rawDocument(requestId).getList("links", Document.class);
    }

    private List<String> linkStatuses(String requestId) {
        return linkDocuments(requestId).stream().map(link -> link.getString("status")).toList();
    }

    private double links(String event) {
        Counter counter = meters.find("upgrade_assist.booking.links").tag("event", event).counter();
        return counter == null ? 0 : counter.count();
    }

    private double onHold() {
        return meters.get("upgrade_assist.tickets.on_hold").gauge().value();
    }

    private double duplicates() {
        return meters.find("upgrade_assist.events.duplicates").tag("service", GROUP).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Skipped records of this service, whatever their type tag. */
    private double skipped() {
        return meters.find("upgrade_assist.events.skipped").tag("service", GROUP).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }
}
