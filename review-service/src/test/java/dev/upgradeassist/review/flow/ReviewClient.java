package dev.upgradeassist.review.flow;

import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.contracts.testing.TestEvents;
import dev.upgradeassist.review.fixtures.SubmissionBuilder;
import dev.upgradeassist.testsupport.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the engineer-review integration tests send and read: intake's events, review's API and events. */
final class ReviewClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    ReviewClient(int port) {
        this.port = port;
    }

    /** A complete submission whose window is two weeks from today, so that the real clock approves it. */
    static SubmissionBuilder upcoming() {
        SubmissionBuilder s = SubmissionBuilder.complete();
        s.windowStart = LocalDate.now(ZoneOffset.UTC).plusDays(14) + "T22:00:00";
        return s;
    }

    static SubmissionBuilder incomplete() {
        SubmissionBuilder s = upcoming();
        s.rollbackPlanPresent = false;
        return s;
    }

    static RequestReceived received(String requestId, int revision, SubmissionBuilder submission) {
        return TestEvents.requestReceived().occurredAt(Instant.now()).requestId(requestId)
                .ticketId("UA-" + requestId.substring(0, 6)).revision(revision).priority("HIGH")
                .submission(submission.build()).organization(SubmissionBuilder.ACME).contact(contact(requestId)).build();
    }

    static RequestAmended amended(String requestId, int revision, SubmissionBuilder submission) {
        return TestEvents.requestAmended().occurredAt(Instant.now()).requestId(requestId)
                .ticketId("UA-" + requestId.substring(0, 6)).revision(revision).priority("HIGH")
                .submission(submission.build()).organization(SubmissionBuilder.ACME).contact(contact(requestId)).build();
    }

    static UpgradeOutcomeReported outcome(String requestId) {
        return outcome(requestId, OutcomeResult.SUCCEEDED);
    }

    static UpgradeOutcomeReported outcome(String requestId, OutcomeResult result) {
        return TestEvents.upgradeOutcomeReported().occurredAt(Instant.now()).requestId(requestId)
                .ticketId("UA-" + requestId.substring(0, 6)).result(result).details("All good?").build();
    }

    /** Intake closed the request at this revision ({@code actor}: {@code system} for NO_RESPONSE, else the engineer). */
    static RequestClosed closed(String requestId, int revision, RequestClosed.Reason reason, String actor) {
        return TestEvents.requestClosed().occurredAt(Instant.now()).requestId(requestId)
                .ticketId("UA-" + requestId.substring(0, 6)).revision(revision).reason(reason).actor(actor)
                .form(Form.STANDARD).region(Region.AMER).assignee(null).contact(contact(requestId)).build();
    }

    static CustomerContact contact(String requestId) {
        return new CustomerContact("UA-" + requestId.substring(0, 6), "Dana Ops", "dana@acme.example",
                "gitlab-admins@acme.example", "tam@gitlab.example", "America/New_York");
    }

    /** review's events about a request, each event id once. */
    static List<TestKafka.Received> events(String requestId) {
        return TestKafka.events(Topics.REVIEW, requestId);
    }

    /** The event as its type, after checking that it is of that type (its logical type id). */
    static <T> T typed(TestKafka.Received event, Class<T> type) {
        org.assertj.core.api.Assertions.assertThat(event.typeId()).isEqualTo(type.getSimpleName() + ".v1");
        return event.as(type);
    }

    static List<String> types(String requestId) {
        return events(requestId).stream().map(TestKafka.Received::typeId).toList();
    }

    HttpResponse<String> approve(String requestId, String body, String token) throws Exception {
        return post("/api/v1/reviews/" + requestId + "/approve", body, token);
    }

    HttpResponse<String> requestChanges(String requestId, String body, String token) throws Exception {
        return post("/api/v1/reviews/" + requestId + "/request-changes", body, token);
    }

    HttpResponse<String> decline(String requestId, String body, String token) throws Exception {
        return post("/api/v1/reviews/" + requestId + "/decline", body, token);
    }

    HttpResponse<String> view(String requestId, String token) throws Exception {
        return get("/api/v1/reviews/" + requestId, token);
    }

    /** The value of one Prometheus sample, 0 when it is not exported. */
    double metric(String sample) throws Exception {
        String body = get("/actuator/prometheus", null).body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(body);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
