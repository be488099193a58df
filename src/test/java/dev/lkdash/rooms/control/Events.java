package dev.lkdash.rooms.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.lkdash.rooms.entity.ProjectedEvent;
import livekit.LivekitAgent;
import livekit.LivekitEgress;
import livekit.LivekitIngress;
import livekit.LivekitModels;
import livekit.LivekitWebhook;

/** Builders for LiveKit webhook events in tests, and the recorded fixtures. */
final class Events {

    static final Instant RECEIVED = Instant.parse("2026-01-01T12:00:00Z");

    private Events() {
    }

    static List<ProjectedEvent> fixtureSession() {
        List<ProjectedEvent> events = new ArrayList<>();
        for (String line : resource("session.jsonl").split("\n")) {
            if (!line.isBlank()) {
                events.add(parse(line));
            }
        }
        return events;
    }

    static ProjectedEvent fixture(String file) {
        return parse(resource(file));
    }

    static ProjectedEvent parse(String json) {
        try {
            return WebhookEvents.parse(json, null, RECEIVED);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String file) {
        try (InputStream in = Events.class.getResourceAsStream("/fixtures/livekit/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same event received at another time (a LiveKit retry, or a replay). */
    static ProjectedEvent redelivered(ProjectedEvent event, Instant receivedAt) {
        return new ProjectedEvent(event.eventId(), event.event(), event.job(), receivedAt);
    }

    // ------------------------------------------------------------------ builders

    static ProjectedEvent event(String id, String name, long createdAtSec,
                                Consumer<LivekitWebhook.WebhookEvent.Builder> body) {
        LivekitWebhook.WebhookEvent.Builder b = LivekitWebhook.WebhookEvent.newBuilder()
                .setId(id).setEvent(name).setCreatedAt(createdAtSec);
        body.accept(b);
        return new ProjectedEvent(id, b.build(), null, RECEIVED);
    }

    static LivekitModels.Room room(String sid, String name, long creationSec) {
        return LivekitModels.Room.newBuilder().setSid(sid).setName(name).setCreationTime(creationSec)
                .setEmptyTimeout(300).setMaxParticipants(20).setMetadata("{\"room\":\"" + name + "\"}").build();
    }

    /** The minimal room LiveKit puts in track events. */
    static LivekitModels.Room minimal(LivekitModels.Room room) {
        return LivekitModels.Room.newBuilder().setSid(room.getSid()).setName(room.getName()).build();
    }

    static LivekitModels.ParticipantInfo participant(String sid, String identity, LivekitModels.ParticipantInfo.Kind kind,
                                                     long joinedSec) {
        return LivekitModels.ParticipantInfo.newBuilder().setSid(sid).setIdentity(identity).setName(identity.toUpperCase())
                .setKind(kind).setJoinedAt(joinedSec).setState(LivekitModels.ParticipantInfo.State.ACTIVE).build();
    }

    /** The minimal participant LiveKit puts in track events. */
    static LivekitModels.ParticipantInfo minimal(LivekitModels.ParticipantInfo p) {
        return LivekitModels.ParticipantInfo.newBuilder().setSid(p.getSid()).setIdentity(p.getIdentity())
                .setName(p.getName()).build();
    }

    static LivekitModels.TrackInfo video(String sid, String name, boolean muted) {
        return LivekitModels.TrackInfo.newBuilder().setSid(sid).setName(name).setType(LivekitModels.TrackType.VIDEO)
                .setSource(LivekitModels.TrackSource.CAMERA).setSimulcast(true).setWidth(1280).setHeight(720)
                .setMuted(muted).setMimeType("video/VP8").build();
    }

    /** An audio track as LiveKit encodes it: no {@code type} (zero value AUDIO). */
    static LivekitModels.TrackInfo audio(String sid, String name, boolean muted) {
        return LivekitModels.TrackInfo.newBuilder().setSid(sid).setName(name)
                .setSource(LivekitModels.TrackSource.MICROPHONE).setMuted(muted).setMimeType("audio/opus").build();
    }

    static ProjectedEvent roomStarted(String id, long t, LivekitModels.Room room) {
        return event(id, "room_started", t, b -> b.setRoom(room));
    }

    static ProjectedEvent roomFinished(String id, long t, LivekitModels.Room room) {
        return event(id, "room_finished", t, b -> b.setRoom(room));
    }

    /** As the dashboard records it: the room's sid and name only, the id derived from them and the time. */
    static ProjectedEvent presumedEnded(long t, LivekitModels.Room room) {
        return event("RC_room_presumed_ended_" + room.getSid() + "_" + t, "room_presumed_ended", t,
                b -> b.setRoom(minimal(room)));
    }

    static ProjectedEvent joined(String id, long t, LivekitModels.Room room, LivekitModels.ParticipantInfo p) {
        return event(id, "participant_joined", t, b -> b.setRoom(room).setParticipant(p));
    }

    static ProjectedEvent left(String id, long t, LivekitModels.Room room, LivekitModels.ParticipantInfo p,
                               LivekitModels.DisconnectReason reason) {
        return event(id, "participant_left", t, b -> b.setRoom(room).setParticipant(p.toBuilder()
                .setState(LivekitModels.ParticipantInfo.State.DISCONNECTED).setDisconnectReason(reason)));
    }

    static ProjectedEvent aborted(String id, long t, LivekitModels.Room room, LivekitModels.ParticipantInfo p) {
        return event(id, "participant_connection_aborted", t, b -> b.setRoom(room).setParticipant(p.toBuilder()
                .setState(LivekitModels.ParticipantInfo.State.DISCONNECTED)));
    }

    static ProjectedEvent published(String id, long t, LivekitModels.Room room, LivekitModels.ParticipantInfo p,
                                    LivekitModels.TrackInfo track) {
        return event(id, "track_published", t, b -> b.setRoom(minimal(room)).setParticipant(minimal(p)).setTrack(track));
    }

    static ProjectedEvent unpublished(String id, long t, LivekitModels.Room room, LivekitModels.ParticipantInfo p,
                                      LivekitModels.TrackInfo track) {
        return event(id, "track_unpublished", t,
                b -> b.setRoom(minimal(room)).setParticipant(minimal(p)).setTrack(track));
    }

    static LivekitEgress.EgressInfo egressInfo(String egressId, LivekitModels.Room room,
                                               LivekitEgress.EgressStatus status, long startedSec, long endedSec) {
        LivekitEgress.EgressInfo.Builder b = LivekitEgress.EgressInfo.newBuilder().setEgressId(egressId)
                .setRoomId(room.getSid()).setRoomName(room.getName()).setStatus(status);
        if (startedSec > 0) {
            b.setStartedAt(startedSec * 1_000_000_000L);
        }
        if (endedSec > 0) {
            b.setEndedAt(endedSec * 1_000_000_000L);
        }
        return b.build();
    }

    static ProjectedEvent egress(String id, String name, long t, LivekitEgress.EgressInfo info) {
        return event(id, name, t, b -> b.setEgressInfo(info));
    }

    static LivekitIngress.IngressInfo ingressInfo(String ingressId, String roomName,
                                                  LivekitIngress.IngressState.Status status) {
        return LivekitIngress.IngressInfo.newBuilder().setIngressId(ingressId).setName("stream-" + ingressId)
                .setRoomName(roomName).setParticipantIdentity("ingress-" + ingressId)
                .setState(LivekitIngress.IngressState.newBuilder().setStatus(status)).build();
    }

    static ProjectedEvent ingress(String id, String name, long t, LivekitIngress.IngressInfo info) {
        return event(id, name, t, b -> b.setIngressInfo(info));
    }

    static LivekitAgent.Job job(String jobId, LivekitModels.Room room, String identity, LivekitAgent.JobStatus status) {
        return LivekitAgent.Job.newBuilder().setId(jobId).setType(LivekitAgent.JobType.JT_ROOM)
                .setAgentName("transcriber").setRoom(room)
                .setState(LivekitAgent.JobState.newBuilder().setStatus(status).setParticipantIdentity(identity))
                .build();
    }

    static ProjectedEvent jobEvent(String id, String name, long t, LivekitAgent.Job job) {
        LivekitWebhook.WebhookEvent event = LivekitWebhook.WebhookEvent.newBuilder().setId(id).setEvent(name)
                .setCreatedAt(t).build();
        return new ProjectedEvent(id, event, job, RECEIVED);
    }
}
