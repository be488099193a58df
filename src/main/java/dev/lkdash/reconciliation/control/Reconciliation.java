package dev.lkdash.reconciliation.control;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.lkdash.events.control.MessageFactory;
import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.control.ProtoJson;
import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.platform.LiveKitKeys;
import dev.lkdash.reconciliation.entity.Correction;
import dev.lkdash.reconciliation.entity.LiveKitListing;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import static dev.lkdash.platform.JsonProviders.JSON;

import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import livekit.LivekitWebhook.WebhookEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One reconciliation round: list what LiveKit has, record each correction like a webhook event
 * (stored, applied) and broadcast it as a {@code system} {@code reconciliation} message.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class.getName());
    public static final String MESSAGE_EVENT = "reconciliation";

    @Inject
    @ConfigProperty(name = "livekit.url")
    Optional<String> livekitUrl;

    @Inject
    LiveKitKeys keys;

    @Inject
    @ConfigProperty(name = "dashboard.reconcile.grace-seconds")
    long graceSeconds;

    @Inject
    RoomState rooms;

    @Inject
    MessageJournal journal;

    @Resource
    ManagedExecutorService executor;

    private RoomServiceLister liveKit;
    private boolean failing;
    /** A round asked for and not started yet: requests while one waits add nothing. */
    private final AtomicBoolean requested = new AtomicBoolean();

    @PostConstruct
    void connect() {
        if (isEnabled()) {
            liveKit = new RoomServiceLister(livekitUrl.get(), keys.key(), keys.secret());
        }
    }

    /** Set up when {@code livekit.url} and the API key and secret are all set. */
    public boolean isEnabled() {
        return livekitUrl.filter(url -> !url.isBlank()).isPresent() && keys.isConfigured();
    }

    /**
     * Runs a round off the caller's thread, now rather than at the next interval (LiveKit said it
     * dropped webhooks); nothing when reconciliation is off.
     */
    public void runSoon() {
        if (liveKit != null && requested.compareAndSet(false, true)) {
            executor.execute(() -> {
                requested.set(false);
                run();
            });
        }
    }

    /** Never throws: it runs on a timer, which the container would re-run on a failure. */
    public synchronized void run() {
        if (liveKit == null) {
            return;
        }
        try {
            LiveKitListing listing = liveKit.list();
            if (failing) {
                LOG.info("RoomService at " + livekitUrl.get() + " answers again");
                failing = false;
            }
            List<Correction> corrections = Reconciler.corrections(rooms, listing, Duration.ofSeconds(graceSeconds));
            int recorded = 0;
            for (Correction correction : corrections) {
                recorded += record(correction) ? 1 : 0;
            }
            if (recorded > 0) {
                LOG.info("Reconciliation with LiveKit: " + recorded + " corrections over " + listing.rooms().size()
                        + " listed rooms");
            }
        } catch (IOException | RuntimeException unreachable) {
            if (!failing) {
                LOG.log(Level.WARNING, "Reconciliation skipped: RoomService at " + livekitUrl.get()
                        + " could not be listed (" + unreachable.getMessage() + "); retrying each round");
                failing = true;
            }
        }
    }

    private boolean record(Correction correction) {
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
        journal.publish(MESSAGE_EVENT, now, MessageFactory.system(MESSAGE_EVENT, now, data.build()));
        LOG.info(() -> "Reconciliation: " + correction.action() + " " + event.getRoom().getName()
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
