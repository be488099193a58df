package dev.lkdash.reconciliation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Events;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.Metrics;
import dev.lkdash.testing.ReadApi;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.WebhookSender;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Without {@code livekit.url}: a room whose {@code room_finished} was lost is presumed ended by
 * the application's own timer, reaches the stream as a correction and the sessions API as
 * {@code presumed_ended}, and a real {@code room_finished} arriving later replaces it. LiveKit's
 * {@code numDropped} reaches the metrics.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class PresumedEndIT {

    /** The timer checks every 15 s. */
    private static final Duration WAIT = Duration.ofSeconds(40);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.withKeys("presumed-end", Map.of("dashboard.rooms.presume-ended", "true"));
    }

    @Test
    void aRoomThatWentQuietIsPresumedEndedUntilItsRoomFinishedComes() throws Exception {
        // started long enough ago that LiveKit's default timeouts (300 + 20 s) have passed: nobody joined
        long started = System.currentTimeMillis() / 1000 - 1000;
        WebhookSender livekit = new WebhookSender(base, LiveKitSigner.TEST);
        try (SseTestClient stream = SseTestClient.open(base)) {
            assertEquals("connected", stream.next(WAIT).json().getString("event"));
            assertEquals(200, livekit.send(Events.roomStarted("EV_quiet0", "RM_quiet", "quiet", started)).status());
            assertEquals("room_started", stream.nextMessage(WAIT).json().getString("event"));

            JsonObject message = stream.nextMessage(WAIT).json();
            assertEquals("system", message.getString("type"));
            assertEquals("reconciliation", message.getString("event"));
            assertEquals("room_presumed_ended", message.getJsonObject("data").getString("action"));
            assertEquals("RM_quiet", message.getJsonObject("data").getJsonObject("room").getString("sid"));
        }
        JsonObject presumed = new ReadApi(base).object("/api/sessions/RM_quiet");
        assertEquals("presumed_ended", presumed.getString("endedBy"));
        assertEquals((started + 300) * 1000, presumed.getJsonNumber("endedAt").longValue(),
                "an empty room closes its emptyTimeout after its creation");
        assertEquals(0, new ReadApi(base).array("/api/rooms").size(), "no longer active");

        assertEquals(200, livekit.send(Events.roomFinished("EV_quiet9", "RM_quiet", "quiet", started, started + 100))
                .status());
        JsonObject finished = new ReadApi(base).object("/api/sessions/RM_quiet");
        assertEquals("room_finished", finished.getString("endedBy"));
        assertEquals((started + 100) * 1000, finished.getJsonNumber("endedAt").longValue());
    }

    @Test
    void whatLiveKitSaysItDroppedIsCounted() throws Exception {
        double before = Metrics.value(Metrics.scrape(base), "dashboard_webhooks_livekit_dropped_total");
        byte[] body = ("{\"event\":\"room_started\",\"id\":\"EV_drops\",\"createdAt\":\""
                + System.currentTimeMillis() / 1000 + "\",\"numDropped\":3,"
                + "\"room\":{\"sid\":\"RM_drops\",\"name\":\"drops\"}}").getBytes(StandardCharsets.UTF_8);
        assertEquals(200, new WebhookSender(base, LiveKitSigner.TEST).send(body).status());
        assertEquals(before + 3, Metrics.value(Metrics.scrape(base), "dashboard_webhooks_livekit_dropped_total"));
    }

}
