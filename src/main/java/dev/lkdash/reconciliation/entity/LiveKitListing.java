package dev.lkdash.reconciliation.entity;

import java.util.List;
import java.util.Map;
import livekit.LivekitModels;

/**
 * What LiveKit's RoomService listed at one moment.
 *
 * @param listedAtMillis when the listing started (wall clock, ms)
 * @param participantsByRoomName the participants of each listed room, by room name
 */
public record LiveKitListing(long listedAtMillis, List<LivekitModels.Room> rooms,
                             Map<String, List<LivekitModels.ParticipantInfo>> participantsByRoomName) {
}
