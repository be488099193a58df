package dev.lkdash.stream.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/** Stream connections, deliveries, failures and clients dropped. */
@ApplicationScoped
public class StreamMetrics {

    @Inject
    MetricRegistry registry;

    private Counter refused;
    private Counter sent;
    private Counter sendFailures;
    private Counter broadcastFailures;
    private final Map<StreamEnding, Counter> dropped = new EnumMap<>(StreamEnding.class);
    private Histogram delivery;

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
        broadcastFailures = registry.counter(Metadata.builder()
                .withName("dashboard.sse.broadcast.failures")
                .withDescription("JAX-RS broadcasts that reported a stream they could not hand the message to (its buffer was full behind a stuck write); such a stream is cut and resumes")
                .build());
        Metadata droppedMetadata = Metadata.builder()
                .withName("dashboard.sse.clients.dropped")
                .withDescription("Streams closed by the server: dead (a write failed), slow (could not keep up) or "
                        + "replaced (its client opened a newer stream)")
                .build();
        for (StreamEnding ending : StreamEnding.values()) {
            dropped.put(ending, registry.counter(droppedMetadata,
                    new Tag("reason", ending.name().toLowerCase(Locale.ROOT))));
        }
        // microseconds in the name and no unit: Payara scales a timer's or histogram's quantiles and
        // its sum differently (one of them is always off by 10^3 or 10^9), so nothing is scaled here
        delivery = registry.histogram(Metadata.builder()
                .withName("dashboard.sse.broadcast.microseconds")
                .withDescription("Time from accepting a message to writing it to a client: per write round of the servlet stream (its oldest message), per delivery of one message in 8 on the JAX-RS stream")
                .withUnit(MetricUnits.NONE)
                .build());
    }

    void refused() {
        refused.inc();
    }

    void sent(int messages) {
        sent.inc(messages);
    }

    void sent(int messages, long oldestAcceptedNanos) {
        sent.inc(messages);
        delivery.update((System.nanoTime() - oldestAcceptedNanos) / 1_000);
    }

    void sendFailed() {
        sendFailures.inc();
    }

    void broadcastFailed() {
        broadcastFailures.inc();
    }

    void dropped(StreamEnding ending) {
        dropped.get(ending).inc();
    }
}
