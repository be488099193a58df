package dev.lkdash.operations.boundary;

import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.webhooks.control.WebhookIntake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while events can be accepted. Missing webhook keys do not make it unready (the dashboard
 * still serves), but are reported so that an operator sees why webhooks get 503.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    MessageJournal journal;

    @Inject
    WebhookIntake intake;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("webhooks")
                .status(journal.isOpen())
                .withData("webhookKeysConfigured", intake.isConfigured())
                .withData("acceptedMessages", journal.head())
                .build();
    }
}
