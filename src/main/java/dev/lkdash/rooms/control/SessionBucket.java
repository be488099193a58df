package dev.lkdash.rooms.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.lkdash.rooms.entity.ProjectedEvent;
import livekit.LivekitModels;
import livekit.LivekitWebhook;

/**
 * Everything known about one room session (one LiveKit room sid): the events attached to it by
 * sid, and the room/participant/track facts merged from them. Each merge is commutative and
 * idempotent, so the facts are a function of the set of events, not of their order.
 */
final class SessionBucket {

    final String sid;
    /** All events attached by sid, unknown names included, in canonical order. */
    final TreeMap<EventKey, ProjectedEvent> timeline = new TreeMap<>();
    final TreeMap<EventKey, ProjectedEvent> egressEvents = new TreeMap<>();
    final TreeMap<EventKey, ProjectedEvent> ingressEvents = new TreeMap<>();
    final TreeMap<EventKey, ProjectedEvent> jobEvents = new TreeMap<>();

    /** At least one event with a known name: the session exists (unknown names change no state). */
    boolean hasState;
    /** At least one room/participant/track event (the room's own queue). */
    boolean hasRoomQueueEvent;
    /** Room name: from a room object (priority 2) over egress/ingress/job room names (1). */
    final Pick<String> name = new Pick<>();
    /** Latest full room object (one with a creation time): room events (1) over job rooms (0). */
    final Pick<LivekitModels.Room> roomInfo = new Pick<>();
    long firstEventAt = Long.MAX_VALUE;
    long lastEventAt = Long.MIN_VALUE;
    /** Earliest {@code room_finished}: a tombstone for the session. */
    Long finishedAt;
    /** Latest {@code room_presumed_ended}; null when none. */
    EventKey presumedEnd;
    /** Latest room-queue event that shows the room alive: any but {@code room_finished} and presumptions. */
    EventKey lastSignOfLife;
    final Map<String, ParticipantFacts> participants = new HashMap<>();

    /** Set for a session pinned from the read model: no events, its end given (see {@link RoomProjection#pin}). */
    RoomProjection.Ctx pinned;

    private int cachedPeak = -1;
    private int cachedTotal = -1;

    SessionBucket(String sid) {
        this.sid = sid;
    }

    void pin(String roomName, RoomProjection.Ctx end) {
        hasState = true;
        hasRoomQueueEvent = true;
        pinned = end;
        name.offer(Integer.MAX_VALUE, new EventKey(end.startedAt(), 0, ""), roomName);
        firstEventAt = end.startedAt();
        lastEventAt = end.startedAt();
    }

    String roomName() {
        return name.valueOr("");
    }

    long startedAt() {
        return roomInfo.isPresent() ? Times.creationMillis(roomInfo.value())
                : firstEventAt == Long.MAX_VALUE ? 0 : firstEventAt;
    }

    void apply(ProjectedEvent event, EventType type, EventKey key, String attachedName) {
        timeline.put(key, event);
        if (type == EventType.UNKNOWN) {
            return; // joins the timeline, changes no state
        }
        hasState = true;
        firstEventAt = Math.min(firstEventAt, key.time());
        lastEventAt = Math.max(lastEventAt, key.time());
        LivekitWebhook.WebhookEvent webhook = event.event();
        if (!attachedName.isEmpty()) {
            boolean fromRoom = webhook.hasRoom() && webhook.getRoom().getName().equals(attachedName);
            name.offer(fromRoom ? 2 : 1, key, attachedName);
        }
        switch (type.family) {
            case ROOM -> applyRoomQueue(webhook, type, key);
            case EGRESS -> egressEvents.put(key, event);
            case INGRESS -> ingressEvents.put(key, event);
            case JOB -> {
                jobEvents.put(key, event);
                if (event.job() != null && event.job().hasRoom() && isFull(event.job().getRoom())) {
                    roomInfo.offer(0, key, event.job().getRoom());
                }
            }
            default -> {
            }
        }
    }

    private void applyRoomQueue(LivekitWebhook.WebhookEvent webhook, EventType type, EventKey key) {
        if (type == EventType.ROOM_PRESUMED_ENDED) {
            // the dashboard's own conclusion: no evidence from LiveKit, so no room-queue event and no room facts
            presumedEnd = later(presumedEnd, key);
            return;
        }
        hasRoomQueueEvent = true;
        if (webhook.hasRoom() && isFull(webhook.getRoom())) {
            roomInfo.offer(1, key, webhook.getRoom());
        }
        if (type == EventType.ROOM_FINISHED) {
            finishedAt = TrackFacts.min(finishedAt, key.time());
            invalidate();
            return;
        }
        lastSignOfLife = later(lastSignOfLife, key);
        if (type == EventType.ROOM_STARTED || !webhook.hasParticipant()
                || webhook.getParticipant().getSid().isEmpty()) {
            return; // a participant or track event naming no participant: room evidence only
        }
        LivekitModels.ParticipantInfo info = webhook.getParticipant();
        ParticipantFacts p = participants.computeIfAbsent(info.getSid(), ParticipantFacts::new);
        p.firstSeenAt = Math.min(p.firstSeenAt, key.time());
        p.info.offer(type.isParticipantEvent() ? 1 : 0, key, info);
        long joined = Times.joinedMillis(info);
        if (joined > 0 && (p.payloadJoinedAt == 0 || joined < p.payloadJoinedAt)) {
            p.payloadJoinedAt = joined;
        }
        boolean leaving = type == EventType.PARTICIPANT_LEFT || type == EventType.PARTICIPANT_CONNECTION_ABORTED;
        switch (type) {
            case PARTICIPANT_LEFT -> p.offerLeave(new ParticipantFacts.Leave(2, key, reason(info),
                    type.eventName));
            case PARTICIPANT_CONNECTION_ABORTED -> p.offerLeave(new ParticipantFacts.Leave(1, key, reason(info),
                    type.eventName));
            case TRACK_PUBLISHED, TRACK_UNPUBLISHED -> {
                if (webhook.hasTrack() && !webhook.getTrack().getSid().isEmpty()) {
                    TrackFacts t = p.track(webhook.getTrack().getSid());
                    t.info.offer(1, key, webhook.getTrack());
                    if (type == EventType.TRACK_PUBLISHED) {
                        t.publishedAt = TrackFacts.min(t.publishedAt, key.time());
                    } else {
                        t.unpublishedAt = TrackFacts.min(t.unpublishedAt, key.time());
                    }
                }
            }
            default -> {
            }
        }
        for (LivekitModels.TrackInfo listed : info.getTracksList()) {
            if (listed.getSid().isEmpty()) {
                continue;
            }
            TrackFacts t = p.track(listed.getSid());
            t.info.offer(0, key, listed);
            if (!leaving) {
                t.listedAt = TrackFacts.min(t.listedAt, key.time());
            }
        }
        invalidate();
    }

    private static EventKey later(EventKey current, EventKey candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    /**
     * The latest presumed end, when no room-queue event after it shows the room alive (a join, a
     * publish, a leave: LiveKit only reports those from a room that is still open); null otherwise.
     */
    EventKey standingPresumption() {
        return presumedEnd != null && (lastSignOfLife == null || presumedEnd.isAfter(lastSignOfLife))
                ? presumedEnd : null;
    }

    private static String reason(LivekitModels.ParticipantInfo info) {
        LivekitModels.DisconnectReason reason = info.getDisconnectReason();
        return reason == LivekitModels.DisconnectReason.UNKNOWN_REASON ? null : reason.name();
    }

    private static boolean isFull(LivekitModels.Room room) {
        return room.getCreationTime() > 0 || room.getCreationTimeMs() > 0;
    }

    private void invalidate() {
        cachedPeak = -1;
        cachedTotal = -1;
    }

    /**
     * Most counted participants present at once, from the participants' intervals [joinedAt,
     * leftAt) (a still-listed participant is present until the room finished, or indefinitely);
     * a leave and a join at the same instant do not overlap.
     */
    int peakParticipants() {
        if (cachedPeak < 0) {
            List<long[]> edges = new ArrayList<>();
            for (ParticipantFacts p : participants.values()) {
                if (!p.counted()) {
                    continue;
                }
                long start = p.joinedAt();
                long end = p.left() ? p.leave.key().time() : finishedAt != null ? finishedAt : Long.MAX_VALUE;
                if (end <= start) {
                    end = start + 1;
                }
                edges.add(new long[] {start, +1});
                edges.add(new long[] {end, -1});
            }
            edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            int current = 0;
            int peak = 0;
            for (long[] edge : edges) {
                current += (int) edge[1];
                peak = Math.max(peak, current);
            }
            cachedPeak = peak;
        }
        return cachedPeak;
    }

    /** Distinct identities among counted participants. */
    int totalParticipants() {
        if (cachedTotal < 0) {
            Set<String> identities = new HashSet<>();
            for (ParticipantFacts p : participants.values()) {
                if (p.counted()) {
                    identities.add(p.identityKey());
                }
            }
            cachedTotal = identities.size();
        }
        return cachedTotal;
    }
}
