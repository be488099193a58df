package dev.lkdash.webhooks.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

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
    private Timer processing;

    @PostConstruct
    void register() {
        duplicates = registry.counter(Metadata.builder()
                .withName("dashboard.webhooks.duplicates")
                .withDescription("Webhooks dropped because their event was accepted before (LiveKit retries)")
                .build());
        processing = registry.timer(Metadata.builder()
                .withName("dashboard.webhooks.processing")
                .withDescription("Time from reading a webhook to answering it")
                .withUnit(MetricUnits.SECONDS)
                .build());
    }

    public void received(String event, String outcome, long elapsedNanos) {
        receivedByEventAndOutcome.computeIfAbsent(event + '\u0000' + outcome,
                key -> registry.counter(RECEIVED, new Tag("event", event), new Tag("outcome", outcome))).inc();
        processing.update(Duration.ofNanos(elapsedNanos));
        if ("duplicate".equals(outcome)) {
            duplicates.inc();
        }
    }
}
