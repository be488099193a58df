package dev.lkdash.guard.control;

import dev.lkdash.platform.AppMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Requests refused to protect the server: counted by reason in
 * {@code dashboard_requests_refused_total{reason}}, and logged at most once a minute per reason
 * with the count of those left out, with what the client sent made safe for the log.
 */
@ApplicationScoped
public class Refusals {

    public static final String RATE_LIMITED = "rate_limited";
    public static final String TOO_MANY_STREAMS = "too_many_streams";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    /** One log line per reason per this interval at most. */
    static final long LOG_INTERVAL_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(Refusals.class.getName());
    private static final String REFUSED = "dashboard.requests.refused";
    private static final String REFUSED_DESCRIPTION = "Requests refused to protect the server, by reason: rate_limited (API requests over the per-address rate), too_many_streams (streams over the per-address cap), payload_too_large (bodies over dashboard.http.max-body-bytes)";

    @Inject
    AppMetrics metrics;

    private final ConcurrentHashMap<String, AppMetrics.Counter> byReason = new ConcurrentHashMap<>();
    private final RefusalLog log = new RefusalLog(TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS), System::nanoTime, LOG::warning);

    /** Registers at start, so scrapers see every reason before the first refusal. */
    void registerAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's only job is to create this bean, which registers in @PostConstruct
    }

    @PostConstruct
    void register() {
        for (String reason : List.of(RATE_LIMITED, TOO_MANY_STREAMS, PAYLOAD_TOO_LARGE)) {
            counter(reason);
        }
    }

    /**
     * Counts and (rate-limited) logs one refusal.
     *
     * @param detail already safe for the log ({@link dev.lkdash.platform.LogText})
     */
    public void refused(String reason, String detail) {
        counter(reason).inc();
        log.refused(reason, detail);
    }

    /** Logs a refusal counted elsewhere (webhooks have their own metrics), under the same rate limit. */
    public void logOnly(String reason, String detail) {
        log.refused(reason, detail);
    }

    private AppMetrics.Counter counter(String reason) {
        return byReason.computeIfAbsent(reason, key -> metrics.counter(REFUSED, REFUSED_DESCRIPTION, "reason", key));
    }
}
