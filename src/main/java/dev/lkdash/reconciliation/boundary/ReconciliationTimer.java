package dev.lkdash.reconciliation.boundary;

import dev.lkdash.reconciliation.control.Reconciliation;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reconciles shortly after start, then every {@code dashboard.reconcile.interval-seconds}. */
@Startup
@Singleton
public class ReconciliationTimer {

    private static final Logger LOG = Logger.getLogger(ReconciliationTimer.class.getName());
    private static final long FIRST_ROUND_MILLIS = 1_000;

    @Resource
    TimerService timerService;

    @Inject
    @ConfigProperty(name = "dashboard.reconcile.interval-seconds")
    long intervalSeconds;

    @Inject
    Reconciliation reconciliation;

    @PostConstruct
    void schedule() {
        if (!reconciliation.isEnabled()) {
            LOG.info("Reconciliation with LiveKit is off: livekit.url (with the API key and secret) is not set; "
                    + "rooms that go quiet are presumed ended instead");
            return;
        }
        LOG.info(() -> "Reconciliation with LiveKit every " + intervalSeconds + " s");
        timerService.createIntervalTimer(FIRST_ROUND_MILLIS, intervalSeconds * 1000,
                new TimerConfig("livekit-reconciliation", false));
    }

    @Timeout
    void reconcile() {
        reconciliation.run();
    }
}
