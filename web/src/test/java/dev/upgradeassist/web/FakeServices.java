package dev.upgradeassist.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * One real HTTP server standing in for the services (each base URL points at it): canned answers by
 * "METHOD path" (exact path, any query), every request recorded.
 */
final class FakeServices implements AutoCloseable {

    record Seen(String method, String path, String query, String authorization, String body) {
    }

    record Answer(int status, String contentType, String body) {
        static Answer json(String body) {
            return new Answer(200, "application/json", body);
        }

        static Answer problem(int status, String title, String detail) {
            return new Answer(status, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            seen.add(new Seen(method, path, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Answer answer = answers.entrySet().stream()
                    .filter(e -> (method + " " + path).equals(e.getKey()))
                    .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                    .map(Map.Entry::getValue)
                    .orElse(Answer.problem(404, "Not Found", "nothing canned for " + method + " " + path));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(String methodAndPath, Answer answer) {
        answers.put(methodAndPath, answer);
    }

    void reset() {
        answers.clear();
        seen.clear();
    }

    List<Seen> seen(String method, String pathPrefix) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().startsWith(pathPrefix)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
