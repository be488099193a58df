package dev.lkdash.stream.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** Stream connections, deliveries, failures and clients dropped. */
@ApplicationScoped
public class StreamMetrics {

    @Inject
    MetricRegistry registry;

    private Counter refused;
    private Counter sent;
    private Counter sendFailures;
    private Counter droppedDead;
    private Counter droppedSlow;
    private Timer delivery;

    void register(IntSupplier openStreams) {
        registry.gauge(Metadata.builder()
                .withName("dashboard.sse.connections")
                .withDescription("Open SSE streams")
                .build(), openStreams, IntSupplier::getAsInt);
        refused = registry.counter(Metadata.builder()
                .withName("dashboard.sse.connections.refused")
                .withDescription("Streams refused with 429 because dashboard.sse.max-connections were open")
                .build());
        sent = registry.counter(Metadata.builder()
                .withName("dashboard.sse.messages.sent")
                .withDescription("Messages written to streams (one per message per client)")
                .build());
        sendFailures = registry.counter(Metadata.builder()
                .withName("dashboard.sse.send.failures")
                .withDescription("Writes to a stream that failed (the client had gone)")
                .build());
        Metadata dropped = Metadata.builder()
                .withName("dashboard.sse.clients.dropped")
                .withDescription("Streams closed by the server: dead (a write failed) or slow (could not keep up)")
                .build();
        droppedDead = registry.counter(dropped, new Tag("reason", "dead"));
        droppedSlow = registry.counter(dropped, new Tag("reason", "slow"));
        delivery = registry.timer(Metadata.builder()
                .withName("dashboard.sse.broadcast")
                .withDescription("Per message and client write: time from accepting the message to writing it")
                .withUnit(MetricUnits.SECONDS)
                .build());
    }

    void refused() {
        refused.inc();
    }

    void sent(int messages, long oldestAcceptedNanos) {
        sent.inc(messages);
        delivery.update(Duration.ofNanos(System.nanoTime() - oldestAcceptedNanos));
    }

    void sendFailed() {
        sendFailures.inc();
    }

    void dropped(boolean slow) {
        (slow ? droppedSlow : droppedDead).inc();
    }
}
