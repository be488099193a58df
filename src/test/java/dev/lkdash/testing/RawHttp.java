package dev.lkdash.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: for requests an HTTP client would
 * refuse or tidy up (encoded dots and slashes, control characters, huge headers, lying lengths).
 */
public final class RawHttp {

    private static final int TIMEOUT_MS = 20_000;

    private RawHttp() {
    }

    /**
     * One request ({@code Connection: close} is added) and its whole answer, signed in as the test
     * administrator unless the headers carry a {@code Cookie} of their own (as the other test
     * clients are), so that what a test sends reaches what it tests, not the sign-in gate.
     */
    public static Response send(URL base, String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Cookie"))) {
            TestLogin.cookie(java.net.URI.create(base.toString())).ifPresent(cookie ->
                    head.append("Cookie: ").append(cookie).append("\r\n"));
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null && headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Length")
                || name.equalsIgnoreCase("Transfer-Encoding"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(TIMEOUT_MS);
            // read while writing: a server that refuses early answers and closes while the rest is
            // still being sent, and an answer not read before that close would be lost to the reset
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException refusedMidway) {
                // the server answered and closed before it read everything: what it said is read above
            }
            return Response.parse(answer.join());
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof AssertionError hung) {
                throw new AssertionError(method + " " + target + ": " + hung.getMessage(), hung);
            }
            throw failed;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    public static Response get(URL base, String target) {
        return send(base, "GET", target, Map.of(), null);
    }

    private static byte[] readAll(Socket socket) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                all.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException hung) {
            throw new AssertionError("no answer within " + TIMEOUT_MS + " ms", hung);
        } catch (IOException reset) {
            // closed on us after the answer (the unread rest of a refused body): keep what came
        }
        return all.toByteArray();
    }

    /** An answer: status, headers (names in lower case, the last value of each), body. */
    public record Response(int status, Map<String, String> headers, String body) {

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.") || end < 0) {
                return new Response(0, Map.of(), text); // the connection closed without an answer
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
            }
            byte[] bodyBytes = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            String body = new String(bodyBytes, StandardCharsets.UTF_8);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Response(status, headers, body);
        }

        private static String unchunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
                at = lineEnd + 2 + size + 2;
            }
            return body.toString();
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
