package dev.lkdash.demo.control;

import io.livekit.server.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;

/**
 * Posts a webhook body to a dashboard's {@code /api/webhooks/livekit}, signed as a LiveKit server
 * signs it: {@code Authorization: <jwt>} where the JWT is an access token of the API key (HS256,
 * issuer = key, valid from now for 5 minutes) whose {@code sha256} claim is base64(SHA-256 of the
 * body bytes), and {@code Content-Type: application/webhook+json}. HTTP/1.1 only (see README on h2c).
 */
public final class WebhookPoster {

    /** What became of one delivery, as LiveKit would see it. */
    public enum Outcome {
        /** 2xx: accepted or recognised as a duplicate. */
        DELIVERED,
        /** No connection, 429 or 5xx: LiveKit would try again. */
        RETRY,
        /** Any other answer: LiveKit counts it as delivered and moves on. */
        REFUSED
    }

    /** The answer, for logging. */
    public record Delivery(Outcome outcome, int status, String detail) {}

    private static final Duration VALID_FOR = Duration.ofMinutes(5);
    public static final String PATH = "/api/webhooks/livekit";

    private final URI endpoint;
    private final String apiKey;
    private final String apiSecret;
    private final HttpClient http;

    public WebhookPoster(URI dashboard, String apiKey, String apiSecret) {
        this.endpoint = endpoint(dashboard);
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** {@code http://host:port} (with or without a path or trailing slash) → the webhook URL. */
    public static URI endpoint(URI dashboard) {
        String base = dashboard.toString().replaceAll("/+$", "");
        return URI.create(base.endsWith(PATH) ? base : base + PATH);
    }

    public URI endpoint() {
        return endpoint;
    }

    public Delivery post(String body) throws InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/webhook+json")
                .header("Authorization", authorization(apiKey, apiSecret, bytes, System.currentTimeMillis()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            Outcome outcome = status >= 200 && status < 300 ? Outcome.DELIVERED
                    : status == 429 || status >= 500 ? Outcome.RETRY : Outcome.REFUSED;
            return new Delivery(outcome, status, answer.body());
        } catch (IOException unreachable) {
            return new Delivery(Outcome.RETRY, 0, unreachable.toString());
        }
    }

    /** The {@code Authorization} value a LiveKit server would send with {@code body}. */
    public static String authorization(String apiKey, String apiSecret, byte[] body, long nowMillis) {
        AccessToken token = new AccessToken(apiKey, apiSecret);
        token.setSha256(Base64.getEncoder().encodeToString(sha256(body)));
        token.setNotBefore(new Date(nowMillis / 1000 * 1000));
        token.setExpiration(new Date(nowMillis + VALID_FOR.toMillis()));
        return token.toJwt();
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
