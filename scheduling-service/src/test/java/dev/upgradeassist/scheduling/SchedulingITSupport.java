package dev.upgradeassist.scheduling;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.ChangesRequested;
import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.testsupport.TestKafka;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** What every integration test of scheduling-service shares: the context, the clock, events, HTTP. */
@SchedulingIntegrationTest
public abstract class SchedulingITSupport {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern SLOT_VALUE = Pattern.compile("name=\"slotStart\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestClock clock;

    @Autowired
    protected MongoTemplate mongo;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- events, as the other services publish them

    protected static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    protected static CustomerContact contact(String requestId) {
        return new CustomerContact("UA-" + requestId.substring(0, 6).toUpperCase(), "Dana Ops", "dana@acme.example",
                "gitlab-admins@acme.example", "tam@gitlab.example", "America/New_York");
    }

    protected PlanApproved approval(String requestId, int revision, boolean callOffered, Instant upgradeStart) {
        return approval(requestId, revision, callOffered, upgradeStart, 240, 90);
    }

    protected PlanApproved approval(String requestId, int revision, boolean callOffered, Instant upgradeStart,
                                    int windowMinutes, int rollbackMinutes) {
        return TestEvents.planApproved().occurredAt(clock.instant()).requestId(requestId).revision(revision)
                .ticketId(contact(requestId).ticketId()).form(Form.STANDARD).region(Region.AMER).findings(List.of())
                .requiredStops(List.of("16.3.9")).wantsReviewCall(callOffered).callOffered(callOffered)
                .upgradeStart(upgradeStart).windowDurationMinutes(windowMinutes)
                .rollbackEstimateMinutes(rollbackMinutes).contact(contact(requestId))
                .approvedBy(null).approvalMode(null).feedback(null).build();
    }

    protected RequestDeclined decline(String requestId, int revision) {
        return TestEvents.requestDeclined().occurredAt(clock.instant()).requestId(requestId).revision(revision)
                .reason(DeclineReason.POSTPONE_RECOMMENDED).explanation("Postpone until 17.3.8 is out.")
                .declinedBy("alice").contact(contact(requestId)).build();
    }

    /** An engineer (alice) sends the revision back to the customer with one item of their own. */
    protected ChangesRequested changesRequested(String requestId, int revision) {
        return TestEvents.changesRequested().occurredAt(clock.instant()).requestId(requestId).revision(revision)
                .requestedBy("alice").feedback("Please rehearse the rollback on staging first.")
                .deficiencies(List.of(new Deficiency(Deficiency.ENGINEER_REQUESTED, "rollbackPlan",
                        "The rollback plan restores the database but not the Gitaly repositories.",
                        "Add restoring the repository backup and the time it took on staging.")))
                .findings(List.of()).requiredStops(List.of("16.3.9")).contact(contact(requestId)).build();
    }

    protected EngineerAssigned assignment(String requestId, String engineer) {
        return TestEvents.engineerAssigned().occurredAt(clock.instant()).requestId(requestId)
                .ticketId(contact(requestId).ticketId()).engineer(engineer).ccs(List.of("tam@gitlab.example"))
                .actor(engineer).build();
    }

    protected UpgradeOutcomeReported outcome(String requestId, OutcomeResult result) {
        return TestEvents.upgradeOutcomeReported().occurredAt(clock.instant()).requestId(requestId)
                .ticketId(contact(requestId).ticketId()).result(result).details("details of " + result).build();
    }

    /** An upgrade far enough away for a link with several days of slots. */
    protected Instant upgradeInTenDays() {
        return clock.instant().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
    }

    // ---- reading what scheduling published

    protected static List<TestKafka.Received> scheduling(String requestId) {
        return TestKafka.events(Topics.SCHEDULING, requestId);
    }

    protected static List<TestKafka.Received> scheduling(String requestId, String type) {
        return scheduling(requestId).stream().filter(r -> (type + ".v1").equals(r.typeId())).toList();
    }

    protected static TestKafka.Received awaitOne(String requestId, String type) {
        await().atMost(WAIT).until(() -> !scheduling(requestId, type).isEmpty());
        return scheduling(requestId, type).get(0);
    }

    /** Approves with the call offered and returns the link the customer is emailed. */
    protected BookingLinkIssued issueLink(String requestId) {
        TestKafka.publish(approval(requestId, 1, true, upgradeInTenDays()));
        return awaitOne(requestId, "BookingLinkIssued").as(BookingLinkIssued.class);
    }

    protected static String tokenOf(BookingLinkIssued link) {
        return link.url().substring(link.url().lastIndexOf('/') + 1);
    }

    protected Document rawDocument(String requestId) {
        return mongo.getCollection("upgrade_requests").find(new Document("_id", requestId)).first();
    }

    /** Waits until the relay has published everything the request's document holds. */
    protected void awaitOutboxDrained(String requestId) {
        await().atMost(WAIT).until(() -> {
            Document doc = rawDocument(requestId);
            return doc != null && doc.getList("outbox", Document.class, List.of()).isEmpty();
        });
    }

    // ---- HTTP

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build());
    }

    protected HttpResponse<String> postJson(String path, String json, String bearer) {
        var builder = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    protected HttpResponse<String> book(String token, String slotStart) {
        return postJson("/api/v1/bookings/" + token, "{\"slotStart\":\"" + slotStart + "\"}", null);
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The slot values the booking page offers, in order. */
    protected List<String> offeredSlots(String token) {
        return slotValues(get("/book/" + token));
    }

    /** The slot values the page of a booked call offers to move to, in order. */
    protected List<String> offeredMoves(String manageToken) {
        return slotValues(get("/calls/" + manageToken));
    }

    protected static String manageTokenOf(dev.upgradeassist.contracts.ReviewCallBooked booked) {
        return booked.manageUrl().substring(booked.manageUrl().lastIndexOf('/') + 1);
    }

    protected static List<String> slotValues(HttpResponse<String> page) {
        List<String> slots = new ArrayList<>();
        Matcher matcher = SLOT_VALUE.matcher(page.body());
        while (matcher.find()) {
            slots.add(matcher.group(1));
        }
        return slots;
    }
}
