package dev.lkdash.operations.boundary;

import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.webhooks.control.WebhookIntake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while events can be accepted: the journal is open, the event database answers and, with
 * {@code dashboard.bus=redis}, Redis answers.
 * Missing webhook keys do not make it unready (the dashboard still serves), but are reported so
 * that an operator sees why webhooks get 503, as is a background upgrade of the read model. Until the application has started it answers down
 * without touching the other beans: the runtime serves health while the deployment is still
 * being set up, when the application's configuration cannot be read yet.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ReadinessCheck.class.getName());

    @Inject
    MessageJournal journal;

    @Inject
    WebhookIntake intake;

    @Inject
    RoomState rooms;

    private volatile boolean started;

    /** Ready only once the webhook path is warm: the first webhooks after a start are not slower. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        try {
            intake.rehearse();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "The webhook path could not be rehearsed at start; the first webhooks warm it", failed);
        }
        started = true;
    }

    @Override
    public HealthCheckResponse call() {
        if (!started) {
            return HealthCheckResponse.named("webhooks").down().withData("starting", true).build();
        }
        HealthCheckResponseBuilder webhooks = HealthCheckResponse.named("webhooks")
                .withData("webhookKeysConfigured", intake.isConfigured())
                .withData("acceptedMessages", journal.head());
        if (journal.isShared()) {
            webhooks.withData("redis", journal.busReachable() ? "reachable" : "unreachable");
        }
        try {
            rooms.contains("readiness-probe");
            rooms.readModelUpgrade().ifPresent(progress -> webhooks.withData("readModelUpgrade", progress));
            return webhooks.status(journal.isOpen() && journal.busReachable()).build();
        } catch (RuntimeException databaseDown) {
            return webhooks.down().withData("database", String.valueOf(databaseDown.getMessage())).build();
        }
    }
}
