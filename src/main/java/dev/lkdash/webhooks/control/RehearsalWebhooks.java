package dev.lkdash.webhooks.control;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.Room;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * The made-up webhooks a start rehearses: one room session's life (start, a participant who joins,
 * publishes, unpublishes and leaves, the end), so that every kind of change the first real
 * webhooks make has run once. Its names are random and marked, so they never meet a real room.
 */
final class RehearsalWebhooks {

    private static final JsonFormat.Printer PROTOBUF_JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private RehearsalWebhooks() {
    }

    /** The bodies, in order, encoded as LiveKit encodes them. */
    static List<byte[]> bodies(long nowMillis) {
        String mark = UUID.randomUUID().toString().replace("-", "");
        long now = nowMillis / 1000;
        Room room = Room.newBuilder().setSid("RM_rehearsal" + mark).setName("lkdash-rehearsal-" + mark)
                .setEmptyTimeout(300).setCreationTime(now).build();
        ParticipantInfo participant = ParticipantInfo.newBuilder().setSid("PA_rehearsal" + mark)
                .setIdentity("rehearsal").setState(ParticipantInfo.State.ACTIVE).setJoinedAt(now).build();
        TrackInfo track = TrackInfo.newBuilder().setSid("TR_rehearsal" + mark).setType(TrackType.AUDIO)
                .setSource(TrackSource.MICROPHONE).build();
        List<WebhookEvent.Builder> events = List.of(
                WebhookEvent.newBuilder().setEvent("room_started").setRoom(room),
                WebhookEvent.newBuilder().setEvent("participant_joined").setRoom(room).setParticipant(participant),
                WebhookEvent.newBuilder().setEvent("track_published").setRoom(room).setParticipant(participant)
                        .setTrack(track),
                WebhookEvent.newBuilder().setEvent("track_unpublished").setRoom(room).setParticipant(participant)
                        .setTrack(track),
                WebhookEvent.newBuilder().setEvent("participant_left").setRoom(room).setParticipant(participant),
                WebhookEvent.newBuilder().setEvent("room_finished").setRoom(room));
        List<byte[]> bodies = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            WebhookEvent event = events.get(i).setId("EV_rehearsal" + mark + i).setCreatedAt(now).build();
            try {
                bodies.add(PROTOBUF_JSON.print(event).getBytes(StandardCharsets.UTF_8));
            } catch (InvalidProtocolBufferException unprintable) {
                throw new IllegalStateException("a rehearsal webhook cannot be encoded", unprintable);
            }
        }
        return bodies;
    }
}
