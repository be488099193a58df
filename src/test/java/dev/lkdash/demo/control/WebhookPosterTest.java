package dev.lkdash.demo.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.lkdash.webhooks.control.WebhookVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookPosterTest {

    @Test
    void signs_as_livekit_so_the_dashboards_own_verifier_accepts_it() {
        byte[] body = "{\"event\":\"room_started\",\"id\":\"EV_abc\"}".getBytes(StandardCharsets.UTF_8);
        String authorization = WebhookPoster.authorization("devkey", "devsecret-change-me-0123456789abcdef", body,
                System.currentTimeMillis());
        WebhookVerifier verifier = new WebhookVerifier("devkey", "devsecret-change-me-0123456789abcdef",
                Duration.ZERO, Clock.systemUTC());
        assertDoesNotThrow(() -> verifier.verify(authorization, WebhookVerifier.sha256(body)));
    }

    @Test
    void the_endpoint_is_found_from_the_dashboard_url() {
        assertEquals(URI.create("http://localhost:8080/api/webhooks/livekit"),
                WebhookPoster.endpoint(URI.create("http://localhost:8080")));
        assertEquals(URI.create("http://localhost:8080/api/webhooks/livekit"),
                WebhookPoster.endpoint(URI.create("http://localhost:8080/")));
        assertEquals(URI.create("http://h:1/api/webhooks/livekit"),
                WebhookPoster.endpoint(URI.create("http://h:1/api/webhooks/livekit")));
    }
}
