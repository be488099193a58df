package dev.lkdash.webhooks.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import dev.lkdash.platform.AppMetrics;
import java.util.concurrent.ConcurrentHashMap;

/** Webhook counts by event and outcome, duplicates, and processing time. */
@ApplicationScoped
public class WebhookMetrics {

    private static final String RECEIVED = "dashboard.webhooks.received";
    private static final String RECEIVED_DESCRIPTION = "Webhooks received, by LiveKit event (unknown before parsing) and outcome";

    @Inject
    AppMetrics metrics;

    private final ConcurrentHashMap<String, AppMetrics.Counter> receivedByEventAndOutcome = new ConcurrentHashMap<>();
    private AppMetrics.Counter duplicates;
    private AppMetrics.Counter dropped;
    private AppMetrics.Histogram processing;

    /** Registers at start, so scrapers see every metric before the first webhook. */
    void registerAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's only job is to create this bean, which registers in @PostConstruct
    }

    @PostConstruct
    void register() {
        duplicates = metrics.counter("dashboard.webhooks.duplicates",
                "Webhooks dropped because their event was accepted before (LiveKit retries)");
        dropped = metrics.counter("dashboard.webhooks.livekit.dropped",
                "Webhooks LiveKit reports it dropped (the sum of numDropped of accepted events)");
        processing = metrics.histogram("dashboard.webhooks.processing.microseconds",
                "Time from reading a webhook to answering it");
    }

    /** LiveKit dropped this many webhooks of one queue before the one just accepted. */
    public void livekitDropped(long count) {
        dropped.inc(count);
    }

    public void received(String event, String outcome, long elapsedNanos) {
        receivedByEventAndOutcome.computeIfAbsent(event + '\u0000' + outcome,
                key -> metrics.counter(RECEIVED, RECEIVED_DESCRIPTION, "event", event, "outcome", outcome)).inc();
        processing.update(elapsedNanos / 1_000);
        if ("duplicate".equals(outcome)) {
            duplicates.inc();
        }
    }
}
