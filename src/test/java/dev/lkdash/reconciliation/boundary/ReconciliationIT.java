package dev.lkdash.reconciliation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.ReadApi;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.SseTestClient.Frame;
import dev.lkdash.testing.TwirpRoomService;
import dev.lkdash.testing.WebhookSender;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import livekit.LivekitModels;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reconciliation against a stand-in RoomService that speaks LiveKit's Twirp protocol (a real
 * LiveKit server cannot be installed on these machines): rooms LiveKit lists but no webhook
 * announced appear, participants and rooms it no longer lists are ended, and every correction
 * reaches the stream as a {@code system} {@code reconciliation} message.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class ReconciliationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TwirpRoomService LIVEKIT = new TwirpRoomService();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.withKeys("reconciliation", Map.of(
                "livekit.url", LIVEKIT.url(),
                "dashboard.reconcile.interval-seconds", "1",
                "dashboard.reconcile.grace-seconds", "0"));
    }

    @AfterAll
    static void stopLiveKit() {
        LIVEKIT.close();
    }

    @Test
    void theStateFollowsWhatLiveKitLists() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        LivekitModels.Room ghost = LivekitModels.Room.newBuilder().setSid("RM_ghost").setName("ghost-room").setCreationTime(now - 60).build();
        LivekitModels.ParticipantInfo carol = LivekitModels.ParticipantInfo.newBuilder()
                .setSid("PA_carol").setIdentity("carol").setName("Carol").setJoinedAt(now - 30)
                .setState(LivekitModels.ParticipantInfo.State.ACTIVE).build();

        try (SseTestClient stream = SseTestClient.open(base)) {
            assertEquals("connected", stream.next(WAIT).json().getString("event"));

            // a room no webhook announced, with a participant
            LIVEKIT.list(Map.of(ghost, List.of(carol)));
            JsonObject discovered = nextCorrection(stream, "room_discovered");
            assertEquals("ghost-room", discovered.getJsonObject("room").getString("name"));
            JsonObject carolFound = nextCorrection(stream, "participant_discovered");
            assertEquals("carol", carolFound.getJsonObject("participant").getString("identity"));
            assertEquals(1, carolFound.getJsonObject("roomSummary").getInt("numParticipants"));
            JsonObject ghostRoom = new ReadApi(base).object("/api/rooms/ghost-room");
            assertEquals("carol", ghostRoom.getJsonArray("participants").getJsonObject(0).getString("identity"));

            // a room heard of through webhooks, which then ends while its room_finished is lost
            WebhookSender livekit = new WebhookSender(base, LiveKitSigner.TEST);
            assertEquals(200, livekit.send(WebhookSender.withId(Fixtures.body("room_started"), "EV_reconcile1")).status());
            assertEquals("room_started", stream.nextMessage(WAIT).json().getString("event"));
            LIVEKIT.list(Map.of(ghost, List.of()));
            List<String> corrections = List.of(nextCorrection(stream, null).getString("action"), nextCorrection(stream, null).getString("action"));
            assertTrue(corrections.containsAll(List.of("participant_vanished", "room_ended")), corrections.toString());

            JsonArray rooms = new ReadApi(base).array("/api/rooms");
            assertEquals(1, rooms.size(), rooms.toString());
            assertEquals("ghost-room", rooms.getJsonObject(0).getString("name"));
            assertEquals(0, rooms.getJsonObject(0).getInt("numParticipants"));
            JsonObject ended = new ReadApi(base).object("/api/sessions/RM_standup0001");
            assertTrue(ended.getJsonNumber("endedAt") != null, "the lost room_finished was repaired: " + ended);

            // a further round finds nothing more to correct
            int rounds = LIVEKIT.calls("ListRooms");
            while (LIVEKIT.calls("ListRooms") < rounds + 2) {
                Thread.sleep(100); // waiting for the dashboard's own timer to run two more rounds
            }
            assertTrue(stream.messagesWithin(Duration.ofMillis(300)).isEmpty(), "nothing corrected twice");
        }
    }

    /** The next reconciliation message (skipping other messages), with the given action if not null. */
    private static JsonObject nextCorrection(SseTestClient stream, String action) throws InterruptedException {
        while (true) {
            Frame frame = stream.nextMessage(WAIT);
            JsonObject message = frame.json();
            if (!"reconciliation".equals(message.getString("event"))) {
                continue;
            }
            assertEquals("system", message.getString("type"));
            assertEquals("internal", message.getJsonObject("metadata").getString("source"));
            assertEquals(message.getString("id"), frame.id(), "corrections are journaled: resumable like any message");
            JsonObject data = message.getJsonObject("data");
            if (action != null) {
                assertEquals(action, data.getString("action"));
            }
            return data;
        }
    }

}
