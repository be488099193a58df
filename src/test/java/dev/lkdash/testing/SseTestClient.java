package dev.lkdash.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stream client, signed in ({@link TestLogin}), that parses SSE frames as the spec says and queues them with their arrival
 * time; tests take frames from the queue on their own thread and assert there.
 */
public final class SseTestClient implements AutoCloseable {

    /** HTTP/1.1 as browsers use on plain http (README, Operations: h2c streams stall each other). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    private SseTestClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    public static SseTestClient open(URL base) {
        return open(base, null);
    }

    public static SseTestClient open(URL base, String lastEventId) {
        return open(base, "/api/events", lastEventId);
    }

    /** Opens any stream path (e.g. with a {@code ?lastEventId=} query). */
    public static SseTestClient open(URL base, String path, String lastEventId) {
        URI root = URI.create(base.toString());
        try {
            HttpResponse<InputStream> response = HTTP.send(request(root, path, lastEventId, true).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 401) {
                response.body().close();
                TestLogin.renew(root);
                response = HTTP.send(request(root, path, lastEventId, true).build(), HttpResponse.BodyHandlers.ofInputStream());
            }
            return new SseTestClient(response);
        } catch (IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** Opens the stream without signing in, as a visitor who has not. */
    public static SseTestClient openAnonymous(URL base) {
        try {
            return new SseTestClient(HTTP.send(request(URI.create(base.toString()), "/api/events", null, false).build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static HttpRequest.Builder request(URI base, String path, String lastEventId, boolean signedIn) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return signedIn ? TestLogin.signedIn(request, base) : request;
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    public String body() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next frame, or an assertion failure after the timeout. */
    public Frame next(Duration timeout) throws InterruptedException {
        Frame frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + timeout);
        }
        return frame;
    }

    /** The next frame that is not a heartbeat or a webhook health notice. */
    public Frame nextMessage(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!frame.isBackground()) {
                return frame;
            }
        }
    }

    /** Whatever arrives within the window (heartbeats and webhook health notices left out). */
    public List<Frame> messagesWithin(Duration window) throws InterruptedException {
        List<Frame> arrived = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        Frame frame;
        while ((frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            if (!frame.isBackground()) {
                arrived.add(frame);
            }
        }
        return arrived;
    }

    /** Whether the server ends the stream within the timeout. */
    public boolean endsWithin(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        return !reader.isAlive();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Frame.Builder frame = new Frame.Builder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (frame.hasContent()) {
                        frames.add(frame.build(System.nanoTime()));
                    }
                    frame = new Frame.Builder();
                } else {
                    frame.line(line);
                }
            }
        } catch (IOException closed) {
            // the stream ended; tests see it as missing frames
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** One SSE frame: its fields as sent, and when it arrived (monotonic nanos). */
    public record Frame(String id, String event, String data, List<String> comments, String retry, long arrivedNanos) {

        public boolean isHeartbeat() {
            return "heartbeat".equals(event);
        }

        /**
         * A heartbeat, or the notice that webhook health changed: sent every few seconds after a
         * refusal or a duplicate, whatever a test is waiting for.
         */
        public boolean isBackground() {
            return isHeartbeat() || data != null && data.contains("\"event\":\"webhook_health\"");
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(data)).readObject();
        }

        static final class Builder {
            private String id;
            private String event;
            private StringBuilder data;
            private final List<String> comments = new ArrayList<>();
            private String retry;

            void line(String line) {
                if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                    return;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "retry" -> retry = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }

            boolean hasContent() {
                return id != null || event != null || data != null || !comments.isEmpty() || retry != null;
            }

            Frame build(long arrivedNanos) {
                return new Frame(id, event, data == null ? null : data.toString(), List.copyOf(comments), retry, arrivedNanos);
            }
        }
    }
}
