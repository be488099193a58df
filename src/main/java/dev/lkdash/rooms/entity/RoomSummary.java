package dev.lkdash.rooms.entity;

import static dev.lkdash.platform.JsonProviders.JSON;

import jakarta.json.JsonObject;

/**
 * One active room, as listed by {@code GET /api/rooms} and carried by SSE messages as
 * {@code data.roomSummary}. Counts are derived from the projected state, never copied from a
 * payload.
 *
 * @param sid             LiveKit's room sid (one per room session)
 * @param name            room name
 * @param numParticipants participants present now, every kind except {@code EGRESS}
 *                        (recorders are shown through {@code activeRecording})
 * @param numPublishers   of those, the ones with at least one published track (muted or not)
 * @param creationTime    room creation, ms
 * @param metadata        room metadata ("" when none)
 * @param activeRecording an egress of this room is starting or active
 */
public record RoomSummary(String sid, String name, int numParticipants, int numPublishers, long creationTime,
                          String metadata, boolean activeRecording) {

    /** The same object JSON-B writes for {@code GET /api/rooms}, for SSE {@code data.roomSummary}. */
    public JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("sid", sid)
                .add("name", name)
                .add("numParticipants", numParticipants)
                .add("numPublishers", numPublishers)
                .add("creationTime", creationTime)
                .add("metadata", metadata)
                .add("activeRecording", activeRecording)
                .build();
    }
}
