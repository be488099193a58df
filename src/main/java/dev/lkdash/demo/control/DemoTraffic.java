package dev.lkdash.demo.control;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Supplier;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.EgressStatus;
import livekit.LivekitEgress.FileInfo;
import livekit.LivekitEgress.RoomCompositeEgressRequest;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.Room;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Plays realistic LiveKit room sessions as webhook bodies, without any I/O: given a seed and a
 * start time, {@link #due(Instant)} answers the webhook bodies that a LiveKit server would have
 * sent up to that moment, in the order it would have sent them, as protobuf-JSON exactly as
 * LiveKit encodes them (camelCase, int64 as strings, enums by name, zero values left out).
 *
 * <p>A few rooms are alive at once (meetings, a company all-hands, a support line with a SIP
 * caller and a voice agent, an agent playground); each starts, fills up over its first minutes,
 * and finishes a few minutes later once everyone has left. People join and leave, publish their
 * microphone (sometimes muted), camera (with resolution and simulcast) and screen share, an agent
 * ({@code kind: AGENT}) and a phone caller ({@code kind: SIP}) take part, and some rooms are
 * recorded (egress started, updated, ended). Every event has a fresh {@code EV_} id.
 *
 * <p>Not thread-safe; one caller drives it.
 */
public final class DemoTraffic {

    /** How much goes on: rooms alive at once and how long each one lasts. */
    public record Settings(int concurrentRooms, Duration shortestRoom, Duration longestRoom) {
        public static final Settings DEFAULT = new Settings(3, Duration.ofMinutes(2), Duration.ofMinutes(6));

        public Settings {
            if (concurrentRooms < 1 || shortestRoom.compareTo(Duration.ofMinutes(1)) < 0
                    || longestRoom.compareTo(shortestRoom) < 0) {
                throw new IllegalArgumentException("at least one room of at least a minute");
            }
        }
    }

    /** LiveKit's short ids use this alphabet (no 0, 1, I, O, l). */
    private static final String ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int DEPARTURE_TIMEOUT_SECONDS = 20;
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private enum Kind { MEETING, WEBINAR, SUPPORT, AGENT_PLAYGROUND }

    private record Template(String name, Kind kind, String metadata) {}

    private static final List<Template> TEMPLATES = List.of(
            new Template("daily-standup", Kind.MEETING, "{\"team\":\"engineering\"}"),
            new Template("design-review", Kind.MEETING, "{\"team\":\"design\",\"topic\":\"onboarding flow\"}"),
            new Template("sales-demo-acme", Kind.MEETING, "{\"account\":\"acme-corp\"}"),
            new Template("interview-backend", Kind.MEETING, "{\"role\":\"backend engineer\"}"),
            new Template("all-hands", Kind.WEBINAR, "{\"audience\":\"company\"}"),
            new Template("support-line", Kind.SUPPORT, "{\"queue\":\"billing\"}"),
            new Template("voice-agent-playground", Kind.AGENT_PLAYGROUND, "{\"agent\":\"concierge\"}"));

    private record Person(String name, String identity) {}

    private static final List<Person> PEOPLE = List.of(
            new Person("Alice Chen", "alice.chen@example.com"),
            new Person("Bob Okafor", "bob.okafor@example.com"),
            new Person("Carla Mendes", "carla.mendes@example.com"),
            new Person("Deepak Rao", "deepak.rao@example.com"),
            new Person("Emma Novak", "emma.novak@example.com"),
            new Person("Farid Haddad", "farid.haddad@example.com"),
            new Person("Grace Kim", "grace.kim@example.com"),
            new Person("Hiro Tanaka", "hiro.tanaka@example.com"),
            new Person("Ines Laurent", "ines.laurent@example.com"),
            new Person("Jonas Berg", "jonas.berg@example.com"),
            new Person("Kofi Mensah", "kofi.mensah@example.com"),
            new Person("Lena Fischer", "lena.fischer@example.com"));

    private static final String[][] VIDEO_SIZES = {{"1280", "720"}, {"960", "540"}, {"640", "480"}, {"1920", "1080"}};

    /** One moment of the plan: what happens then, turned into events when it is due. */
    private record Step(long at, long order, Supplier<List<WebhookEvent.Builder>> events) {}

    private static final class LiveParticipant {
        final ParticipantInfo.Kind kind;
        final String sid;
        final String identity;
        final String name;
        final String metadata;
        final Map<String, String> attributes;
        final long joinedAtMs;
        final Map<String, TrackInfo> tracks = new LinkedHashMap<>();

        LiveParticipant(ParticipantInfo.Kind kind, String sid, String identity, String name, String metadata,
                        Map<String, String> attributes, long joinedAtMs) {
            this.kind = kind;
            this.sid = sid;
            this.identity = identity;
            this.name = name;
            this.metadata = metadata;
            this.attributes = attributes;
            this.joinedAtMs = joinedAtMs;
        }
    }

    private static final class LiveRoom {
        final String sid;
        final String name;
        final String metadata;
        final int maxParticipants;
        final long createdAtMs;
        final Map<String, LiveParticipant> participants = new LinkedHashMap<>();
        boolean recording;
        boolean started;

        LiveRoom(String sid, String name, String metadata, int maxParticipants, long createdAtMs) {
            this.sid = sid;
            this.name = name;
            this.metadata = metadata;
            this.maxParticipants = maxParticipants;
            this.createdAtMs = createdAtMs;
        }
    }

    /** Someone's planned stay in a room. */
    private record Stay(ParticipantInfo.Kind kind, String identity, String name, String metadata,
                        Map<String, String> attributes, long joinAt, long leaveAt, DisconnectReason reason) {}

    private final Random random;
    private final Settings settings;
    private final PriorityQueue<Step> schedule = new PriorityQueue<>(
            Comparator.comparingLong(Step::at).thenComparingLong(Step::order));
    /** Rooms by name, from planning until their room_finished has been sent. */
    private final Map<String, LiveRoom> rooms = new LinkedHashMap<>();
    private long order;
    private long nextRoomAt;
    private boolean startingRooms = true;

    public DemoTraffic(long seed, Instant start, Settings settings) {
        this.random = new Random(seed);
        this.settings = settings;
        this.nextRoomAt = start.toEpochMilli();
    }

    /** The webhook bodies due by {@code now}, oldest first, as a LiveKit server encodes them. */
    public List<String> due(Instant now) {
        return dueEvents(now).stream().map(DemoTraffic::json).toList();
    }

    /** The same events as {@link #due(Instant)}, before encoding. */
    public List<WebhookEvent> dueEvents(Instant now) {
        long nowMs = now.toEpochMilli();
        List<WebhookEvent> due = new ArrayList<>();
        while (true) {
            // rooms are planned at their place on the timeline, so the traffic is the same
            // whether the clock is read every second or once after a pause
            Step next = schedule.peek();
            long nextAt = next == null ? Long.MAX_VALUE : next.at();
            if (startingRooms && rooms.size() < settings.concurrentRooms() && nextRoomAt <= nowMs
                    && nextRoomAt <= nextAt) {
                long startAt = nextRoomAt;
                planRoom(startAt);
                nextRoomAt = startAt + between(5_000, 25_000);
                continue;
            }
            if (next == null || next.at() > nowMs) {
                return due;
            }
            schedule.poll();
            for (WebhookEvent.Builder event : next.events().get()) {
                due.add(event.setId(newId("EV_")).setCreatedAt(next.at() / 1000).build());
            }
        }
    }

    /** No more rooms are started; those alive play to their end. */
    public void stopStartingRooms() {
        startingRooms = false;
    }

    /**
     * Ends every room that started, now, as LiveKit does when its server shuts down: everyone
     * present leaves ({@code SERVER_SHUTDOWN}), then the room finishes. Nothing more is played.
     */
    public List<WebhookEvent> finishAll(Instant now) {
        startingRooms = false;
        schedule.clear();
        long at = now.toEpochMilli();
        List<WebhookEvent> events = new ArrayList<>();
        for (LiveRoom room : rooms.values()) {
            if (!room.started) {
                continue;
            }
            for (LiveParticipant leaving : List.copyOf(room.participants.values())) {
                room.participants.remove(leaving.identity);
                events.add(event("participant_left").setRoom(roomInfo(room)).setParticipant(participantInfo(
                        leaving, ParticipantInfo.State.DISCONNECTED, DisconnectReason.SERVER_SHUTDOWN))
                        .setId(newId("EV_")).setCreatedAt(at / 1000).build());
            }
            room.recording = false;
            events.add(event("room_finished").setRoom(roomInfo(room)).setId(newId("EV_")).setCreatedAt(at / 1000).build());
        }
        rooms.clear();
        return events;
    }

    /** Nothing is alive or planned (only once {@link #stopStartingRooms()} was called). */
    public boolean isIdle() {
        return !startingRooms && rooms.isEmpty() && schedule.isEmpty();
    }

    /** Rooms started or about to start and not yet finished. */
    public int roomsInPlay() {
        return rooms.size();
    }

    public static String json(WebhookEvent event) {
        try {
            return JSON.print(event);
        } catch (InvalidProtocolBufferException impossible) {
            throw new IllegalStateException("a built WebhookEvent always prints", impossible);
        }
    }

    // ---- planning -------------------------------------------------------------------------

    private void planRoom(long t0) {
        List<Template> free = TEMPLATES.stream().filter(t -> !rooms.containsKey(t.name())).toList();
        Template template = free.get(random.nextInt(free.size()));
        long length = between(settings.shortestRoom().toMillis(), settings.longestRoom().toMillis());
        long end = t0 + length;
        LiveRoom room = new LiveRoom(newId("RM_"), template.name(), template.metadata(),
                template.kind() == Kind.WEBINAR ? 100 : 20, t0);
        rooms.put(room.name, room);

        List<Stay> stays = new ArrayList<>();
        List<Person> people = shuffledPeople();
        long firstJoin = t0 + between(300, 1_500);
        boolean recorded;
        String screenSharer = null;
        boolean attendeesMuted = false;
        switch (template.kind()) {
            case MEETING -> {
                int count = 2 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    stays.add(personStay(people.get(i), i == 0 ? firstJoin : t0 + between(3_000, length * 2 / 5), end));
                }
                if (random.nextDouble() < 0.5) {
                    stays.add(agentStay("Transcriber", firstJoin + between(800, 2_500)));
                }
                screenSharer = random.nextDouble() < 0.7 ? stays.get(random.nextInt(count)).identity() : null;
                recorded = random.nextDouble() < 0.4;
            }
            case WEBINAR -> {
                Person host = people.get(0);
                stays.add(new Stay(ParticipantInfo.Kind.STANDARD, host.identity(), host.name(), "{\"role\":\"host\"}",
                        Map.of(), firstJoin, end - between(0, 5_000), DisconnectReason.CLIENT_INITIATED));
                int attendees = 5 + random.nextInt(4);
                for (int i = 1; i <= attendees; i++) {
                    stays.add(personStay(people.get(i), t0 + between(5_000, length / 3), end));
                }
                screenSharer = host.identity();
                attendeesMuted = true;
                recorded = true;
            }
            case SUPPORT -> {
                String number = "+1555" + (1_000_000 + random.nextInt(9_000_000));
                stays.add(new Stay(ParticipantInfo.Kind.SIP, "sip_" + number, number, "",
                        Map.of("sip.phoneNumber", number, "sip.trunkPhoneNumber", "+15550100000",
                                "sip.callID", newId("SCL_"), "sip.callStatus", "active"),
                        firstJoin, end - between(0, 10_000), DisconnectReason.CLIENT_INITIATED));
                stays.add(agentStay("Support assistant", firstJoin + between(500, 1_500)));
                if (random.nextDouble() < 0.7) {
                    Person agentOfSupport = people.get(0);
                    stays.add(new Stay(ParticipantInfo.Kind.STANDARD, agentOfSupport.identity(), agentOfSupport.name(),
                            "{\"role\":\"support\"}", Map.of(), t0 + between(20_000, length / 3),
                            end - between(0, 5_000), DisconnectReason.CLIENT_INITIATED));
                }
                recorded = random.nextDouble() < 0.5;
            }
            default -> {
                Person visitor = people.get(0);
                stays.add(personStay(visitor, firstJoin, end));
                stays.add(agentStay("Concierge", firstJoin + between(500, 1_500)));
                recorded = false;
            }
        }
        // an agent stays until the last human has gone
        long lastHuman = stays.stream().filter(s -> s.kind() != ParticipantInfo.Kind.AGENT)
                .mapToLong(Stay::leaveAt).max().orElse(end);
        List<Stay> settled = stays.stream().map(s -> s.kind() == ParticipantInfo.Kind.AGENT
                ? new Stay(s.kind(), s.identity(), s.name(), s.metadata(), s.attributes(), s.joinAt(),
                        lastHuman + between(300, 1_500), DisconnectReason.CLIENT_INITIATED)
                : s).toList();
        long lastLeave = settled.stream().mapToLong(Stay::leaveAt).max().orElse(end);

        at(t0, () -> {
            room.started = true;
            return List.of(event("room_started").setRoom(roomInfo(room)));
        });
        for (Stay stay : settled) {
            planStay(room, stay, stay.identity().equals(screenSharer), attendeesMuted);
        }
        if (recorded) {
            planRecording(room, firstJoin + between(5_000, 20_000), lastLeave + between(500, 1_500));
        }
        at(lastLeave + DEPARTURE_TIMEOUT_SECONDS * 1000L, () -> {
            rooms.remove(room.name);
            nextRoomAt = Math.max(nextRoomAt, lastLeave + DEPARTURE_TIMEOUT_SECONDS * 1000L + between(5_000, 30_000));
            return List.of(event("room_finished").setRoom(roomInfo(room)));
        });
    }

    private Stay personStay(Person person, long joinAt, long end) {
        long stayed = end - joinAt;
        long leaveAt = random.nextDouble() < 0.25
                ? joinAt + between(Math.min(30_000, stayed / 2), stayed)
                : end - between(0, Math.min(15_000, stayed / 4));
        double r = random.nextDouble();
        DisconnectReason reason = r < 0.85 ? DisconnectReason.CLIENT_INITIATED
                : r < 0.95 ? DisconnectReason.SIGNAL_CLOSE : DisconnectReason.CONNECTION_TIMEOUT;
        return new Stay(ParticipantInfo.Kind.STANDARD, person.identity(), person.name(), "", Map.of(),
                joinAt, Math.max(leaveAt, joinAt + 5_000), reason);
    }

    /** The agent's leave time is settled once the humans' are known. */
    private Stay agentStay(String name, long joinAt) {
        String job = newId("AJ_");
        return new Stay(ParticipantInfo.Kind.AGENT, "agent-" + job, name, "",
                Map.of("lk.agent.state", "listening"), joinAt, joinAt, DisconnectReason.CLIENT_INITIATED);
    }

    private void planStay(LiveRoom room, Stay stay, boolean sharesScreen, boolean muted) {
        String sid = newId("PA_");
        at(stay.joinAt(), () -> {
            LiveParticipant joined = new LiveParticipant(stay.kind(), sid, stay.identity(), stay.name(),
                    stay.metadata(), stay.attributes(), stay.joinAt());
            room.participants.put(joined.identity, joined);
            return List.of(event("participant_joined").setRoom(roomInfo(room))
                    .setParticipant(participantInfo(joined, ParticipantInfo.State.ACTIVE, null)));
        });
        long span = stay.leaveAt() - stay.joinAt();
        long micAt = stay.joinAt() + Math.min(between(200, 2_000), span / 3);
        switch (stay.kind()) {
            case SIP -> publish(room, stay, micAt, audio("TR_AM", "phone", "audio/PCMU", false));
            case AGENT -> publish(room, stay, micAt, audio("TR_AM", "agent_voice", "audio/opus", false));
            default -> {
                publish(room, stay, micAt, audio("TR_AM", "microphone", "audio/red",
                        random.nextDouble() < (muted ? 0.85 : 0.2)));
                if (random.nextDouble() < (muted ? 0.15 : 0.75)) {
                    String[] size = VIDEO_SIZES[random.nextInt(VIDEO_SIZES.length)];
                    publish(room, stay, micAt + between(100, 1_500), TrackInfo.newBuilder()
                            .setSid(newId("TR_VC")).setType(TrackType.VIDEO).setName("camera")
                            .setSource(TrackSource.CAMERA).setMimeType(random.nextBoolean() ? "video/VP8" : "video/H264")
                            .setWidth(Integer.parseInt(size[0])).setHeight(Integer.parseInt(size[1]))
                            .setSimulcast(true).build());
                }
                if (sharesScreen && span > 60_000) {
                    long from = stay.joinAt() + between(10_000, span / 3);
                    long to = Math.min(from + between(30_000, 180_000), stay.leaveAt() - 5_000);
                    TrackInfo screen = TrackInfo.newBuilder().setSid(newId("TR_VS")).setType(TrackType.VIDEO)
                            .setName("screen").setSource(TrackSource.SCREEN_SHARE).setMimeType("video/VP8")
                            .setWidth(1920).setHeight(1080).build();
                    publish(room, stay, from, screen);
                    if (to > from) {
                        at(to, () -> {
                            LiveParticipant sharer = room.participants.get(stay.identity());
                            TrackInfo removed = sharer.tracks.remove(screen.getSid());
                            return List.of(event("track_unpublished").setRoom(roomInfo(room))
                                    .setParticipant(participantInfo(sharer, ParticipantInfo.State.ACTIVE, null))
                                    .setTrack(removed));
                        });
                    }
                }
            }
        }
        at(stay.leaveAt(), () -> {
            LiveParticipant leaving = room.participants.remove(stay.identity());
            List<WebhookEvent.Builder> events = new ArrayList<>();
            // LiveKit unpublishes a leaving participant's tracks before it reports the departure
            for (TrackInfo track : List.copyOf(leaving.tracks.values())) {
                leaving.tracks.remove(track.getSid());
                events.add(event("track_unpublished").setRoom(roomInfo(room))
                        .setParticipant(participantInfo(leaving, ParticipantInfo.State.ACTIVE, null)).setTrack(track));
            }
            events.add(event("participant_left").setRoom(roomInfo(room))
                    .setParticipant(participantInfo(leaving, ParticipantInfo.State.DISCONNECTED, stay.reason())));
            return events;
        });
    }

    private TrackInfo audio(String prefix, String name, String mime, boolean muted) {
        return TrackInfo.newBuilder().setSid(newId(prefix)).setType(TrackType.AUDIO).setName(name)
                .setSource(TrackSource.MICROPHONE).setMimeType(mime).setMuted(muted).build();
    }

    private void publish(LiveRoom room, Stay stay, long when, TrackInfo track) {
        at(when, () -> {
            LiveParticipant publisher = room.participants.get(stay.identity());
            publisher.tracks.put(track.getSid(), track);
            return List.of(event("track_published").setRoom(roomInfo(room))
                    .setParticipant(participantInfo(publisher, ParticipantInfo.State.ACTIVE, null)).setTrack(track));
        });
    }

    private void planRecording(LiveRoom room, long startAt, long endAt) {
        String egressId = newId("EG_");
        long activeAt = startAt + between(1_000, 3_000);
        String file = "recordings/" + room.name + "/" + FILE_DATE.format(Instant.ofEpochMilli(startAt)) + ".mp4";
        long size = (endAt - activeAt) * between(150, 400); // about 1.2 to 3.2 Mbit/s
        EgressInfo.Builder base = EgressInfo.newBuilder().setEgressId(egressId).setRoomId(room.sid)
                .setRoomName(room.name).setStartedAt(startAt * NANOS_PER_MILLI)
                .setRoomComposite(RoomCompositeEgressRequest.newBuilder().setRoomName(room.name).setLayout("speaker"));
        at(startAt, () -> List.of(event("egress_started").setEgressInfo(base.clone()
                .setStatus(EgressStatus.EGRESS_STARTING).setUpdatedAt(startAt * NANOS_PER_MILLI))));
        at(activeAt, () -> {
            room.recording = true;
            return List.of(event("egress_updated").setEgressInfo(base.clone()
                    .setStatus(EgressStatus.EGRESS_ACTIVE).setUpdatedAt(activeAt * NANOS_PER_MILLI)));
        });
        at(endAt, () -> {
            room.recording = false;
            return List.of(event("egress_ended").setEgressInfo(base.clone()
                    .setStatus(EgressStatus.EGRESS_COMPLETE).setUpdatedAt(endAt * NANOS_PER_MILLI)
                    .setEndedAt(endAt * NANOS_PER_MILLI)
                    .addFileResults(FileInfo.newBuilder().setFilename(file)
                            .setStartedAt(activeAt * NANOS_PER_MILLI).setEndedAt(endAt * NANOS_PER_MILLI)
                            .setDuration((endAt - activeAt) * NANOS_PER_MILLI).setSize(size)
                            .setLocation("s3://livekit-recordings/" + file))));
        });
    }

    // ---- encoding ---------------------------------------------------------------------------

    private static WebhookEvent.Builder event(String name) {
        return WebhookEvent.newBuilder().setEvent(name);
    }

    private static Room roomInfo(LiveRoom room) {
        int publishers = (int) room.participants.values().stream().filter(p -> !p.tracks.isEmpty()).count();
        return Room.newBuilder().setSid(room.sid).setName(room.name).setEmptyTimeout(300)
                .setDepartureTimeout(DEPARTURE_TIMEOUT_SECONDS).setMaxParticipants(room.maxParticipants)
                .setCreationTime(room.createdAtMs / 1000).setCreationTimeMs(room.createdAtMs)
                .setMetadata(room.metadata).setNumParticipants(room.participants.size())
                .setNumPublishers(publishers).setActiveRecording(room.recording).build();
    }

    private static ParticipantInfo participantInfo(LiveParticipant p, ParticipantInfo.State state,
                                                   DisconnectReason reason) {
        ParticipantInfo.Builder info = ParticipantInfo.newBuilder().setSid(p.sid).setIdentity(p.identity)
                .setName(p.name).setState(state).setKind(p.kind).setMetadata(p.metadata)
                .putAllAttributes(p.attributes).setJoinedAt(p.joinedAtMs / 1000).setJoinedAtMs(p.joinedAtMs)
                .setIsPublisher(!p.tracks.isEmpty()).addAllTracks(p.tracks.values()).setRegion("eu-central");
        if (reason != null) {
            info.setDisconnectReason(reason);
        }
        return info.build();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void at(long when, Supplier<List<WebhookEvent.Builder>> events) {
        schedule.add(new Step(when, order++, events));
    }

    private long between(long low, long high) {
        return high <= low ? low : low + (long) (random.nextDouble() * (high - low));
    }

    private List<Person> shuffledPeople() {
        List<Person> people = new ArrayList<>(PEOPLE);
        java.util.Collections.shuffle(people, random);
        return people;
    }

    private String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
