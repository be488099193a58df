package dev.lkdash.stream.control;

import dev.lkdash.events.control.MessageFactory;
import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.entity.DashboardMessage;
import dev.lkdash.events.entity.MessagePublished;
import dev.lkdash.events.entity.MessageTypes;
import dev.lkdash.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import static dev.lkdash.platform.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the journal's messages to every open stream.
 *
 * <p>The sinks are managed here, through the JAX-RS {@link SseEventSink} API, rather than by an
 * {@code SseBroadcaster}: Jersey's broadcaster writes on the caller's thread (54 ms a message at
 * 1,000 subscribers), and once one subscriber's buffer is full it throws on every call and never
 * drops that subscriber. Here nothing is buffered per client: each client has a cursor into the
 * shared journal, and a writer pool copies messages from the journal to the sinks that are behind.
 * A client's writes never overlap and always follow journal order; a blocked write ties up one
 * writer thread, never the webhook path, the heartbeat timer or other clients. A client is cut as
 * slow when one write stays blocked past {@code dashboard.sse.send-timeout-ms}, or when it falls
 * out of the journal; it resumes with {@code Last-Event-ID} while the journal still holds what it
 * missed.
 */
@ApplicationScoped
public class StreamBroadcaster {

    private static final Logger LOG = Logger.getLogger(StreamBroadcaster.class.getName());
    /** Messages taken from the journal per write round, so a long replay does not hold a big list. */
    private static final int BATCH = 256;

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
    @ConfigProperty(name = "dashboard.sse.send-timeout-ms")
    long sendTimeoutMillis;

    @Inject
    @ConfigProperty(name = "dashboard.sse.writer-threads")
    int writerThreads;

    @Inject
    @ConfigProperty(name = "dashboard.sse.heartbeat-seconds")
    long heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "dashboard.version")
    String serverVersion;

    @Resource
    ManagedThreadFactory threadFactory;

    private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger openStreams = new AtomicInteger();
    /** Passes requested but not yet run: several requests while one runs make one more pass. */
    private final AtomicInteger passesRequested = new AtomicInteger();
    private ExecutorService writers;
    private ExecutorService closers;
    /** Each message's SSE frame, built once for all clients. */
    private AtomicReferenceArray<Frame> frames;
    private volatile Sse sse;
    private volatile OutboundSseEvent heartbeat;

    private record Frame(long sequence, OutboundSseEvent event) {
    }

    @PostConstruct
    void start() {
        writers = Executors.newFixedThreadPool(writerThreads, threadFactory);
        // closing a sink whose write is blocked may block as well: never on a writer or the caller
        closers = Executors.newCachedThreadPool(threadFactory);
        frames = new AtomicReferenceArray<>(journal.capacity());
        metrics.register(openStreams::get);
        LOG.info(() -> "Event stream ready: up to " + maxConnections + " streams, " + writerThreads
                + " writer threads, replay of " + journal.capacity() + " messages, send timeout "
                + sendTimeoutMillis + " ms");
    }

    /**
     * Opens a stream: {@code connected} at once (with {@code retry:}), then {@code resync} when
     * the client asked to resume from a message no longer held, then the messages after its last
     * id (after a restart: this run's messages, while all are held), then live ones.
     *
     * @throws ApiException 429 when {@code dashboard.sse.max-connections} streams are open
     */
    public void open(SseEventSink sink, Sse sse, String lastEventId) {
        if (openStreams.incrementAndGet() > maxConnections) {
            openStreams.decrementAndGet();
            metrics.refused();
            throw ApiException.tooManyRequests("too_many_connections",
                    "This instance holds its maximum of " + maxConnections + " streams", 5);
        }
        this.sse = sse;
        String connectionId = UUID.randomUUID().toString();
        long head = journal.head();
        OptionalLong resumeAfter = lastEventId == null || lastEventId.isBlank()
                ? OptionalLong.of(head) : journal.resumePoint(lastEventId.strip());
        long cursor = resumeAfter.isPresent() ? resumeAfter.getAsLong() : journal.runStartFor(lastEventId).orElse(head);
        StreamClient client = new StreamClient(connectionId, sink, cursor);
        try {
            sink.send(systemFrame(MessageTypes.CONNECTED, connected(connectionId), true));
            if (resumeAfter.isEmpty()) {
                sink.send(systemFrame(MessageTypes.RESYNC, JSON.createObjectBuilder()
                        .add("reason", "The messages after " + lastEventId + " are no longer held")
                        .add("lastEventId", lastEventId)
                        .build(), false));
            }
        } catch (RuntimeException clientGone) {
            openStreams.decrementAndGet();
            throw clientGone;
        }
        clients.add(client);
        LOG.fine(() -> "Stream " + connectionId + " opened" + (lastEventId == null ? "" : " after " + lastEventId));
        schedule(client);
    }

    void onPublished(@ObservesAsync MessagePublished published) {
        requestPass();
    }

    /**
     * Queues a heartbeat frame for every stream. The timer that calls this never waits on a
     * client, and it never throws: a failing timer method would be run again by the container.
     */
    public void heartbeat() {
        Sse factory = sse;
        if (factory == null || clients.isEmpty()) {
            return;
        }
        try {
            heartbeat = factory.newEventBuilder()
                    .comment("heartbeat")
                    .name("heartbeat")
                    .data(String.class, "{\"timestamp\":" + System.currentTimeMillis() + "}")
                    .build();
            for (StreamClient client : clients) {
                client.heartbeatDue = true;
            }
            requestPass();
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "Heartbeat failed", failure);
        }
    }

    public int openStreams() {
        return openStreams.get();
    }

    public boolean isRunning() {
        return !writers.isShutdown();
    }

    private void requestPass() {
        if (passesRequested.getAndIncrement() != 0) {
            return;
        }
        int requested = 1;
        do {
            pass();
            requested = passesRequested.addAndGet(-requested);
        } while (requested != 0);
    }

    /** One look at every client: cut the dead and the slow, set a writer on those behind. */
    private void pass() {
        long head = journal.head();
        long now = System.nanoTime();
        long sendTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis);
        for (StreamClient client : clients) {
            long writeStarted = client.writeStartedNanos;
            if (client.sink.isClosed()) {
                drop(client, false);
            } else if (writeStarted != 0 && now - writeStarted > sendTimeoutNanos) {
                drop(client, true);
            } else if (client.hasWork(head) && client.writing.compareAndSet(false, true)) {
                execute(client);
            }
        }
    }

    private void schedule(StreamClient client) {
        if (client.writing.compareAndSet(false, true)) {
            execute(client);
        }
    }

    private void execute(StreamClient client) {
        try {
            writers.execute(() -> write(client));
        } catch (RejectedExecutionException shuttingDown) {
            client.writing.set(false);
        }
    }

    /** Runs on a writer thread that owns the client until nothing is left to write. */
    private void write(StreamClient client) {
        do {
            try {
                writePending(client);
            } catch (Exception failed) {
                metrics.sendFailed();
                drop(client, false);
            } finally {
                client.writing.set(false);
            }
            // a message may have arrived after the last look and before the flag was cleared
        } while (client.hasWork(journal.head()) && client.writing.compareAndSet(false, true));
    }

    private void writePending(StreamClient client) throws Exception {
        while (!client.isClosed()) {
            long head = journal.head();
            if (client.cursor < head) {
                List<DashboardMessage> batch = journal.between(client.cursor, Math.min(head, client.cursor + BATCH));
                if (batch == null) {
                    LOG.info(() -> "Stream " + client.connectionId + " fell behind the replay journal");
                    drop(client, true);
                    return;
                }
                for (DashboardMessage message : batch) {
                    send(client, frame(message));
                    client.cursor = message.sequence();
                }
                metrics.sent(batch.size(), batch.get(0).acceptedNanos());
            } else if (client.heartbeatDue) {
                client.heartbeatDue = false;
                send(client, heartbeat);
            } else {
                return;
            }
        }
    }

    private void send(StreamClient client, OutboundSseEvent frame) throws Exception {
        client.writeStartedNanos = System.nanoTime();
        try {
            // Jersey completes the stage when the write is done; other runtimes may complete later
            client.sink.send(frame).toCompletableFuture().get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
        } finally {
            client.writeStartedNanos = 0;
        }
    }

    private OutboundSseEvent frame(DashboardMessage message) {
        int index = (int) (message.sequence() % frames.length());
        Frame cached = frames.get(index);
        if (cached != null && cached.sequence() == message.sequence()) {
            return cached.event();
        }
        OutboundSseEvent event = sse.newEventBuilder()
                .id(message.id())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, message.json())
                .build();
        frames.set(index, new Frame(message.sequence(), event));
        return event;
    }

    private OutboundSseEvent systemFrame(String event, JsonObject data, boolean withRetry) {
        OutboundSseEvent.Builder frame = sse.newEventBuilder()
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, MessageFactory.system(event, System.currentTimeMillis(), data));
        if (withRetry) {
            frame.reconnectDelay(retryMillis);
        }
        return frame.build();
    }

    private JsonObject connected(String connectionId) {
        return JSON.createObjectBuilder()
                .add("connectionId", connectionId)
                .add("serverVersion", serverVersion)
                .add("supportedEvents", JSON.createArrayBuilder(MessageTypes.LIVEKIT_EVENTS))
                .add("heartbeatEvent", "heartbeat")
                .add("heartbeatSeconds", heartbeatSeconds)
                .build();
    }

    private void drop(StreamClient client, boolean slow) {
        if (!client.markClosed()) {
            return;
        }
        clients.remove(client);
        openStreams.decrementAndGet();
        metrics.dropped(slow);
        if (slow) {
            LOG.info(() -> "Stream " + client.connectionId + " cut: it could not keep up (resumes with Last-Event-ID)");
        } else {
            LOG.fine(() -> "Stream " + client.connectionId + " closed: the client has gone");
        }
        try {
            closers.execute(() -> closeQuietly(client));
        } catch (RejectedExecutionException shuttingDown) {
            closeQuietly(client);
        }
    }

    private static void closeQuietly(StreamClient client) {
        try {
            client.sink.close();
        } catch (Exception alreadyGone) {
            LOG.log(Level.FINEST, "closing a finished stream", alreadyGone);
        }
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
        for (StreamClient client : clients) {
            if (client.markClosed()) {
                closeQuietly(client);
            }
        }
        clients.clear();
        closers.shutdown();
    }
}
