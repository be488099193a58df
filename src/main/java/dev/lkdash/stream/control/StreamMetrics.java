package dev.lkdash.stream.control;

import dev.lkdash.platform.AppMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/** Stream connections, deliveries, failures and clients dropped. */
@ApplicationScoped
public class StreamMetrics {

    @Inject
    AppMetrics metrics;

    private AppMetrics.Counter refused;
    private AppMetrics.Counter sent;
    private AppMetrics.Counter sendFailures;
    private AppMetrics.Counter broadcastFailures;
    private final Map<StreamEnding, AppMetrics.Counter> dropped = new EnumMap<>(StreamEnding.class);
    private AppMetrics.Histogram delivery;

    void register(IntSupplier openStreams) {
        metrics.gauge("dashboard.sse.connections", "Open SSE streams", openStreams);
        refused = metrics.counter("dashboard.sse.connections.refused",
                "Streams refused with 429 because dashboard.sse.max-connections were open");
        sent = metrics.counter("dashboard.sse.messages.sent",
                "Messages written to streams (one per message per client)");
        sendFailures = metrics.counter("dashboard.sse.send.failures",
                "Writes to a stream that failed (the client had gone)");
        broadcastFailures = metrics.counter("dashboard.sse.broadcast.failures",
                "JAX-RS broadcasts that reported a stream they could not hand the message to (its buffer was full behind a stuck write); such a stream is cut and resumes");
        for (StreamEnding ending : StreamEnding.values()) {
            dropped.put(ending, metrics.counter("dashboard.sse.clients.dropped", "Streams closed by the server: dead "
                    + "(a write failed), slow (could not keep up), replaced (its client opened a newer stream) "
                    + "or half_open (its peer left what it was sent unacknowledged for dashboard.sse.half-open-seconds)",
                    "reason", ending.name().toLowerCase(Locale.ROOT)));
        }
        delivery = metrics.histogram("dashboard.sse.broadcast.microseconds",
                "Time from accepting a message to writing it to a client: per write round of the servlet stream (its oldest message), per delivery of one message in 8 on the JAX-RS stream");
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
