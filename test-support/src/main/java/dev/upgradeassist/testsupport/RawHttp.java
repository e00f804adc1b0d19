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
            OutputStream out = socket.getOutputStream();
            out.write(requestHead);
            out.write(("\r\nHost: localhost:" + port + "\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? text : text.substring(0, headEnd);
            String content = headEnd < 0 ? "" : text.substring(headEnd + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                content = unchunk(content);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            return new Response(status, head, content);
        }
    }

    public static Response send(int port, String requestHead) throws IOException {
        return send(port, requestHead.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
