package dev.lkdash.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A stored history as LiveKit would have sent it: room sessions of {@value #PARTICIPANTS}
 * participants, each joining, publishing a microphone and a camera, unpublishing both and leaving,
 * between {@code room_started} and {@code room_finished}; {@value #ROOM_NAMES} room names that
 * recur, one session after the other, spread evenly over a span that ends now; the latest session
 * of {@value #LIVE_ROOMS} names still live (half of its participants still in, no
 * {@code room_finished}). Webhooks come in time order, as LiveKit's protobuf JSON with
 * {@code createdAt} in seconds. Deterministic for a seed and an end time.
 * <p>
 * As a program it writes the webhooks for the product's bulk import (one per line:
 * {@code <accepted at, epoch ms> TAB <body>}): see bench/run-history.sh.
 */
final class SessionTraffic implements Iterator<SessionTraffic.Webhook> {

    static final int ROOM_NAMES = 12;
    static final int PARTICIPANTS = 10;
    static final int LIVE_ROOMS = 5;
    /** room_started, room_finished, and per participant: join, 2 publish, 2 unpublish, leave. */
    static final int EVENTS_PER_SESSION = 2 + PARTICIPANTS * 6;
    /** LiveKit sends a webhook shortly after the event; the dashboard accepts it this much later. */
    static final long DELIVERY_MILLIS = 40;
    private static final String[] NAMES = {"daily-standup", "town-hall", "support-1", "support-2", "sales-demo",
            "onboarding", "design-review", "webinar", "pairing", "retro", "interview", "office-hours"};

    /** One webhook body and when the event happened. */
    record Webhook(long createdAtMillis, byte[] body) {
    }

    private final PriorityQueue<RoomName> byNextEvent =
            new PriorityQueue<>(Comparator.comparingLong((RoomName room) -> room.next().event().atMillis())
                    .thenComparingInt(room -> room.index));
    private final String runTag;
    private long nextEventNumber;

    /**
     * @param events about how many webhooks (whole sessions: a multiple of the sessions per name)
     * @param endMillis when the span ends (the newest events are just before it)
     * @param spanMillis how far back the oldest session starts
     */
    SessionTraffic(long events, long endMillis, long spanMillis, long seed) {
        long sessions = Math.max(ROOM_NAMES, Math.round((double) events / EVENTS_PER_SESSION));
        int perName = (int) Math.ceil((double) sessions / ROOM_NAMES);
        long slotMillis = spanMillis / perName;
        runTag = Long.toString(seed, 36);
        Random random = new Random(seed);
        for (int i = 0; i < ROOM_NAMES; i++) {
            RoomName room = new RoomName(i, perName, endMillis - spanMillis, slotMillis, random.nextLong());
            if (room.hasNext()) {
                byNextEvent.add(room);
            }
        }
    }

    @Override
    public boolean hasNext() {
        return !byNextEvent.isEmpty();
    }

    @Override
    public Webhook next() {
        RoomName room = byNextEvent.poll();
        if (room == null) {
            throw new NoSuchElementException();
        }
        Counted taken = room.take();
        if (room.hasNext()) {
            byNextEvent.add(room);
        }
        return new Webhook(taken.event().atMillis(),
                taken.event().body("EV_h" + runTag + "x" + nextEventNumber++, taken.present()));
    }

    /**
     * An event of a session, its body without the event id yet; the room's participant count goes
     * in at {@code countAt} (-1: none), known only once the session's events are in time order.
     */
    private record Planned(long atMillis, int order, int joining, String json, int countAt) {

        byte[] body(String eventId, int present) {
            String counted = countAt < 0 ? json : json.substring(0, countAt) + present + json.substring(countAt);
            return (counted + ",\"id\":\"" + eventId + "\",\"createdAt\":\"" + atMillis / 1000 + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** An event with the room's participant count after it. */
    private record Counted(Planned event, int present) {
    }

    /** The sessions of one room name, one after the other, each produced when the previous one is used up. */
    private final class RoomName {
        final int index;
        final int sessions;
        final long firstSlot;
        final long slotMillis;
        final Random random;
        final List<Counted> current = new ArrayList<>();
        int session;
        int position;

        RoomName(int index, int sessions, long firstSlot, long slotMillis, long seed) {
            this.index = index;
            this.sessions = sessions;
            this.firstSlot = firstSlot;
            this.slotMillis = slotMillis;
            this.random = new Random(seed);
            plan();
        }

        boolean hasNext() {
            return position < current.size();
        }

        Counted next() {
            return current.get(position);
        }

        Counted take() {
            Counted taken = current.get(position++);
            if (position == current.size() && session < sessions) {
                plan();
            }
            return taken;
        }

        /** The next session of this name: starts early in its slot, ends before the slot does. */
        private void plan() {
            current.clear();
            position = 0;
            int number = session++;
            boolean live = number == sessions - 1 && index < LIVE_ROOMS;
            long start = firstSlot + number * slotMillis + (long) (slotMillis * 0.1 * random.nextDouble());
            long length = (long) (slotMillis * (0.7 + 0.1 * random.nextDouble()));
            String sid = "RM_" + runTag + "n" + index + "s" + number;
            Room room = new Room(sid, NAMES[index], start);
            List<Planned> events = new ArrayList<>();
            events.add(room.event("room_started", start, 0, null, null));
            for (int p = 0; p < PARTICIPANTS; p++) {
                Participant who = new Participant(sid.replace("RM_", "PA_") + "p" + p, "user-" + index + "-" + p + "@example.com",
                        start + (long) (length * (0.02 + 0.25 * random.nextDouble())));
                boolean staying = live && p % 2 == 0;
                long leaves = start + (long) (length * (0.7 + 0.28 * random.nextDouble()));
                events.add(room.event("participant_joined", who.joinedAt, +1, who, null));
                Track microphone = new Track(who.sid.replace("PA_", "TR_") + "a", false);
                Track camera = new Track(who.sid.replace("PA_", "TR_") + "v", true);
                events.add(room.event("track_published", who.joinedAt + 400, 0, who, microphone));
                events.add(room.event("track_published", who.joinedAt + 700, 0, who, camera));
                if (!staying) {
                    events.add(room.event("track_unpublished", leaves - 300, 0, who, camera));
                    events.add(room.event("track_unpublished", leaves - 200, 0, who, microphone));
                    events.add(room.event("participant_left", leaves, -1, who, null));
                }
            }
            if (!live) {
                events.add(room.event("room_finished", start + length, 0, null, null));
            }
            events.sort(Comparator.comparingLong(Planned::atMillis).thenComparingInt(Planned::order));
            int present = 0;
            for (Planned event : events) {
                present += event.joining();
                current.add(new Counted(event, present));
            }
        }
    }

    /** A room session, as the room object of its webhooks shows it. */
    private record Room(String sid, String name, long createdAt) {

        /** @param joining +1 for a join, -1 for a leave, 0 otherwise: how the room's participant count moves */
        Planned event(String event, long atMillis, int joining, Participant who, Track track) {
            StringBuilder json = new StringBuilder(640).append("{\"event\":\"").append(event).append("\",\"room\":{\"sid\":\"")
                    .append(sid).append("\",\"name\":\"").append(name)
                    .append("\",\"emptyTimeout\":300,\"departureTimeout\":20,\"creationTime\":\"").append(createdAt / 1000)
                    .append("\",\"creationTimeMs\":\"").append(createdAt).append('"');
            int countAt = -1;
            if (who != null) {
                json.append(",\"numParticipants\":");
                countAt = json.length();
            }
            json.append('}');
            if (who != null) {
                json.append(",\"participant\":{\"sid\":\"").append(who.sid).append("\",\"identity\":\"").append(who.identity)
                        .append("\",\"state\":\"").append(joining < 0 ? "DISCONNECTED" : "ACTIVE")
                        .append("\",\"joinedAt\":\"").append(who.joinedAt / 1000).append("\",\"joinedAtMs\":\"")
                        .append(who.joinedAt).append("\",\"name\":\"").append(who.identity, 0, who.identity.indexOf('@'))
                        .append("\",\"version\":3,\"permission\":{\"canSubscribe\":true,\"canPublish\":true,\"canPublishData\":true}")
                        .append(",\"region\":\"eu-central\",\"isPublisher\":").append(track != null).append('}');
            }
            if (track != null) {
                json.append(",\"track\":{\"sid\":\"").append(track.sid).append("\",\"type\":\"")
                        .append(track.video ? "VIDEO\",\"name\":\"camera\",\"width\":1280,\"height\":720,\"simulcast\":true"
                                + ",\"source\":\"CAMERA\",\"mimeType\":\"video/VP8\""
                                : "AUDIO\",\"name\":\"microphone\",\"source\":\"MICROPHONE\",\"mimeType\":\"audio/opus\"")
                        .append(",\"stream\":\"").append(track.video ? "camera" : "microphone").append("\"}");
            }
            return new Planned(atMillis, orderOf(event), joining, json.toString(), countAt);
        }

        /** Same-millisecond events keep their causal order. */
        private static int orderOf(String event) {
            return switch (event) {
                case "room_started" -> 0;
                case "participant_joined" -> 1;
                case "track_published" -> 2;
                case "track_unpublished" -> 3;
                case "participant_left" -> 4;
                default -> 5;
            };
        }
    }

    private record Participant(String sid, String identity, long joinedAt) {
    }

    private record Track(String sid, boolean video) {
    }

    static final String USAGE = """
            usage: java -cp lkdash-bench.jar dev.lkdash.bench.SessionTraffic --events N [--hours H] [--seed S]
              writes about N LiveKit webhooks of a history ending now, spread over H hours (default 20),
              one per line: <accepted at, epoch ms> TAB <body>; for the product's bulk import (bench/run-history.sh)
            """;

    public static void main(String[] args) throws IOException {
        long events = -1;
        double hours = 20;
        long seed = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[i + 1]);
                case "--hours" -> hours = Double.parseDouble(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> events = -2;
            }
        }
        if (events < 0 || args.length % 2 != 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        SessionTraffic traffic = new SessionTraffic(events, System.currentTimeMillis(), (long) (hours * 3_600_000), seed);
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
            while (traffic.hasNext()) {
                Webhook webhook = traffic.next();
                out.write((webhook.createdAtMillis() + DELIVERY_MILLIS + "\t").getBytes(StandardCharsets.US_ASCII));
                out.write(webhook.body());
                out.write('\n');
            }
        }
    }
}
