package dev.lkdash.demo.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.demo.control.WebhookPoster.Delivery;
import dev.lkdash.demo.control.WebhookPoster.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPlayerTest {

    private static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

    @Test
    void keeps_events_while_the_endpoint_is_down_and_delivers_them_in_order_later() throws Exception {
        List<String> delivered = new ArrayList<>();
        List<String> log = new ArrayList<>();
        boolean[] up = {false};
        DemoPlayer player = new DemoPlayer(new DemoTraffic(1, START, DemoTraffic.Settings.DEFAULT), body -> {
            if (!up[0]) {
                return new Delivery(Outcome.RETRY, 0, "java.net.ConnectException");
            }
            delivered.add(body);
            return new Delivery(Outcome.DELIVERED, 200, "{\"status\":\"ok\"}");
        }, log::add);

        for (int s = 0; s < 10; s++) {
            assertEquals(0, player.tick(START.plusSeconds(s)));
        }
        int waiting = player.pending();
        assertTrue(waiting > 0, "events wait");
        assertEquals(1, log.size(), "one line when delivery starts failing: " + log);

        up[0] = true;
        assertEquals(waiting, player.tick(START.plusSeconds(9)));
        assertEquals(0, player.pending());
        assertTrue(delivered.get(0).contains("\"room_started\""), "in order: the room starts first");
        assertEquals(2, log.size(), "one line when it recovers: " + log);
    }

    @Test
    void a_refused_event_is_dropped_not_retried() throws Exception {
        List<String> log = new ArrayList<>();
        int[] calls = {0};
        DemoPlayer player = new DemoPlayer(new DemoTraffic(1, START, DemoTraffic.Settings.DEFAULT), body -> {
            calls[0]++;
            return new Delivery(Outcome.REFUSED, 400, "{\"error\":\"invalid_signature\"}");
        }, log::add);
        player.tick(START.plusSeconds(5));
        assertEquals(0, player.pending());
        assertTrue(calls[0] > 1);
        assertEquals(1, log.size(), "refusals are logged sparingly: " + log);
    }

    @Test
    void finishing_ends_every_room_that_started_and_everyone_in_it() throws Exception {
        List<String> delivered = new ArrayList<>();
        DemoPlayer player = new DemoPlayer(new DemoTraffic(3, START, DemoTraffic.Settings.DEFAULT), body -> {
            delivered.add(body);
            return new Delivery(Outcome.DELIVERED, 200, "{\"status\":\"ok\"}");
        }, line -> { });
        for (int s = 0; s < 90; s++) {
            player.tick(START.plusSeconds(s));
        }
        assertTrue(live(delivered).rooms() > 0, "rooms are live before the end");
        assertTrue(player.finish(START.plusSeconds(90)) > 0);
        assertEquals(new Live(0, 0), live(delivered), "no room and nobody left live");
        int before = delivered.size();
        player.tick(START.plusSeconds(600));
        assertEquals(before, delivered.size(), "nothing is played after the end");
    }

    private record Live(int rooms, int participants) {
    }

    /** Rooms started and not finished, participants joined and not left, in the bodies sent. */
    private static Live live(List<String> bodies) {
        java.util.Set<String> rooms = new java.util.HashSet<>();
        java.util.Set<String> participants = new java.util.HashSet<>();
        for (String body : bodies) {
            jakarta.json.JsonObject event = jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject();
            String room = event.containsKey("room") ? event.getJsonObject("room").getString("sid") : "";
            switch (event.getString("event")) {
                case "room_started" -> rooms.add(room);
                case "room_finished" -> rooms.remove(room);
                case "participant_joined" -> participants.add(event.getJsonObject("participant").getString("sid"));
                case "participant_left" -> participants.remove(event.getJsonObject("participant").getString("sid"));
                default -> { }
            }
        }
        return new Live(rooms.size(), participants.size());
    }
}
