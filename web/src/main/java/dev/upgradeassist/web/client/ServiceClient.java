package dev.upgradeassist.web.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.upgradeassist.web.WebProperties;
import dev.upgradeassist.web.security.ServiceTokens;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a service's HTTP API with the signed-in user's bearer token ({@link ServiceTokens}) and turns every outcome
 * into a {@link ServiceCall}: the pages never see an exception from a service.
 */
@Component
public class ServiceClient {

    private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);

    /** Which service, for messages and base URLs. */
    public enum Target {
        INTAKE("intake-service"), REVIEW("review-service"), SCHEDULING("scheduling-service"),
        NOTIFICATION("notification-service");

        private final String id;

        Target(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private static final String JSON = "application/json, application/problem+json";
    private static final String TEXT = "text/markdown, text/plain;q=0.9, application/problem+json, application/json;q=0.5";

    private final WebProperties properties;
    private final ServiceTokens tokens;
    private final Portal portal = new Portal();
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public ServiceClient(WebProperties properties, ServiceTokens tokens) {
        this.properties = properties;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public ServiceCall get(Target target, String path, Map<String, ?> query) {
        return send(target, "GET", path + queryString(query), null);
    }

    public ServiceCall get(Target target, String path) {
        return get(target, path, Map.of());
    }

    public ServiceCall post(Target target, String path, Object body) {
        return send(target, "POST", path, body);
    }

    /**
     * The same calls with the machine PORTAL token ({@link WebProperties#portalToken()}) instead of the signed-in
     * engineer's: what the customer's request page uses, and nothing else may.
     */
    public Portal asPortal() {
        return portal;
    }

    /** Calls as the customer portal (role PORTAL); the engineer's token is never sent from here. */
    public final class Portal {

        private Portal() {
        }

        public ServiceCall get(Target target, String path) {
            return call(target, "GET", path, null, JSON, false);
        }

        /** A GET whose 2xx answer is text (Markdown): {@link ServiceCall.Ok#body()} is the {@code String} as sent. */
        public ServiceCall getText(Target target, String path) {
            return call(target, "GET", path, null, TEXT, true);
        }

        public ServiceCall post(Target target, String path, Object body) {
            return call(target, "POST", path, body, JSON, false);
        }

        private ServiceCall call(Target target, String method, String path, Object body, String accept, boolean text) {
            if (!properties.hasPortalToken()) {
                return new ServiceCall.Unavailable(target.id(), "no PORTAL token is configured");
            }
            return send(target, method, path, body, properties.portalToken(), accept, text);
        }
    }

    /** A path segment (an id from a URL) encoded so it cannot leave its segment. */
    public static String segment(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ServiceCall send(Target target, String method, String pathAndQuery, Object body) {
        String token;
        try {
            token = tokens.current();
        } catch (RuntimeException e) {
            return new ServiceCall.Problem("upgrade-assist web", 401, "Not signed in",
                    "Your session has no credentials for the services; sign in again.", List.of());
        }
        return send(target, method, pathAndQuery, body, token, JSON, false);
    }

    private ServiceCall send(Target target, String method, String pathAndQuery, Object body, String token,
                             String accept, boolean text) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(target) + pathAndQuery))
                    .timeout(properties.readTimeout())
                    .header("Accept", accept)
                    .header("Authorization", "Bearer " + token);
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } else if ("POST".equals(method)) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return read(target, response, text);
        } catch (HttpTimeoutException e) {
            return new ServiceCall.Unavailable(target.id(), "no answer in " + properties.readTimeout().toSeconds() + "s");
        } catch (IOException e) {
            log.warn("{} {} {} failed: {}", target.id(), method, pathOnly(pathAndQuery), e.toString());
            return new ServiceCall.Unavailable(target.id(), "cannot connect");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceCall.Unavailable(target.id(), "interrupted");
        } catch (IllegalArgumentException e) {
            return new ServiceCall.Problem(target.id(), 400, "Bad Request", "That address cannot be asked for.", List.of());
        }
    }

    private ServiceCall read(Target target, HttpResponse<String> response, boolean asText) {
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (asText && status >= 200 && status < 300) {
            return new ServiceCall.Ok(status, text);
        }
        Object parsed = null;
        if (!text.isBlank()) {
            try {
                parsed = JsonTree.lenient(json.readValue(text, Object.class));
            } catch (JacksonException e) {
                parsed = null;
            }
        }
        if (status >= 200 && status < 300) {
            return new ServiceCall.Ok(status, parsed);
        }
        if (parsed instanceof Map<?, ?> problem) {
            List<ServiceCall.FieldError> errors = new ArrayList<>();
            if (problem.get("errors") instanceof List<?> list) {
                for (Object e : list) {
                    if (e instanceof Map<?, ?> m) {
                        errors.add(new ServiceCall.FieldError(str(m.get("field")), str(m.get("message"))));
                    }
                }
            }
            return new ServiceCall.Problem(target.id(), status, str(problem.get("title")), str(problem.get("detail")), errors);
        }
        return new ServiceCall.Problem(target.id(), status, reason(status), null, List.of());
    }

    private String baseUrl(Target target) {
        String url = switch (target) {
            case INTAKE -> properties.intakeUrl();
            case REVIEW -> properties.reviewUrl();
            case SCHEDULING -> properties.schedulingUrl();
            case NOTIFICATION -> properties.notificationUrl();
        };
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String queryString(Map<String, ?> query) {
        Map<String, Object> present = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null && !String.valueOf(v).isBlank()) {
                present.put(k, v);
            }
        });
        if (present.isEmpty()) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        present.forEach((k, v) -> {
            if (q.length() > 1) {
                q.append('&');
            }
            q.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
        });
        return q.toString();
    }

    private static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Error";
        };
    }
}
