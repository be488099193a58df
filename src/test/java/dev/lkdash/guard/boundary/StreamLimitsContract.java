package dev.lkdash.guard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * contract's 429, a slot comes back when its stream ends, a client that stops reading (its
 * socket takes no more bytes) is found and cut, and so is a client whose connection went
 * half-open (it acknowledges nothing any more), each of which gives its slot back.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
abstract class StreamLimitsContract {

    static final int STREAMS_PER_ADDRESS = 2;
    static final int HALF_OPEN_SECONDS = 4;

    @ArquillianResource
    URL base;

    static WebArchive deployment(String transport, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("dashboard.sse.transport", transport);
        settings.put("dashboard.sse.max-connections-per-address", Integer.toString(STREAMS_PER_ADDRESS));
        settings.put("dashboard.sse.heartbeat-seconds", "1");
        settings.put("dashboard.sse.send-timeout-ms", "1000");
        settings.put("dashboard.sse.half-open-seconds", Integer.toString(HALF_OPEN_SECONDS));
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

    /**
     * A stream without a client id whose peer vanishes: every packet to the client's port is
     * dropped by the packet filter, so the client neither receives nor acknowledges the heartbeats
     * and the webhook sent to it, while writes on the server keep succeeding. The server must end
     * that stream no sooner than {@code dashboard.sse.half-open-seconds} after, and soon after
     * (not when the kernel gives up, ~15 minutes), and give its slot back; a reading stream of the
     * same address is not touched.
     */
    @Test
    void aClientWhoseConnectionWentHalfOpenIsClosedAndItsSlotComesBack() throws Exception {
        java.util.Optional<String> noFilter = dev.lkdash.testing.PacketFilter.unavailable();
        org.junit.jupiter.api.Assumptions.assumeTrue(noFilter.isEmpty(),
                () -> "SKIPPED: a half-open connection is made with the packet filter: " + noFilter.orElse(""));
        WebhookSender livekit = new WebhookSender(base, LiveKitSigner.TEST);
        try (Socket vanishing = new Socket(); SseTestClient reading = SseTestClient.open(base)) {
            assertEquals(200, reading.response().statusCode());
            assertEquals("connected", reading.nextMessage(Duration.ofSeconds(10)).json().getString("event"));
            vanishing.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
            vanishing.setSoTimeout(20_000);
            String cookie = TestLogin.cookie(java.net.URI.create(base.toString())).map(c -> "Cookie: " + c + "\r\n").orElse("");
            vanishing.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nAccept: text/event-stream\r\n" + cookie + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] head = vanishing.getInputStream().readNBytes(12);
            assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.ISO_8859_1));
            try (SseTestClient refused = SseTestClient.open(base)) {
                assertEquals(429, refused.response().statusCode(), "the two streams hold the address's slots");
            }
            double halfOpenBefore = Metrics.value(Metrics.scrape(base), "dashboard_sse_clients_dropped_total", "reason=\"half_open\"");
            assertFalse(Double.isNaN(halfOpenBefore), "streams closed as half-open are counted");
            long vanishedAt;
            long closedAfterMillis;
            try (dev.lkdash.testing.PacketFilter dropped = dev.lkdash.testing.PacketFilter.dropTo(vanishing.getLocalPort())) {
                vanishedAt = System.nanoTime();
                assertEquals(200, livekit.send(WebhookSender.withId(Fixtures.body("room_started"), "EV_halfopen")).status());
                assertEquals("room_started", reading.nextMessage(Duration.ofSeconds(10)).json().getString("event"));
                long deadline = vanishedAt + Duration.ofSeconds(HALF_OPEN_SECONDS + 30).toNanos();
                while (Metrics.value(Metrics.scrape(base), "dashboard_sse_clients_dropped_total", "reason=\"half_open\"") <= halfOpenBefore) {
                    assertTrue(System.nanoTime() < deadline, "the half-open stream was not closed within "
                            + (HALF_OPEN_SECONDS + 30) + " s");
                    Thread.sleep(100);
                }
                closedAfterMillis = Duration.ofNanos(System.nanoTime() - vanishedAt).toMillis();
                System.out.println("half-open stream closed " + closedAfterMillis + " ms after its peer vanished (dashboard.sse.half-open-seconds="
                        + HALF_OPEN_SECONDS + ")");
                awaitStreamsOpen(1, "the half-open stream's slot came back (the reading one still holds the other)");
            }
            assertTrue(closedAfterMillis >= HALF_OPEN_SECONDS * 1000L,
                    "closed after " + closedAfterMillis + " ms: before " + HALF_OPEN_SECONDS + " s of unacknowledged data");
            assertEquals(halfOpenBefore + 1, Metrics.value(Metrics.scrape(base), "dashboard_sse_clients_dropped_total",
                    "reason=\"half_open\""), "that stream alone was closed as half-open");
            assertEquals(200, livekit.send(WebhookSender.withId(Fixtures.body("room_started"), "EV_halfopen_after")).status());
            assertEquals("EV_halfopen_after", reading.nextMessage(Duration.ofSeconds(10)).json()
                    .getJsonObject("metadata").getString("webhookId"), "the reading stream of the same address goes on");
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
