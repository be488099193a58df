package dev.lkdash.webhooks.boundary;

import dev.lkdash.webhooks.control.WebhookHealth;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Stores the webhook health counts every 5 s, and deletes what the retention no longer covers every hour. */
@Singleton
public class WebhookHealthTimer {

    private static final Logger LOG = Logger.getLogger(WebhookHealthTimer.class.getName());

    @Inject
    WebhookHealth health;

    /** Catches everything: a throwing timer method is re-run by the container 5 s later. */
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void flush() {
        try {
            health.flush();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Storing the webhook health failed; the next tick tries again", failed);
        }
    }

    @Schedule(hour = "*", minute = "29", persistent = false)
    void prune() {
        try {
            health.prune(System.currentTimeMillis());
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Pruning the webhook health failed; the next hour tries again", failed);
        }
    }
}
