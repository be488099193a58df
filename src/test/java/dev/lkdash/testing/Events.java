package dev.lkdash.testing;

import java.nio.charset.StandardCharsets;

/** Small LiveKit webhook bodies in LiveKit's encoding (int64 as strings, times in seconds). */
public final class Events {

    private Events() {
    }

    public static byte[] roomStarted(String id, String sid, String name, long seconds) {
        return body(id, "room_started", seconds, room(sid, name, seconds), "");
    }

    public static byte[] roomFinished(String id, String sid, String name, long startedSeconds, long seconds) {
        return body(id, "room_finished", seconds, room(sid, name, startedSeconds), "");
    }

    public static byte[] participantJoined(String id, String roomSid, String name, long roomSeconds,
                                           String participantSid, String identity, long seconds) {
        return body(id, "participant_joined", seconds, room(roomSid, name, roomSeconds),
                ",\"participant\":{\"sid\":\"" + participantSid + "\",\"identity\":\"" + identity
                        + "\",\"state\":\"ACTIVE\",\"joinedAt\":\"" + seconds + "\"}");
    }

    public static byte[] participantLeft(String id, String roomSid, String name, long roomSeconds,
                                         String participantSid, String identity, long seconds) {
        return body(id, "participant_left", seconds, room(roomSid, name, roomSeconds),
                ",\"participant\":{\"sid\":\"" + participantSid + "\",\"identity\":\"" + identity
                        + "\",\"state\":\"DISCONNECTED\",\"disconnectReason\":\"CLIENT_INITIATED\"}");
    }

    private static String room(String sid, String name, long creationSeconds) {
        return "{\"sid\":\"" + sid + "\",\"name\":\"" + name + "\",\"creationTime\":\"" + creationSeconds + "\"}";
    }

    private static byte[] body(String id, String event, long seconds, String room, String more) {
        return ("{\"event\":\"" + event + "\",\"room\":" + room + more + ",\"id\":\"" + id + "\",\"createdAt\":\""
                + seconds + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
