package dev.lkdash.rooms.control;

import livekit.LivekitModels;

/** Unit conversions to epoch milliseconds. */
final class Times {

    private Times() {
    }

    /** LiveKit seconds (room {@code creationTime}, participant {@code joinedAt}) to ms; 0 stays "not set". */
    static long secondsToMillis(long seconds) {
        return seconds <= 0 ? 0 : seconds * 1_000L;
    }

    /** LiveKit nanoseconds (egress, ingress and agent job times) to ms; 0 stays "not set". */
    static long nanosToMillis(long nanos) {
        return nanos <= 0 ? 0 : nanos / 1_000_000L;
    }

    static long creationMillis(LivekitModels.Room room) {
        return room.getCreationTimeMs() > 0 ? room.getCreationTimeMs() : secondsToMillis(room.getCreationTime());
    }

    static long joinedMillis(LivekitModels.ParticipantInfo participant) {
        return participant.getJoinedAtMs() > 0 ? participant.getJoinedAtMs() : secondsToMillis(participant.getJoinedAt());
    }
}
