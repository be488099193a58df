package dev.lkdash.operations.boundary;

import dev.lkdash.stream.control.StreamBroadcaster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the stream's writers run: without them no dashboard gets anything. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    StreamBroadcaster broadcaster;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-stream")
                .status(broadcaster.isRunning())
                .withData("openStreams", broadcaster.openStreams())
                .build();
    }
}
