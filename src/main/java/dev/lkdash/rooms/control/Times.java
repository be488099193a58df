package dev.lkdash.rooms.control;

import livekit.LivekitModels;

/** Unit conversions to epoch milliseconds. */
final class Times {

    private Times() {
    }

    /**
     * An epoch timestamp of unknown unit (LiveKit uses seconds, ms and ns in different messages)
     * to ms; 0 or negative means "not set" and gives 0. Units are told apart by magnitude, which
     * is unambiguous for dates between 1973 and 2286.
     */
    static long toMillis(long value) {
        if (value <= 0) {
            return 0;
        }
        if (value >= 100_000_000_000_000_000L) {
            return value / 1_000_000L;
        }
        if (value >= 100_000_000_000_000L) {
            return value / 1_000L;
        }
        if (value >= 100_000_000_000L) {
            return value;
        }
        return value * 1_000L;
    }

    static long creationMillis(LivekitModels.Room room) {
        return room.getCreationTimeMs() > 0 ? room.getCreationTimeMs() : toMillis(room.getCreationTime());
    }

    static long joinedMillis(LivekitModels.ParticipantInfo participant) {
        return participant.getJoinedAtMs() > 0 ? participant.getJoinedAtMs() : toMillis(participant.getJoinedAt());
    }
}
