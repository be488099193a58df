package dev.lkdash.guard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.ErrorShape;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.Metrics;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.TestLogin;
import dev.lkdash.testing.WebhookSender;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-address stream cap on a transport: a third stream from one address is refused with the
 * contract's 429, a slot comes back when its stream ends, and a client that stops reading (its
 * socket takes no more bytes) is found and cut, which gives its slot back.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
abstract class StreamLimitsContract {

    static final int STREAMS_PER_ADDRESS = 2;

    @ArquillianResource
    URL base;

    static WebArchive deployment(String transport, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("dashboard.sse.transport", transport);
        settings.put("dashboard.sse.max-connections-per-address", Integer.toString(STREAMS_PER_ADDRESS));
        settings.put("dashboard.sse.heartbeat-seconds", "1");
        settings.put("dashboard.sse.send-timeout-ms", "1000");
        return DashboardDeployment.withKeys("limits-" + transport, settings);
    }

    @AfterEach
    void everyStreamIsGone() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Metrics.value(Metrics.scrape(base), "dashboard_sse_connections", Metrics.APPLICATION) > 0) {
            assertTrue(System.nanoTime() < deadline, "streams still open 30 s after their clients closed");
            Thread.sleep(200);
        }
    }

    @Test
    void oneAddressHoldsAtMostItsShareOfStreams() throws Exception {
        try (SseTestClient first = SseTestClient.open(base); SseTestClient second = SseTestClient.open(base)) {
            assertEquals(200, first.response().statusCode());
            assertEquals(200, second.response().statusCode());
            try (SseTestClient third = SseTestClient.open(base)) {
                assertEquals(429, third.response().statusCode());
                assertTrue(Long.parseLong(third.response().headers().firstValue("Retry-After").orElseThrow()) >= 1);
                assertEquals("too_many_streams", ErrorShape.check("third stream",
                        third.response().headers().firstValue("Content-Type").orElse(null), third.body()));
            }
        }
        awaitStreamsOpen(2, "slots come back once the streams end");
        assertTrue(Metrics.value(Metrics.scrape(base), "dashboard_requests_refused_total", "reason=\"too_many_streams\"") >= 1);
    }

    @Test
    void aClientThatStopsReadingIsCutAndItsSlotComesBack() throws Exception {
        WebhookSender livekit = new WebhookSender(base, LiveKitSigner.TEST);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
            OutputStream out = stalled.getOutputStream();
            String cookie = TestLogin.cookie(java.net.URI.create(base.toString())).map(c -> "Cookie: " + c + "\r\n").orElse("");
            out.write(("GET /api/events HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAccept: text/event-stream\r\n" + cookie
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = stalled.getInputStream();
            byte[] head = new byte[12];
            assertEquals(12, in.readNBytes(head, 0, 12));
            assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.ISO_8859_1));
            // from here on the client reads nothing
            try (SseTestClient reading = SseTestClient.open(base)) {
                assertEquals(200, reading.response().statusCode());
                try (SseTestClient refused = SseTestClient.open(base)) {
                    assertEquals(429, refused.response().statusCode(), "the stalled stream still holds its slot");
                }
                double slowBefore = Metrics.value(Metrics.scrape(base), "dashboard_sse_clients_dropped_total", "reason=\"slow\"");
                String metadata = "m".repeat(200_000);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int sent = 0;
                while (Metrics.value(Metrics.scrape(base), "dashboard_sse_clients_dropped_total", "reason=\"slow\"") <= slowBefore) {
                    assertTrue(System.nanoTime() < deadline, "the stalled stream was not cut within 60 s (" + sent + " webhooks)");
                    byte[] body = WebhookSender.withId(Fixtures.body("room_started"), "EV_stall" + sent++);
                    body = new String(body, StandardCharsets.UTF_8).replace("{\\\"team\\\":\\\"engineering\\\"}", metadata)
                            .getBytes(StandardCharsets.UTF_8);
                    assertEquals(200, livekit.send(body).status());
                }
                awaitStreamsOpen(1, "the stalled stream's slot came back (the reading one still holds the other)");
            }
        }
    }

    private void awaitStreamsOpen(int count, String why) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            java.util.List<SseTestClient> opened = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    opened.add(SseTestClient.open(base));
                }
                if (opened.stream().allMatch(stream -> stream.response().statusCode() == 200)) {
                    return;
                }
            } finally {
                opened.forEach(SseTestClient::close);
            }
            assertTrue(System.nanoTime() < deadline, why + ": " + count + " stream(s) did not open within 20 s");
            Thread.sleep(500);
        }
    }
}
