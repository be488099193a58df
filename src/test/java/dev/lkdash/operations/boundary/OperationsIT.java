package dev.lkdash.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.Metrics;
import dev.lkdash.testing.OperationsEndpoints;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.WebhookSender;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health and every metric the contract lists, after real traffic. */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class OperationsIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.withKeys("operations", Map.of("dashboard.sse.max-connections", "1"));
    }

    @Test
    void healthIsUpWithItsChecks() throws Exception {
        for (String path : new String[] {"/health", "/health/live", "/health/ready"}) {
            HttpURLConnection health = (HttpURLConnection) OperationsEndpoints.uri(base, path).toURL().openConnection();
            assertEquals(200, health.getResponseCode(), path);
            try (InputStream body = health.getInputStream()) {
                JsonObject status = Json.createReader(body).readObject();
                assertEquals("UP", status.getString("status"), path);
                assertFalse(status.getJsonArray("checks").isEmpty(), path);
            }
        }
    }

    @Test
    void metricsCountWebhooksStreamsAndDeliveries() throws Exception {
        WebhookSender livekit = new WebhookSender(base, LiveKitSigner.TEST);
        byte[] body = WebhookSender.withId(Fixtures.body("room_started"), "EV_operations1");
        try (SseTestClient stream = SseTestClient.open(base)) {
            stream.next(Duration.ofSeconds(10));
            assertEquals(200, livekit.send(body).status());
            assertEquals(200, livekit.send(body).status());
            assertEquals(400, livekit.send(body, WebhookSender.CONTENT_TYPE, "garbage").status());
            stream.nextMessage(Duration.ofSeconds(10));
            try (SseTestClient refused = SseTestClient.open(base)) {
                assertEquals(429, refused.response().statusCode());
            }

            String metrics = Metrics.scrape(base);
            assertEquals(1, Metrics.value(metrics, "dashboard_sse_connections", Metrics.APPLICATION), metrics);
            assertEquals(1, Metrics.value(metrics, "dashboard_webhooks_received_total", "event=\"room_started\"", "outcome=\"accepted\""));
            assertEquals(1, Metrics.value(metrics, "dashboard_webhooks_received_total", "event=\"room_started\"", "outcome=\"duplicate\""));
            assertEquals(1, Metrics.value(metrics, "dashboard_webhooks_received_total", "event=\"unknown\"", "outcome=\"invalid_signature\""));
            assertEquals(1, Metrics.value(metrics, "dashboard_webhooks_duplicates_total"));
            assertEquals(3, Metrics.value(metrics, "dashboard_webhooks_processing_microseconds_count"));
            assertTrue(Metrics.value(metrics, "dashboard_webhooks_processing_microseconds_sum") > 0);
            assertTrue(Metrics.value(metrics, "dashboard_sse_messages_sent_total") >= 1);
            assertTrue(Metrics.value(metrics, "dashboard_sse_broadcast_microseconds_count") >= 1);
            assertEquals(0, Metrics.value(metrics, "dashboard_sse_send_failures_total"));
            assertEquals(1, Metrics.value(metrics, "dashboard_sse_connections_refused_total"));
            assertEquals(0, Metrics.value(metrics, "dashboard_sse_clients_dropped_total", "reason=\"slow\""));
        }
    }
}
