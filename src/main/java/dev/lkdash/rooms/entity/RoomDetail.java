package dev.lkdash.rooms.entity;

import dev.lkdash.sessions.entity.AgentJobView;
import dev.lkdash.sessions.entity.EgressView;
import dev.lkdash.sessions.entity.IngressView;
import java.util.List;

/**
 * One active room ({@code GET /api/rooms/{name}}): the summary fields, the room settings, the
 * present participants with their tracks, and the session's egress, ingress and agent jobs
 * (ended ones included, each with its status).
 */
public record RoomDetail(String sid, String name, int numParticipants, int numPublishers, long creationTime,
                         String metadata, boolean activeRecording, int emptyTimeout, int maxParticipants,
                         List<ParticipantView> participants, List<EgressView> egress, List<IngressView> ingress,
                         List<AgentJobView> agentJobs) {

    public RoomSummary summary() {
        return new RoomSummary(sid, name, numParticipants, numPublishers, creationTime, metadata, activeRecording);
    }
}
