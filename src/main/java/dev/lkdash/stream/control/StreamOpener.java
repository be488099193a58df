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
import jakarta.servlet.ServletRequest;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
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
    HalfOpenStreams halfOpen;

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

    /** What a client may call itself: long enough to be unguessable, nothing to escape. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final AtomicInteger openStreams = new AtomicInteger();
    /** The open stream of each client that gave itself an id, and how to end it. */
    private final ConcurrentHashMap<String, ClientStream> streamOfClient = new ConcurrentHashMap<>();
    /** The client id of each open stream that has one, by connection id. */
    private final ConcurrentHashMap<String, String> clientOfStream = new ConcurrentHashMap<>();

    private record ClientStream(String connectionId, Runnable end) {
    }
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
     * @param request     the stream's request: its per-address slot ({@link StreamSlot}, released
     *                    when the stream is {@link #closed closed}) and its connection
     * @param client      the id the client gives itself ({@code client}), or null
     * @throws ApiException 400 for a client id that is not 16-64 letters, digits, '-' or '_'; 429
     *                      when {@code dashboard.sse.max-connections} streams are open
     */
    StreamStart open(String lastEventId, ServletRequest request, String client) {
        String clientId = client == null || client.isEmpty() ? null : client;
        if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.badParameter("client must be 16 to 64 letters, digits, '-' or '_'");
        }
        if (openStreams.incrementAndGet() > maxConnections) {
            openStreams.decrementAndGet();
            metrics.refused();
            throw ApiException.tooManyRequests("too_many_connections",
                    "This instance holds its maximum of " + maxConnections + " streams", 5);
        }
        String connectionId = UUID.randomUUID().toString();
        StreamSlot slot = StreamSlot.of(request);
        if (slot != null) {
            slot.adopt();
            slots.put(connectionId, slot);
        }
        // the socket's peer, whatever a proxy says the client is: the connection is what may be half-open
        String peer = request.getRemoteAddr() + " port " + request.getRemotePort();
        String connection = TcpTable.connection(request.getRemoteAddr(), request.getRemotePort(), request.getLocalPort());
        long head = journal.head();
        boolean fresh = lastEventId == null || lastEventId.isBlank();
        OptionalLong resumeAfter = fresh ? OptionalLong.of(head) : journal.resumePoint(lastEventId.strip());
        if (resumeAfter.isPresent()) {
            return new StreamStart(connectionId, resumeAfter.getAsLong(), connected(connectionId), null, clientId,
                    connection, peer);
        }
        return new StreamStart(connectionId, journal.runStartFor(lastEventId).orElse(head),
                connected(connectionId), resync(lastEventId), clientId, connection, peer);
    }

    /**
     * The stream has opened and can be ended by {@code end} (with the reason it is ended for).
     * Its connection is watched for being half-open ({@link HalfOpenStreams}). When its client still
     * has an earlier stream open, that one is ended now: a client opens a new stream when it no
     * longer receives the old one, whose peer may have vanished without a word (a laptop asleep, a
     * network that changed), and such a stream would otherwise hold its places until it is found
     * half-open.
     */
    void opened(StreamStart start, Consumer<StreamEnding> end) {
        halfOpen.watch(start.connectionId(), start.connection(), start.peer(), () -> end.accept(StreamEnding.HALF_OPEN));
        if (start.client() == null) {
            return;
        }
        clientOfStream.put(start.connectionId(), start.client());
        ClientStream replaced = streamOfClient.put(start.client(),
                new ClientStream(start.connectionId(), () -> end.accept(StreamEnding.REPLACED)));
        if (replaced != null) {
            replaced.end().run();
        }
    }

    /** Gives back the places of a stream that ended (once per stream opened). */
    void closed(String connectionId) {
        openStreams.decrementAndGet();
        halfOpen.forget(connectionId);
        String client = clientOfStream.remove(connectionId);
        if (client != null) {
            streamOfClient.computeIfPresent(client, (id, open) -> open.connectionId().equals(connectionId) ? null : open);
        }
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
