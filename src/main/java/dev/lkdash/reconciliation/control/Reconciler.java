package dev.lkdash.reconciliation.control;

import dev.lkdash.reconciliation.entity.Correction;
import dev.lkdash.reconciliation.entity.LiveKitListing;
import dev.lkdash.rooms.control.RoomReads;
import dev.lkdash.rooms.entity.ParticipantView;
import dev.lkdash.rooms.entity.RoomSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import livekit.LivekitModels;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Compares LiveKit's listing with the state and names the corrections. Something the state knows
 * but LiveKit does not list is only taken for gone when the state learnt of it more than the
 * grace period before the listing: LiveKit delivers webhooks with a delay, and a room that
 * started a moment ago may be missing from a listing taken before it.
 */
public final class Reconciler {

    private Reconciler() {
    }

    public static List<Correction> corrections(RoomReads state, LiveKitListing listing, Duration grace) {
        long settledBefore = listing.listedAtMillis() - grace.toMillis();
        long listedAtSeconds = listing.listedAtMillis() / 1000;
        Map<String, RoomSummary> activeBySid = state.activeRooms().stream()
                .collect(Collectors.toMap(RoomSummary::sid, Function.identity(), (first, second) -> first));
        Set<String> listedSids = listing.rooms().stream().map(LivekitModels.Room::getSid).collect(Collectors.toSet());
        List<Correction> corrections = new ArrayList<>();

        for (LivekitModels.Room room : listing.rooms()) {
            boolean active = activeBySid.containsKey(room.getSid());
            if (!active && state.knows(room.getSid())) {
                continue; // recorded as finished: that session is over for good (a new one has a new sid)
            }
            if (!active) {
                corrections.add(new Correction("room_discovered", "LiveKit lists a room no webhook announced",
                        event("room_started", "RC_room_started_" + room.getSid(), seconds(room.getCreationTime(), listedAtSeconds))
                                .setRoom(room).build()));
            }
            List<ParticipantView> present = state.activeRoomParticipants(room.getName()).orElse(List.of());
            Set<String> presentSids = present.stream().map(ParticipantView::sid).collect(Collectors.toSet());
            List<LivekitModels.ParticipantInfo> listedParticipants =
                    listing.participantsByRoomName().getOrDefault(room.getName(), List.of());
            for (LivekitModels.ParticipantInfo participant : listedParticipants) {
                if (!presentSids.contains(participant.getSid())) {
                    corrections.add(new Correction("participant_discovered", "LiveKit lists a participant no webhook announced",
                            event("participant_joined", "RC_participant_joined_" + participant.getSid(),
                                    seconds(participant.getJoinedAt(), listedAtSeconds))
                                    .setRoom(room).setParticipant(participant).build()));
                }
            }
            Set<String> listedParticipantSids = listedParticipants.stream()
                    .map(LivekitModels.ParticipantInfo::getSid).collect(Collectors.toSet());
            for (ParticipantView participant : present) {
                if (!listedParticipantSids.contains(participant.sid()) && participant.joinedAt() < settledBefore) {
                    corrections.add(new Correction("participant_vanished", "LiveKit no longer lists this participant",
                            event("participant_left", "RC_participant_left_" + participant.sid(), listedAtSeconds)
                                    .setRoom(room)
                                    .setParticipant(LivekitModels.ParticipantInfo.newBuilder()
                                            .setSid(participant.sid())
                                            .setIdentity(participant.identity())
                                            .setName(participant.name() == null ? "" : participant.name())
                                            .setState(LivekitModels.ParticipantInfo.State.DISCONNECTED))
                                    .build()));
                }
            }
        }
        for (RoomSummary room : activeBySid.values()) {
            if (!listedSids.contains(room.sid()) && room.creationTime() < settledBefore) {
                corrections.add(new Correction("room_ended", "LiveKit no longer lists this room",
                        event("room_finished", "RC_room_finished_" + room.sid(), listedAtSeconds)
                                .setRoom(LivekitModels.Room.newBuilder()
                                        .setSid(room.sid())
                                        .setName(room.name())
                                        .setMetadata(room.metadata() == null ? "" : room.metadata())
                                        .setCreationTime(room.creationTime() / 1000))
                                .build()));
            }
        }
        return corrections;
    }

    private static WebhookEvent.Builder event(String name, String id, long createdAtSeconds) {
        return WebhookEvent.newBuilder().setEvent(name).setId(id).setCreatedAt(createdAtSeconds);
    }

    private static long seconds(long livekitSeconds, long fallback) {
        return livekitSeconds > 0 ? livekitSeconds : fallback;
    }
}
