package dev.lkdash.rooms.control;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.sessions.entity.TimelineEntry;
import livekit.LivekitModels;
import livekit.LivekitWebhook;

/** Timeline entries: who and what an event is about, and a one-line summary. */
final class Summaries {

    private Summaries() {
    }

    static TimelineEntry entry(ProjectedEvent event, long time) {
        LivekitWebhook.WebhookEvent w = event.event();
        String identity = w.hasParticipant() && !w.getParticipant().getIdentity().isEmpty()
                ? w.getParticipant().getIdentity() : null;
        String trackSid = w.hasTrack() && !w.getTrack().getSid().isEmpty() ? w.getTrack().getSid() : null;
        return new TimelineEntry(event.eventId(), event.name(), time, identity, trackSid, of(event));
    }

    static String of(ProjectedEvent event) {
        LivekitWebhook.WebhookEvent w = event.event();
        LivekitModels.ParticipantInfo p = w.getParticipant();
        String who = p.getIdentity().isEmpty() ? p.getSid() : p.getIdentity();
        return switch (EventType.of(event.name())) {
            case ROOM_STARTED -> "room " + w.getRoom().getName() + " started";
            case ROOM_FINISHED -> "room " + w.getRoom().getName() + " finished";
            case ROOM_PRESUMED_ENDED -> "room " + w.getRoom().getName() + " presumed ended (no room_finished came)";
            case PARTICIPANT_JOINED -> who + " joined (" + p.getKind().name() + ")";
            case PARTICIPANT_LEFT -> who + " left" + reason(p);
            case PARTICIPANT_CONNECTION_ABORTED -> who + " connection aborted" + reason(p);
            case TRACK_PUBLISHED -> who + " published " + track(w.getTrack());
            case TRACK_UNPUBLISHED -> who + " unpublished " + track(w.getTrack());
            case EGRESS_STARTED, EGRESS_UPDATED, EGRESS_ENDED -> "egress " + w.getEgressInfo().getEgressId() + " "
                    + w.getEgressInfo().getStatus().name();
            case INGRESS_STARTED, INGRESS_ENDED -> "ingress " + label(w.getIngressInfo().getName(),
                    w.getIngressInfo().getIngressId()) + " " + w.getIngressInfo().getState().getStatus().name();
            case AGENT_JOB_STARTED, AGENT_JOB_ENDED -> event.job() == null ? event.name()
                    : "agent job " + label(event.job().getAgentName(), event.job().getId()) + " "
                            + event.job().getState().getStatus().name();
            case UNKNOWN -> event.name().isEmpty() ? "(unnamed event)" : event.name();
        };
    }

    private static String reason(LivekitModels.ParticipantInfo p) {
        return p.getDisconnectReason() == LivekitModels.DisconnectReason.UNKNOWN_REASON ? ""
                : " (" + p.getDisconnectReason().name() + ")";
    }

    private static String track(LivekitModels.TrackInfo t) {
        String name = t.getName().isEmpty() ? t.getSid() : t.getName();
        return t.getType().name() + " " + name + " (" + t.getSource().name() + ")";
    }

    private static String label(String name, String id) {
        return name.isEmpty() ? id : name + " (" + id + ")";
    }
}
