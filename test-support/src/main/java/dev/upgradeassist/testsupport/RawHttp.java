package dev.upgradeassist.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a request as raw bytes over a socket, for what a well-behaved client refuses to send: control characters and
 * non-ASCII bytes in headers, {@code TRACE}, encoded dots and semicolons in paths. The connection is closed after one
 * response.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A response: status code, the header block as text, and the body. */
    public record Response(int status, String headers, String body) {

        public String contentType() {
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    return line.substring("content-type:".length()).trim();
                }
            }
            return "";
        }
    }

    /**
     * @param requestHead the request line and headers, lines separated by CRLF, without the blank line that ends them
     *                    (Host and Connection: close are added)
     */
    public static Response send(int port, byte[] requestHead, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            // the whole request in one write: a server that rejects the request line answers and closes at once, and a
            // second write after its close fails with "Broken pipe" although its answer is waiting to be read
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(requestHead);
            request.write(("\r\nHost: localhost:" + port + "\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.write(body);
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (java.net.SocketException closedEarly) {
                // the server answered before it read everything (a large body it refused): read its answer
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            byte[] bytes = response.toByteArray();
            int headEnd = indexOf(bytes, new byte[]{'\r', '\n', '\r', '\n'}, 0);
            String head = new String(bytes, 0, headEnd < 0 ? bytes.length : headEnd, StandardCharsets.ISO_8859_1);
            byte[] content = headEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                content = unchunk(content);
            }
            int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
            return new Response(status, head, new String(content, StandardCharsets.UTF_8));
        }
    }

    public static Response send(int port, String requestHead) throws IOException {
        return send(port, requestHead.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, new byte[]{'\r', '\n'}, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
            if (hex.isEmpty()) {
                break;
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            body.write(chunked, start, Math.min(size, chunked.length - start));
            at = start + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
