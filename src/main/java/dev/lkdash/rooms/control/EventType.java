package dev.lkdash.rooms.control;

import java.util.HashMap;
import java.util.Map;

/**
 * The LiveKit event names the projection knows, with the rank that breaks ties between events of
 * the same {@code createdAt} second (causal order within a second: a room starts before anyone
 * joins, a participant joins before publishing, unpublishes before leaving, everyone leaves before
 * the room finishes). {@code room_presumed_ended} is not LiveKit's: the dashboard records it for a
 * room that went quiet without its {@code room_finished}, when no reconciliation can ask LiveKit.
 */
enum EventType {
    ROOM_STARTED("room_started", 0, Family.ROOM),
    PARTICIPANT_JOINED("participant_joined", 10, Family.ROOM),
    AGENT_JOB_STARTED("agent_job_started", 12, Family.JOB),
    TRACK_PUBLISHED("track_published", 20, Family.ROOM),
    EGRESS_STARTED("egress_started", 30, Family.EGRESS),
    INGRESS_STARTED("ingress_started", 30, Family.INGRESS),
    EGRESS_UPDATED("egress_updated", 35, Family.EGRESS),
    TRACK_UNPUBLISHED("track_unpublished", 40, Family.ROOM),
    UNKNOWN(null, 50, Family.UNKNOWN),
    AGENT_JOB_ENDED("agent_job_ended", 55, Family.JOB),
    EGRESS_ENDED("egress_ended", 60, Family.EGRESS),
    INGRESS_ENDED("ingress_ended", 60, Family.INGRESS),
    PARTICIPANT_CONNECTION_ABORTED("participant_connection_aborted", 70, Family.ROOM),
    PARTICIPANT_LEFT("participant_left", 75, Family.ROOM),
    /** The dashboard's own: the room went quiet and its {@code room_finished} never came (see the package rules). */
    ROOM_PRESUMED_ENDED("room_presumed_ended", 85, Family.ROOM),
    ROOM_FINISHED("room_finished", 90, Family.ROOM);

    /** Which LiveKit queue / which part of the state an event belongs to. */
    enum Family { ROOM, EGRESS, INGRESS, JOB, UNKNOWN }

    private static final Map<String, EventType> BY_NAME = new HashMap<>();

    static {
        for (EventType type : values()) {
            if (type.eventName != null) {
                BY_NAME.put(type.eventName, type);
            }
        }
    }

    final String eventName;
    final int rank;
    final Family family;

    EventType(String eventName, int rank, Family family) {
        this.eventName = eventName;
        this.rank = rank;
        this.family = family;
    }

    static EventType of(String name) {
        return name == null ? UNKNOWN : BY_NAME.getOrDefault(name, UNKNOWN);
    }

    boolean isParticipantEvent() {
        return this == PARTICIPANT_JOINED || this == PARTICIPANT_LEFT || this == PARTICIPANT_CONNECTION_ABORTED;
    }

    boolean isTrackEvent() {
        return this == TRACK_PUBLISHED || this == TRACK_UNPUBLISHED;
    }

    boolean isEndEvent() {
        return this == EGRESS_ENDED || this == INGRESS_ENDED || this == AGENT_JOB_ENDED;
    }
}
