package dev.lkdash.operations.boundary;

import dev.lkdash.stream.control.EventStreams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the stream transport runs: without it no dashboard gets anything. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    EventStreams streams;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-stream")
                .status(streams.isRunning())
                .withData("openStreams", streams.openStreams())
                .build();
    }
}
