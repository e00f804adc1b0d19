package dev.upgradeassist.testsupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Hostile requests generated from a service's own OpenAPI document ({@code /v3/api-docs}): for every operation, path
 * parameters, query parameters, headers and bodies that a careless or malicious client sends. A service must answer
 * each with a 4xx (or a 2xx where the input happens to be acceptable) as problem details, never a 5xx.
 */
public final class HostileRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();

    /** Values for path segments and query parameters: traversal, encodings, control and odd characters, sizes. */
    private static final List<String> TEXTS = List.of("..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", "a%0d%0ab",
            "%ff%fe", "\u00e9t\u00e9", "\u202etxt", "x".repeat(5000), "-1", "0", "99999999999999999999", "1e309", "NaN",
            "null", "true", "[]", "{}", "' OR '1'='1", "$where", "{\"$gt\":\"\"}", "<script>", " ", "%20", "a;b", "a/b");
    private static final List<String> BODIES = List.of("", "null", "[]", "{}", "\"text\"", "12", "true", "{", "[[[[",
            "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "{\"$where\":\"1\"}", "\u0000", "{\"a\":1,\"a\":2}",
            "{\"topic\":null,\"records\":[{}]}", "{\"from\":\"1970-13-45T99:99:99Z\",\"topic\":\"x\"}");

    private HostileRequests() {
    }

    /** One request sent and what came back. */
    public record Probe(String method, String path, String contentType, String body, int status, String responseType,
                        String response) {

        /** @return null when the answer is acceptable, else why not */
        public String problem() {
            if (status >= 500) {
                return "a " + status;
            }
            if (status >= 400 && !responseType.startsWith("application/problem+json")) {
                return "a " + status + " that is not problem details (" + responseType + ")";
            }
            if (status >= 400 && !response.contains("\"type\"")) {
                return "a problem without a type";
            }
            return null;
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 120 ? body.substring(0, 120) + "..." : body;
            String path = this.path.length() > 160 ? this.path.substring(0, 160) + "..." : this.path;
            return method + " " + path + " [" + shown + "] -> " + status + " " + responseType + " "
                    + (response.length() > 200 ? response.substring(0, 200) : response);
        }
    }

    /**
     * Sends the generated requests to every operation of the service on this port, with this token (the role that may
     * call most of them), and returns each probe. {@code perOperation} bounds the requests per operation.
     */
    public static List<Probe> probe(int port, String token, long seed, int perOperation) throws Exception {
        Random random = new Random(seed);
        JsonNode docs = JSON.readTree(get(port, "/v3/api-docs"));
        List<Probe> probes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = docs.get("paths").properties().iterator(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().properties().iterator(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                List<String> queryNames = new ArrayList<>();
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    if ("query".equals(parameter.path("in").asString())) {
                        queryNames.add(parameter.path("name").asString());
                    }
                }
                boolean hasBody = op.getValue().has("requestBody");
                for (int i = 0; i < perOperation; i++) {
                    String concrete = fill(path.getKey(), random);
                    StringBuilder query = new StringBuilder();
                    for (String name : queryNames) {
                        if (random.nextInt(3) > 0) {
                            query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                                    .append(encodeMaybe(pick(TEXTS, random), random));
                        }
                    }
                    String body = hasBody || random.nextInt(4) == 0 ? pick(BODIES, random) : null;
                    String contentType = body == null ? null : random.nextInt(5) == 0 ? "text/plain" : "application/json";
                    probes.add(send(port, token, method, concrete + query, contentType, body));
                }
            }
        }
        return probes;
    }

    private static String fill(String template, Random random) {
        StringBuilder path = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                path.append(template.substring(at));
                return path.toString();
            }
            int close = template.indexOf('}', open);
            path.append(template, at, open).append(encodeMaybe(pick(TEXTS, random), random));
            at = close + 1;
        }
    }

    /** Sent raw as often as encoded: the raw ones test the container and the firewall, the encoded ones the code. */
    private static String encodeMaybe(String value, Random random) {
        boolean alreadyEncoded = value.contains("%");
        if (alreadyEncoded || random.nextBoolean()) {
            return value.chars().allMatch(c -> c > 32 && c < 127) ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static Probe send(int port, String token, String method, String pathAndQuery, String contentType, String body)
            throws IOException, InterruptedException {
        StringBuilder head = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1")
                .append("\r\nAuthorization: Bearer ").append(token).append("\r\nAccept: application/json");
        if (contentType != null) {
            head.append("\r\nContent-Type: ").append(contentType);
        }
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(port, head.toString().getBytes(StandardCharsets.UTF_8), bytes);
        return new Probe(method, pathAndQuery, contentType, body, response.status(), response.contentType(),
                response.body());
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
