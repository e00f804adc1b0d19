package dev.upgradeassist.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.RepeatedTest;

/**
 * A server that rejects a request at its first read answers and closes at once, as Tomcat does with a request line it
 * cannot parse. RawHttp sends the whole request in one write, so the server's first read holds all of it, and its
 * answer is read; with the request split over several writes, a write after the close failed with "Broken pipe"
 * (HostileRequestsIT failed at random that way).
 */
class RawHttpTest {

    @RepeatedTest(20)
    void the_answer_of_a_server_that_closes_after_its_first_read_is_read() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[64 * 1024];
                    int read = in.read(buffer);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\n"
                            + "Connection: close\r\nContent-Length: 15\r\n\r\n{\"status\":400}\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return new String(buffer, 0, Math.max(read, 0), StandardCharsets.ISO_8859_1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            RawHttp.Response response = RawHttp.send(server.getLocalPort(),
                    "POST /api/v1/upgrade-requests/{}/handoff HTTP/1.1\r\nContent-Type: application/json"
                            .getBytes(StandardCharsets.ISO_8859_1),
                    "{\"toEngineer\":\"bob\",\"notes\":\"a body after the head\"}".getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(received.get()).as("the server's first read").endsWith("a body after the head\"}");
        }
    }
}
