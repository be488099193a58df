package dev.lkdash.webhooks.boundary;

import dev.lkdash.webhooks.control.WebhookIntake;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every five seconds (a non-persistent EJB schedule), publishes on the shared stream what was
 * stored while Redis could not take it; nothing to do with {@code dashboard.bus=local}.
 */
@Singleton
public class StrandedMessagesTimer {

    private static final Logger LOG = Logger.getLogger(StrandedMessagesTimer.class.getName());

    @Inject
    WebhookIntake intake;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "stranded-messages")
    void publish() {
        try {
            intake.publishStranded();
        } catch (RuntimeException failed) { // the container would run a failed timeout again at once
            LOG.log(Level.WARNING, "Publishing stranded messages failed", failed);
        }
    }
}
