package dev.upgradeassist.systemtests.http;

import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.stack.StackConfig;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** The system's public HTTP API, as the portal, the engineers and operators call it (dev tokens). */
public final class Pipeline {

    public static final String PORTAL = "dev-portal-token";
    public static final String ENGINEER = "dev-engineer-token";
    public static final String OPERATOR = "dev-operator-token";

    private final StackConfig stack;
    private final Http http;

    public Pipeline(StackConfig stack, Http http) {
        this.stack = stack;
        this.http = http;
    }

    /** POST /api/v1/upgrade-requests; throws IOException when the service cannot be reached. */
    public Http.Response submit(String body, String idempotencyKey) throws IOException {
        return http.post(stack.serviceUrl(Service.INTAKE) + "/api/v1/upgrade-requests", PORTAL, body, idempotencyKey);
    }

    /** The request's status, or empty for a 404 (not yet, or never, known). */
    public Optional<String> status(String requestId) throws IOException {
        Http.Response response = http.get(stack.serviceUrl(Service.INTAKE) + "/api/v1/upgrade-requests/" + requestId, PORTAL);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw new IOException("GET request " + requestId + ": HTTP " + response.status());
        }
        return Optional.of(response.json().path("status").asString());
    }

    public List<String> requiredStops(String from, String to) throws IOException {
        Http.Response response = http.get(stack.serviceUrl(Service.REVIEW) + "/api/v1/upgrade-paths?from=" + from
                + "&to=" + to, ENGINEER);
        if (!response.ok()) {
            throw new IOException("GET upgrade-paths: HTTP " + response.status() + " " + response.body());
        }
        List<String> stops = new ArrayList<>();
        response.json().path("requiredStops").forEach(s -> stops.add(s.asString()));
        return stops;
    }

    /** POST /api/v1/operations/replay on one consuming service. */
    public Http.Response replay(Service service, String topic, String from) throws IOException {
        String body = Http.JSON.createObjectNode().put("topic", topic).put("from", from).toString();
        return http.post(stack.serviceUrl(service) + "/api/v1/operations/replay", OPERATOR, body, null);
    }

    /** GET /api/v1/notifications?requestId= (ENGINEER): the notification ledger of one request. */
    public JsonNode notifications(String requestId) throws IOException {
        Http.Response response = http.get(stack.serviceUrl(Service.NOTIFICATION) + "/api/v1/notifications?requestId="
                + URLEncoder.encode(requestId, StandardCharsets.UTF_8), ENGINEER);
        if (!response.ok()) {
            throw new IOException("GET notifications: HTTP " + response.status());
        }
        return response.json();
    }

    /** GET /actuator/prometheus (no token), in the Prometheus text format. */
    public String prometheus(Service service) throws IOException {
        return prometheus(service, stack.serviceUrl(service));
    }

    /** GET /actuator/prometheus of one instance of the service, at its base URL. */
    public String prometheus(Service service, String baseUrl) throws IOException {
        Http.Response response = http.get(baseUrl + "/actuator/prometheus", null,
                "text/plain;version=0.0.4;q=1.0");
        if (!response.ok()) {
            throw new IOException(service.id() + " /actuator/prometheus: HTTP " + response.status());
        }
        return response.body();
    }
}
