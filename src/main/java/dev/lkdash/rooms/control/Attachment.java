package dev.lkdash.rooms.control;

import dev.lkdash.rooms.entity.ProjectedEvent;
import livekit.LivekitWebhook;

/**
 * Which room session an event belongs to: by room sid when the event carries one (room,
 * participant and track events always do, egress usually does via {@code roomId}, agent jobs via
 * {@code job.room}); otherwise by room name only (most ingress events), resolved against the
 * sessions of that name by time at read time.
 */
record Attachment(String sid, String name) {

    static Attachment of(ProjectedEvent event, EventType type) {
        LivekitWebhook.WebhookEvent w = event.event();
        String roomSid = w.hasRoom() ? w.getRoom().getSid() : "";
        String roomName = w.hasRoom() ? w.getRoom().getName() : "";
        String egressSid = w.hasEgressInfo() ? w.getEgressInfo().getRoomId() : "";
        String egressName = w.hasEgressInfo() ? w.getEgressInfo().getRoomName() : "";
        String ingressSid = w.hasIngressInfo() && w.getIngressInfo().hasState()
                ? w.getIngressInfo().getState().getRoomId() : "";
        String ingressName = w.hasIngressInfo() ? w.getIngressInfo().getRoomName() : "";
        String jobSid = event.job() != null && event.job().hasRoom() ? event.job().getRoom().getSid() : "";
        String jobName = event.job() != null && event.job().hasRoom() ? event.job().getRoom().getName() : "";
        return switch (type.family) {
            case EGRESS -> new Attachment(first(egressSid, roomSid), first(egressName, roomName));
            case INGRESS -> new Attachment(first(ingressSid, roomSid), first(ingressName, roomName));
            case JOB -> new Attachment(first(jobSid, roomSid), first(jobName, roomName));
            default -> new Attachment(first(roomSid, egressSid, ingressSid, jobSid),
                    first(roomName, egressName, ingressName, jobName));
        };
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isEmpty()) {
                return candidate;
            }
        }
        return "";
    }

    boolean hasSid() {
        return !sid.isEmpty();
    }

    boolean hasName() {
        return !name.isEmpty();
    }
}
