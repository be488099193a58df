package dev.lkdash.sessions.entity;

import java.util.List;

import dev.lkdash.sessions.entity.AgentJobView;
import dev.lkdash.sessions.entity.EgressView;
import dev.lkdash.sessions.entity.IngressView;

/**
 * One room session ({@code GET /api/sessions/{sid}}): the summary fields, every participant
 * session with its tracks, the egress/ingress/agent-job records and the event timeline
 * ({@code events}, oldest first, in the projection's canonical event order). {@code endedBy} as in
 * {@link SessionSummary}.
 */
public record SessionDetail(String sid, String roomName, long startedAt, Long endedAt, String endedBy,
                            long durationSeconds, int peakParticipants, int totalParticipants, String metadata,
                            List<ParticipantSession> participants, List<EgressView> egress,
                            List<IngressView> ingress, List<AgentJobView> agentJobs, List<TimelineEntry> events) {

    public SessionSummary summary() {
        return new SessionSummary(sid, roomName, startedAt, endedAt, endedBy, durationSeconds, peakParticipants,
                totalParticipants);
    }
}
