package dev.lkdash.stream.control;

import static dev.lkdash.platform.JsonProviders.JSON;

import dev.lkdash.events.control.MessageFactory;
import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.entity.MessageTypes;
import dev.lkdash.platform.ApiException;
import dev.lkdash.platform.StreamSlot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rules every transport opens and ends streams by: the connection limit, where a stream
 * resumes in the journal, and the contract's system messages ({@code connected}, {@code resync},
 * heartbeat).
 */
@ApplicationScoped
public class StreamOpener {

    /** A tick is one second: a stream due within half of it gets its heartbeat on this one. */
    private static final long TICK_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    @Inject
    MessageJournal journal;

    @Inject
    StreamMetrics metrics;

    @Inject
    @ConfigProperty(name = "dashboard.sse.max-connections")
    int maxConnections;

    @Inject
    @ConfigProperty(name = "dashboard.sse.retry-ms")
    long retryMillis;

    @Inject
    @ConfigProperty(name = "dashboard.sse.heartbeat-seconds")
    long heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "dashboard.version")
    String serverVersion;

    private final AtomicInteger openStreams = new AtomicInteger();
    /** The per-address slot of each open stream that has one, by connection id. */
    private final ConcurrentHashMap<String, StreamSlot> slots = new ConcurrentHashMap<>();

    @PostConstruct
    void registerMetrics() {
        metrics.register(openStreams::get);
    }

    /**
     * Takes a place for a new stream and says how it starts: {@code connected}, then
     * {@code resync} when the client asked to resume after a message no longer held, then the
     * messages after its last id (after a restart: this run's messages, while all are held).
     *
     * @param lastEventId the client's {@code Last-Event-ID}, or null
     * @param slot        the stream's per-address slot, released when it is {@link #closed closed}; or null
     * @throws ApiException 429 when {@code dashboard.sse.max-connections} streams are open
     */
    StreamStart open(String lastEventId, StreamSlot slot) {
        if (openStreams.incrementAndGet() > maxConnections) {
            openStreams.decrementAndGet();
            metrics.refused();
            throw ApiException.tooManyRequests("too_many_connections",
                    "This instance holds its maximum of " + maxConnections + " streams", 5);
        }
        String connectionId = UUID.randomUUID().toString();
        if (slot != null) {
            slot.adopt();
            slots.put(connectionId, slot);
        }
        long head = journal.head();
        boolean fresh = lastEventId == null || lastEventId.isBlank();
        OptionalLong resumeAfter = fresh ? OptionalLong.of(head) : journal.resumePoint(lastEventId.strip());
        if (resumeAfter.isPresent()) {
            return new StreamStart(connectionId, resumeAfter.getAsLong(), connected(connectionId), null);
        }
        return new StreamStart(connectionId, journal.runStartFor(lastEventId).orElse(head),
                connected(connectionId), resync(lastEventId));
    }

    /** Gives back the places of a stream that ended (once per stream opened). */
    void closed(String connectionId) {
        openStreams.decrementAndGet();
        StreamSlot slot = slots.remove(connectionId);
        if (slot != null) {
            slot.release();
        }
    }

    public int openStreams() {
        return openStreams.get();
    }

    long retryMillis() {
        return retryMillis;
    }

    /** Whether a stream whose last heartbeat was at {@code lastNanos} gets one on the tick at {@code nowNanos}. */
    boolean heartbeatDue(long lastNanos, long nowNanos) {
        return nowNanos - lastNanos >= TimeUnit.SECONDS.toNanos(heartbeatSeconds) - TICK_SLACK_NANOS;
    }

    /** The heartbeat's {@code data:}. */
    static String heartbeatData(long nowMillis) {
        return "{\"timestamp\":" + nowMillis + "}";
    }

    private String connected(String connectionId) {
        JsonObject data = JSON.createObjectBuilder()
                .add("connectionId", connectionId)
                .add("serverVersion", serverVersion)
                .add("supportedEvents", JSON.createArrayBuilder(MessageTypes.LIVEKIT_EVENTS))
                .add("heartbeatEvent", "heartbeat")
                .add("heartbeatSeconds", heartbeatSeconds)
                .build();
        return MessageFactory.system(MessageTypes.CONNECTED, System.currentTimeMillis(), data);
    }

    private static String resync(String lastEventId) {
        JsonObject data = JSON.createObjectBuilder()
                .add("reason", "The messages after " + lastEventId + " are no longer held")
                .add("lastEventId", lastEventId)
                .build();
        return MessageFactory.system(MessageTypes.RESYNC, System.currentTimeMillis(), data);
    }
}
