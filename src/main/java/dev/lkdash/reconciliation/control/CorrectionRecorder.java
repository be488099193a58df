package dev.lkdash.reconciliation.control;

import static dev.lkdash.platform.JsonProviders.JSON;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.lkdash.events.control.MessageFactory;
import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.control.ProtoJson;
import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.reconciliation.entity.Correction;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Records a correction like a webhook event (stored, applied) and broadcasts it as a
 * {@code system} {@code reconciliation} message, journaled like any message so a resuming client
 * gets it too.
 */
@ApplicationScoped
public class CorrectionRecorder {

    private static final Logger LOG = Logger.getLogger(CorrectionRecorder.class.getName());
    public static final String MESSAGE_EVENT = "reconciliation";

    @Inject
    RoomState rooms;

    @Inject
    MessageJournal journal;

    /** @return false when the correction's event is stored already (the same difference found again) */
    public boolean record(Correction correction) {
        WebhookEvent event = correction.event();
        long now = System.currentTimeMillis();
        ProjectionUpdate update = rooms.record(new LiveKitEvent(event, null, event.getId()), body(event), now);
        if (update == null) {
            return false;
        }
        JsonObjectBuilder data = JSON.createObjectBuilder()
                .add("action", correction.action())
                .add("reason", correction.reason())
                .add("livekitEvent", event.getEvent())
                .add("room", ProtoJson.toJson(event.getRoom()));
        if (event.hasParticipant()) {
            data.add("participant", ProtoJson.toJson(event.getParticipant()));
        }
        if (update.roomSummary() != null) {
            data.add("roomSummary", update.roomSummary().toJson());
        }
        journal.publish(MESSAGE_EVENT, now, MessageFactory.system(MESSAGE_EVENT, now, data.build()), update.sharedChange());
        LOG.info(() -> "Correction: " + correction.action() + " " + event.getRoom().getName()
                + (event.hasParticipant() ? " / " + event.getParticipant().getIdentity() : "") + " (" + correction.reason() + ")");
        return true;
    }

    private static byte[] body(WebhookEvent event) {
        try {
            return JsonFormat.printer().print(event).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException impossible) {
            throw new IllegalStateException("a WebhookEvent always prints", impossible);
        }
    }
}
