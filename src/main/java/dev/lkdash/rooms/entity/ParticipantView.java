package dev.lkdash.rooms.entity;

import java.util.List;
import java.util.Map;

/**
 * A participant present in an active room, with its live tracks. {@code leftAt} and
 * {@code disconnectReason} are always {@code null} here (a participant that left is not listed);
 * they exist so the live and historical participant shapes line up.
 *
 * @param kind  {@code STANDARD}, {@code INGRESS}, {@code EGRESS}, {@code SIP}, {@code AGENT}, …
 * @param state LiveKit's participant state from the latest participant payload
 */
public record ParticipantView(String sid, String identity, String name, String kind, String state, long joinedAt,
                              Long leftAt, String disconnectReason, String metadata, Map<String, String> attributes,
                              List<TrackView> tracks) {
}
