package dev.lkdash.webhooks.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/** Webhook counts by event and outcome, duplicates, and processing time. */
@ApplicationScoped
public class WebhookMetrics {

    private static final Metadata RECEIVED = Metadata.builder()
            .withName("dashboard.webhooks.received")
            .withDescription("Webhooks received, by LiveKit event (unknown before parsing) and outcome")
            .build();

    @Inject
    MetricRegistry registry;

    private final ConcurrentHashMap<String, Counter> receivedByEventAndOutcome = new ConcurrentHashMap<>();
    private Counter duplicates;
    private Counter dropped;
    private Histogram processing;

    /** Registers at start, so scrapers see every metric before the first webhook. */
    void registerAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's only job is to create this bean, which registers in @PostConstruct
    }

    @PostConstruct
    void register() {
        duplicates = registry.counter(Metadata.builder()
                .withName("dashboard.webhooks.duplicates")
                .withDescription("Webhooks dropped because their event was accepted before (LiveKit retries)")
                .build());
        dropped = registry.counter(Metadata.builder()
                .withName("dashboard.webhooks.livekit.dropped")
                .withDescription("Webhooks LiveKit reports it dropped (the sum of numDropped of accepted events)")
                .build());
        // microseconds in the name and no unit: Payara scales a timer's or histogram's quantiles and
        // its sum differently (one of them is always off by 10^3 or 10^9), so nothing is scaled here
        processing = registry.histogram(Metadata.builder()
                .withName("dashboard.webhooks.processing.microseconds")
                .withDescription("Time from reading a webhook to answering it")
                .withUnit(MetricUnits.NONE)
                .build());
    }

    /** LiveKit dropped this many webhooks of one queue before the one just accepted. */
    public void livekitDropped(long count) {
        dropped.inc(count);
    }

    public void received(String event, String outcome, long elapsedNanos) {
        receivedByEventAndOutcome.computeIfAbsent(event + '\u0000' + outcome,
                key -> registry.counter(RECEIVED, new Tag("event", event), new Tag("outcome", outcome))).inc();
        processing.update(elapsedNanos / 1_000);
        if ("duplicate".equals(outcome)) {
            duplicates.inc();
        }
    }
}
