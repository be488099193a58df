package dev.lkdash.rooms.control;

import java.util.LinkedHashMap;
import java.util.Map;

import livekit.LivekitModels;

/**
 * What the events say about one participant session (one participant sid; LiveKit gives every
 * connection a new sid, so a sid never rejoins after leaving). Every field is a commutative merge.
 */
final class ParticipantFacts {

    /** A leave: {@code participant_left} (priority 2) beats {@code participant_connection_aborted} (1). */
    record Leave(int priority, EventKey key, String reason, String endedBy) {

        boolean betterThan(Leave other) {
            if (other == null || priority != other.priority) {
                return other == null || priority > other.priority;
            }
            return key.compareTo(other.key) < 0; // same kind: the earliest one
        }
    }

    final String sid;
    /** Participant details: participant events (priority 1) over track events' minimal copies (0). */
    final Pick<LivekitModels.ParticipantInfo> info = new Pick<>();
    /** Smallest non-zero {@code joinedAt} in any payload, ms; 0 when none. */
    long payloadJoinedAt;
    /** Earliest event mentioning the participant, ms. */
    long firstSeenAt = Long.MAX_VALUE;
    /** The best leave seen; null while none: a tombstone once set. */
    Leave leave;
    final Map<String, TrackFacts> tracks = new LinkedHashMap<>();

    ParticipantFacts(String sid) {
        this.sid = sid;
    }

    void offerLeave(Leave candidate) {
        if (candidate.betterThan(leave)) {
            leave = candidate;
        }
    }

    boolean left() {
        return leave != null;
    }

    long joinedAt() {
        return payloadJoinedAt > 0 ? payloadJoinedAt : firstSeenAt;
    }

    LivekitModels.ParticipantInfo infoOrDefault() {
        return info.valueOr(LivekitModels.ParticipantInfo.getDefaultInstance());
    }

    String kind() {
        return infoOrDefault().getKind().name();
    }

    /** Counted in {@code numParticipants}, peak and total: every kind but EGRESS (LiveKit's recorder). */
    boolean counted() {
        return infoOrDefault().getKind() != LivekitModels.ParticipantInfo.Kind.EGRESS;
    }

    /**
     * Keeps the room open while present: LiveKit closes a room in which only agents and recorders
     * ("dependent" participants) are left.
     */
    boolean holdsRoomOpen() {
        LivekitModels.ParticipantInfo.Kind kind = infoOrDefault().getKind();
        return kind != LivekitModels.ParticipantInfo.Kind.AGENT && kind != LivekitModels.ParticipantInfo.Kind.EGRESS;
    }

    String identityKey() {
        String identity = infoOrDefault().getIdentity();
        return identity.isEmpty() ? "sid:" + sid : identity;
    }

    boolean publishing() {
        return tracks.values().stream().anyMatch(TrackFacts::live);
    }

    TrackFacts track(String trackSid) {
        return tracks.computeIfAbsent(trackSid, TrackFacts::new);
    }
}
