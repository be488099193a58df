package dev.lkdash.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Posts webhooks to the dashboard as a LiveKit server does. */
public final class WebhookSender {

    public static final String CONTENT_TYPE = "application/webhook+json";

    private final URI endpoint;
    private final LiveKitSigner signer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookSender(URL base, LiveKitSigner signer) {
        this.endpoint = TestLogin.root(URI.create(base.toString())).resolve("api/webhooks/livekit");
        this.signer = signer;
    }

    /** Signed with LiveKit's token, LiveKit's content type. */
    public Answer send(byte[] body) {
        return send(body, CONTENT_TYPE, signer.sign(body));
    }

    public CompletableFuture<Answer> sendAsync(byte[] body) {
        return http.sendAsync(request(body, CONTENT_TYPE, signer.sign(body)), HttpResponse.BodyHandlers.ofString())
                .thenApply(Answer::new);
    }

    /** Any body, content type and Authorization header (null leaves the header out). */
    public Answer send(byte[] body, String contentType, String authorization) {
        try {
            return new Answer(http.send(request(body, contentType, authorization), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private HttpRequest request(byte[] body, String contentType, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    /** A webhook with a fresh LiveKit event id, otherwise the fixture's body. */
    public static byte[] withId(byte[] fixture, String eventId) {
        String body = new String(fixture, StandardCharsets.UTF_8);
        return body.replaceFirst("\"id\"\\s*:\\s*\"EV_[A-Za-z0-9]+\"", "\"id\": \"" + eventId + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The dashboard's answer. */
    public record Answer(int status, String body, HttpResponse<String> response) {

        Answer(HttpResponse<String> response) {
            this(response.statusCode(), response.body(), response);
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }
}
