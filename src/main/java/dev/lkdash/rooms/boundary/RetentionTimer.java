package dev.lkdash.rooms.boundary;

import dev.lkdash.rooms.control.RoomState;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Deletes history older than {@code dashboard.history.retention-days}, every hour. */
@Singleton
public class RetentionTimer {

    private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());

    @Inject
    @ConfigProperty(name = "dashboard.history.retention-days")
    int retentionDays;

    @Inject
    RoomState state;

    /** Catches everything: a throwing timer method is re-run by the container 5 s later. */
    @Schedule(hour = "*", minute = "23", persistent = false)
    void prune() {
        try {
            int deleted = state.prune(Instant.now().minus(Duration.ofDays(retentionDays)));
            if (deleted > 0) {
                LOG.info(() -> "Retention of " + retentionDays + " days deleted " + deleted + " events");
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Pruning the history failed; the next hour tries again", failed);
        }
    }
}
