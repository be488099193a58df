package dev.lkdash.demo.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import livekit.LivekitEgress.EgressStatus;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;
import livekit.LivekitWebhook.WebhookEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoTrafficTest {

    private static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

    /** Plays {@code hours} of traffic a second at a time, then lets the rooms alive play out. */
    private static List<String> play(long seed, double hours) {
        DemoTraffic traffic = new DemoTraffic(seed, START, DemoTraffic.Settings.DEFAULT);
        List<String> bodies = new ArrayList<>();
        Instant now = START;
        Instant stopAt = START.plusSeconds((long) (hours * 3600));
        while (now.isBefore(stopAt)) {
            bodies.addAll(traffic.due(now));
            now = now.plusSeconds(1);
        }
        traffic.stopStartingRooms();
        Instant limit = now.plus(Duration.ofMinutes(15));
        while (!traffic.isIdle()) {
            assertTrue(now.isBefore(limit), "the rooms alive finish within 15 minutes");
            bodies.addAll(traffic.due(now));
            now = now.plusSeconds(1);
        }
        return bodies;
    }

    private static WebhookEvent parse(String body) {
        WebhookEvent.Builder event = WebhookEvent.newBuilder();
        try {
            JsonFormat.parser().merge(body, event); // strict: an unknown field fails
        } catch (InvalidProtocolBufferException notLiveKit) {
            throw new AssertionError("not a WebhookEvent: " + body, notLiveKit);
        }
        return event.build();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 42, 20260101})
    void every_room_that_starts_finishes_and_everyone_who_joins_leaves_in_order(long seed) {
        List<WebhookEvent> events = play(seed, 2).stream().map(DemoTrafficTest::parse).toList();

        Set<String> ids = new HashSet<>();
        Map<String, String> roomState = new HashMap<>();           // room sid -> started/finished
        Set<String> present = new HashSet<>();                       // room sid + participant sid
        Map<String, Set<String>> tracksOf = new HashMap<>();          // room sid + participant sid -> track sids
        Map<String, EgressStatus> egress = new HashMap<>();
        Map<String, Long> lastCreatedAt = new HashMap<>();
        for (WebhookEvent event : events) {
            assertTrue(ids.add(event.getId()), "ids are unique");
            assertTrue(event.getId().matches("EV_[A-Za-z0-9]{12}"), event.getId());
            assertTrue(event.getCreatedAt() > START.getEpochSecond() - 1);
            String room = event.hasRoom() ? event.getRoom().getSid() : event.getEgressInfo().getRoomId();
            Long previous = lastCreatedAt.put(room, event.getCreatedAt());
            assertTrue(previous == null || previous <= event.getCreatedAt(), "time goes forward within a room");
            String who = room + "/" + event.getParticipant().getSid();
            switch (event.getEvent()) {
                case "room_started" -> assertEquals(null, roomState.put(room, "started"), "a room starts once");
                case "room_finished" -> {
                    assertEquals("started", roomState.put(room, "finished"));
                    assertFalse(present.stream().anyMatch(p -> p.startsWith(room + "/")), "everyone left first");
                    assertEquals(0, event.getRoom().getNumParticipants());
                }
                case "participant_joined" -> {
                    assertEquals("started", roomState.get(room), "joins happen in a started room");
                    assertTrue(present.add(who), "joins once");
                    tracksOf.put(who, new HashSet<>());
                }
                case "participant_left" -> {
                    assertTrue(present.remove(who), "leaves after joining");
                    assertTrue(tracksOf.get(who).isEmpty(), "tracks are unpublished before leaving");
                    assertEquals(ParticipantInfo.State.DISCONNECTED, event.getParticipant().getState());
                    assertTrue(event.getParticipant().getDisconnectReasonValue() > 0, "a reason is given");
                }
                case "track_published" -> {
                    assertTrue(present.contains(who), "publishes while present");
                    assertTrue(tracksOf.get(who).add(event.getTrack().getSid()));
                }
                case "track_unpublished" -> {
                    assertTrue(present.contains(who));
                    assertTrue(tracksOf.get(who).remove(event.getTrack().getSid()), "unpublishes what it published");
                }
                case "egress_started" -> {
                    assertEquals("started", roomState.get(room));
                    assertEquals(null, egress.put(event.getEgressInfo().getEgressId(), EgressStatus.EGRESS_STARTING));
                }
                case "egress_updated" -> assertEquals(EgressStatus.EGRESS_STARTING,
                        egress.put(event.getEgressInfo().getEgressId(), EgressStatus.EGRESS_ACTIVE));
                case "egress_ended" -> {
                    assertEquals(EgressStatus.EGRESS_ACTIVE,
                            egress.put(event.getEgressInfo().getEgressId(), EgressStatus.EGRESS_COMPLETE));
                    assertEquals("started", roomState.get(room), "the recording ends before the room");
                    assertTrue(event.getEgressInfo().getEndedAt() > event.getEgressInfo().getStartedAt());
                }
                default -> throw new AssertionError("unexpected event " + event.getEvent());
            }
        }
        assertTrue(roomState.size() >= 10, "rooms come and go over two hours: " + roomState.size());
        assertTrue(roomState.values().stream().allMatch("finished"::equals), "every room that starts finishes");
        assertTrue(present.isEmpty(), "everyone who joins leaves");
        assertTrue(egress.values().stream().allMatch(EgressStatus.EGRESS_COMPLETE::equals), "every recording ends");
    }

    @Test
    void plays_people_agents_a_sip_caller_every_kind_of_track_and_a_recording() {
        List<WebhookEvent> events = play(7, 2).stream().map(DemoTrafficTest::parse).toList();
        Set<ParticipantInfo.Kind> kinds = new HashSet<>();
        Set<String> trackKinds = new HashSet<>();
        Set<String> names = new HashSet<>();
        boolean muted = false;
        for (WebhookEvent event : events) {
            names.add(event.getEvent());
            if (event.getEvent().equals("participant_joined")) {
                kinds.add(event.getParticipant().getKind());
            }
            if (event.getEvent().equals("track_published")) {
                var track = event.getTrack();
                trackKinds.add(track.getType() + "/" + track.getSource());
                muted |= track.getMuted();
                if (track.getSource() == TrackSource.CAMERA) {
                    assertTrue(track.getWidth() > 0 && track.getHeight() > 0 && track.getSimulcast(), track.toString());
                }
            }
        }
        assertEquals(Set.of(ParticipantInfo.Kind.STANDARD, ParticipantInfo.Kind.AGENT, ParticipantInfo.Kind.SIP), kinds);
        assertTrue(trackKinds.containsAll(Set.of(TrackType.AUDIO + "/" + TrackSource.MICROPHONE,
                TrackType.VIDEO + "/" + TrackSource.CAMERA, TrackType.VIDEO + "/" + TrackSource.SCREEN_SHARE)), trackKinds.toString());
        assertTrue(muted, "some microphones are published muted");
        assertTrue(names.containsAll(Set.of("room_started", "room_finished", "participant_joined", "participant_left",
                "track_published", "track_unpublished", "egress_started", "egress_updated", "egress_ended")), names.toString());
    }

    @Test
    void bodies_are_protobuf_json_as_livekit_sends_them() {
        List<String> bodies = play(3, 0.5);
        Pattern int64AsString = Pattern.compile("\"createdAt\":\"\\d{10}\"");
        for (String body : bodies) {
            assertTrue(int64AsString.matcher(body).find(), "createdAt is int64 seconds as a string: " + body);
            assertFalse(body.contains("\"created_at\""), "camelCase names");
            assertFalse(body.contains("\n"), "compact");
        }
        String egress = bodies.stream().filter(b -> b.contains("\"egress_ended\"")).findFirst().orElseThrow();
        WebhookEvent ended = parse(egress);
        long createdAtNanos = ended.getCreatedAt() * 1_000_000_000L;
        assertTrue(Math.abs(ended.getEgressInfo().getEndedAt() - createdAtNanos) < 2_000_000_000L,
                "egress times are in nanoseconds");
        assertTrue(egress.matches(".*\"endedAt\":\"\\d{19}\".*"), egress);
        String joined = bodies.stream().filter(b -> b.contains("\"participant_joined\"")).findFirst().orElseThrow();
        WebhookEvent join = parse(joined);
        assertEquals(join.getCreatedAt(), join.getParticipant().getJoinedAt(), "joinedAt in seconds");
        assertEquals(join.getRoom().getCreationTime() * 1000, join.getRoom().getCreationTimeMs() / 1000 * 1000);
        assertNotNull(join.getRoom().getName());
    }

    @Test
    void something_happens_within_the_first_seconds() {
        DemoTraffic traffic = new DemoTraffic(11, START, DemoTraffic.Settings.DEFAULT);
        List<String> first = new ArrayList<>();
        for (int s = 0; s <= 5; s++) {
            first.addAll(traffic.due(START.plusSeconds(s)));
        }
        assertTrue(first.stream().anyMatch(b -> b.contains("\"room_started\"")), "a room starts at once");
        assertTrue(first.stream().anyMatch(b -> b.contains("\"participant_joined\"")), "someone joins at once");
    }

    @Test
    void same_seed_same_traffic() {
        assertEquals(play(5, 0.25), play(5, 0.25));
    }

    @Test
    void a_late_tick_sends_everything_it_missed_in_order() {
        DemoTraffic stepwise = new DemoTraffic(9, START, DemoTraffic.Settings.DEFAULT);
        DemoTraffic late = new DemoTraffic(9, START, DemoTraffic.Settings.DEFAULT);
        List<String> bySecond = new ArrayList<>();
        for (int s = 0; s <= 90; s++) {
            bySecond.addAll(stepwise.due(START.plusSeconds(s)));
        }
        List<String> atOnce = new ArrayList<>(late.due(START));
        atOnce.addAll(late.due(START.plusSeconds(90)));
        assertEquals(bySecond.stream().map(b -> parse(b).toBuilder().setId("").build()).toList(),
                atOnce.stream().map(b -> parse(b).toBuilder().setId("").build()).toList());
    }
}
