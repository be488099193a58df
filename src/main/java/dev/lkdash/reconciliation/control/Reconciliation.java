package dev.lkdash.reconciliation.control;

import dev.lkdash.platform.LiveKitKeys;
import dev.lkdash.reconciliation.entity.Correction;
import dev.lkdash.reconciliation.entity.LiveKitListing;
import dev.lkdash.rooms.control.RoomState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One reconciliation round: list what LiveKit has and record each correction
 * ({@link CorrectionRecorder}).
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class.getName());

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
    CorrectionRecorder recorder;

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
                recorded += recorder.record(correction) ? 1 : 0;
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
}
