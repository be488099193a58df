package dev.lkdash.stream.control;

import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.entity.DashboardMessage;
import dev.lkdash.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JAX-RS transport ({@code dashboard.sse.transport=jaxrs}, the default): every stream is an
 * {@link SseEventSink} registered with one {@link SseBroadcaster}, which the journal's messages
 * are broadcast to in acceptance order.
 *
 * <p>One thread broadcasts: on each journal notification it hands the broadcaster the messages
 * after the last one it handed over, each as an {@link OutboundSseEvent} built once for all
 * clients. A new stream first gets {@code connected} (which also sends the headers), then its
 * replay straight from the journal, and joins the broadcaster under the broadcast lock once the
 * replay has caught up with the broadcast: no message between the two is lost or written twice.
 *
 * <p>Nothing is lost silently: each stream checks that a message follows the last one it wrote
 * ({@link BroadcastSubscriber}), so a message the broadcaster dropped (Jersey's per-subscriber
 * buffer holds 256 events; when it is full, Jersey's {@code broadcast} throws and that subscriber
 * misses the event) cuts that stream at its next message, and it resumes with
 * {@code Last-Event-ID}. A stream whose write has not returned for
 * {@code dashboard.sse.send-timeout-ms} (its client stopped reading and the container's buffers
 * are full) is cut by the next tick. Heartbeats go through the broadcaster as well, so a stream's
 * writes never overlap, and the timer never writes to a client itself.
 */
@ApplicationScoped
public class BroadcastStreams implements StreamTransport {

    private static final Logger LOG = Logger.getLogger(BroadcastStreams.class.getName());
    /**
     * Shortest time between two broadcast runs while messages keep coming. Jersey's broadcaster
     * hands each stream's events to a task on its executor, woken whenever an event finds it
     * idle; runs spaced out like this let one wake-up take the messages of the interval. Adds at
     * most this much latency.
     */
    private static final long BROADCAST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** One message in this many has its delivery time recorded. */
    private static final int TIMED_EVERY = 8;
    /** A stream registers with the broadcaster once its replay is this close to the broadcast. */
    private static final int JOIN_TAIL = 64;

    @Inject
    MessageJournal journal;

    @Inject
    StreamMetrics metrics;

    @Inject
    StreamOpener opener;

    @Inject
    @ConfigProperty(name = "dashboard.sse.send-timeout-ms")
    long sendTimeoutMillis;

    @Resource
    ManagedThreadFactory threadFactory;

    /** Held while a message is handed to the broadcaster and while a stream joins it. */
    private final Object broadcastLock = new Object();
    private final Set<BroadcastSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private ExecutorService broadcasting;
    /** Broadcast runs: one at a time, at most every {@link #BROADCAST_INTERVAL_NANOS} under load. */
    private PacedRuns broadcasts;
    private ExecutorService closers;
    /** Each message's event, built once for all clients. */
    private AtomicReferenceArray<Frame> frames;
    private volatile Sse sse;
    private volatile SseBroadcaster broadcaster;
    /** Sequence of the last message handed to the broadcaster. */
    private volatile long broadcastSequence;

    private record Frame(long sequence, long acceptedNanos, OutboundSseEvent event) {
    }

    @PostConstruct
    void start() {
        broadcasting = Executors.newSingleThreadExecutor(threadFactory);
        broadcasts = new PacedRuns(broadcasting, this::broadcastNewMessages, BROADCAST_INTERVAL_NANOS, "Broadcasting");
        // closing a sink whose write is blocked may block as well: never on the broadcast or the timer
        closers = Executors.newCachedThreadPool(threadFactory);
        frames = new AtomicReferenceArray<>(journal.capacity());
        broadcastSequence = journal.head();
        LOG.info(() -> "JAX-RS event stream ready: SseBroadcaster, replay of " + journal.capacity()
                + " messages, send timeout " + sendTimeoutMillis + " ms");
    }

    /**
     * Opens a stream on a sink, as {@link StreamOpener} says it starts, and joins it to the
     * broadcaster once it has caught up.
     *
     * @throws ApiException 429 when {@code dashboard.sse.max-connections} streams are open
     */
    public void open(SseEventSink sink, Sse sse, String lastEventId, ServletRequest request, String client) {
        StreamStart start = opener.open(lastEventId, request, client);
        BroadcastSubscriber subscriber = new BroadcastSubscriber(start.connectionId(), sink, this);
        subscribers.add(subscriber); // the tick watches its replay's writes as well
        opener.opened(start, ending -> end(subscriber, ending, null));
        try {
            SseBroadcaster target = broadcaster(sse);
            subscriber.write(systemEvent(start.connected(), opener.retryMillis()));
            if (start.resync() != null) {
                subscriber.write(systemEvent(start.resync(), -1));
            }
            join(subscriber, target, start.cursor());
            LOG.fine(() -> "Stream " + start.connectionId() + " opened" + (lastEventId == null ? "" : " after " + lastEventId));
        } catch (RuntimeException failed) {
            LOG.log(Level.FINE, "Stream " + start.connectionId() + " ended while it was opened", failed);
            drop(subscriber, failed instanceof ClientTooSlow ? "it fell behind the replay journal" : null);
        }
    }

    private SseBroadcaster broadcaster(Sse given) {
        SseBroadcaster current = broadcaster;
        if (current == null) {
            synchronized (broadcastLock) {
                if (broadcaster == null) {
                    sse = given;
                    SseBroadcaster created = given.newBroadcaster();
                    created.onError((sink, failure) -> closedByBroadcaster(sink));
                    created.onClose(this::closedByBroadcaster);
                    broadcaster = created;
                }
                current = broadcaster;
            }
        }
        return current;
    }

    /**
     * Replays the journal to the stream until it is close to the broadcast, registers it under the
     * broadcast lock with its deliveries held, writes the rest of its replay (outside the lock: a
     * slow client holds up no one else), then lets the held deliveries through. The broadcaster's
     * first message for it is the one after the broadcast position at registration, so nothing is
     * lost or written twice between replay and live.
     */
    private void join(BroadcastSubscriber subscriber, SseBroadcaster target, long cursor) {
        long written = cursor;
        while (broadcastSequence - written > JOIN_TAIL) {
            written = replay(subscriber, written, broadcastSequence);
        }
        long registeredAt;
        synchronized (broadcastLock) {
            registeredAt = broadcastSequence;
            subscriber.holdDeliveries();
            target.register(subscriber);
        }
        // a stream opened at the journal's head may be ahead of the broadcast: it skips up to its cursor
        subscriber.releaseDeliveries(replay(subscriber, written, registeredAt));
    }

    /** Writes the messages after {@code from} up to {@code to}; @return the last one written (or {@code from}). */
    private long replay(BroadcastSubscriber subscriber, long from, long to) {
        if (to <= from) {
            return from;
        }
        long oldestAcceptedNanos = 0;
        for (long sequence = from + 1; sequence <= to; sequence++) {
            Frame frame = frame(sequence);
            if (frame == null) {
                throw new ClientTooSlow();
            }
            if (oldestAcceptedNanos == 0) {
                oldestAcceptedNanos = frame.acceptedNanos();
            }
            subscriber.write(frame.event());
        }
        metrics.sent((int) (to - from), oldestAcceptedNanos);
        return to;
    }

    @Override
    public void published() {
        broadcasts.request();
    }

    /** Hands the broadcaster every message after the last one it got, in journal order. */
    private void broadcastNewMessages() {
        long head = journal.head();
        while (broadcastSequence < head) {
            long next = broadcastSequence + 1;
            SseBroadcaster target = broadcaster;
            // without a broadcaster no stream has opened yet; a message no longer held leaves a
            // hole that every stream notices at its next message
            Frame frame = target == null ? null : frame(next);
            synchronized (broadcastLock) {
                if (frame != null) {
                    broadcast(target, frame.event());
                }
                broadcastSequence = next;
            }
        }
    }

    private void broadcast(SseBroadcaster target, OutboundSseEvent event) {
        try {
            target.broadcast(event);
        } catch (RuntimeException subscriberFull) {
            // Jersey, while a subscriber's buffer is full (until its stuck write ends): the others
            // got the event; that stream has been ended through onError, or notices the hole
            metrics.broadcastFailed();
        }
    }

    /**
     * Cuts the streams whose write has been stuck longer than the send timeout, then broadcasts a
     * heartbeat when a stream is due one (each stream writes it only when it is due). Never waits
     * on a client.
     */
    @Override
    public void tick() {
        long now = System.nanoTime();
        long sendTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis);
        boolean heartbeatDue = false;
        for (BroadcastSubscriber subscriber : subscribers) {
            long stalledSince = subscriber.stalledSinceNanos();
            if (stalledSince != 0 && now - stalledSince > sendTimeoutNanos) {
                drop(subscriber, "its writes have been stuck for more than " + sendTimeoutMillis + " ms");
            } else if (heartbeatDue(subscriber.lastHeartbeatNanos, now)) {
                heartbeatDue = true;
            }
        }
        SseBroadcaster target = broadcaster;
        if (heartbeatDue && target != null) {
            OutboundSseEvent heartbeat = sse.newEventBuilder()
                    .comment("heartbeat")
                    .name("heartbeat")
                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, StreamOpener.heartbeatData(System.currentTimeMillis()))
                    .build();
            synchronized (broadcastLock) {
                broadcast(target, heartbeat);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return !broadcasting.isShutdown();
    }

    boolean heartbeatDue(long lastNanos, long nowNanos) {
        return opener.heartbeatDue(lastNanos, nowNanos);
    }

    long sequenceOf(OutboundSseEvent event) {
        return journal.sequenceOf(event.getId()).orElseThrow(() -> new IllegalStateException("not a message of this run"));
    }

    /**
     * A message reached a stream through the broadcaster. Every one is counted; the delivery time
     * of one message in {@link #TIMED_EVERY} (the same messages on every stream) is recorded, as a
     * histogram update per delivery cost 6 % of the stream's CPU (profiled at 100 streams x 1,000/s).
     */
    void delivered(long sequence) {
        if ((sequence - 1) % TIMED_EVERY != 0) { // the first message and every eighth after it
            metrics.sent(1);
            return;
        }
        Frame frame = frames.get(index(sequence));
        if (frame != null && frame.sequence() == sequence) {
            metrics.sent(1, frame.acceptedNanos());
        }
    }

    /** Cuts a stream that could not keep up: it resumes from its last id. */
    void cut(BroadcastSubscriber subscriber, String why) {
        drop(subscriber, why);
    }

    /** The client has gone, or its sink failed. */
    void gone(BroadcastSubscriber subscriber) {
        drop(subscriber, null);
    }

    /**
     * The runtime ended a stream: cut as slow when a write to it is stuck or it is behind the
     * broadcast (Jersey ends a subscriber whose buffer overflowed), else its client has gone.
     */
    void closedByRuntime(BroadcastSubscriber subscriber) {
        boolean slow = subscriber.stalledSinceNanos() != 0 || subscriber.lastSequence < broadcastSequence;
        drop(subscriber, slow ? "the broadcaster gave up on it behind a stuck write" : null);
    }

    private void closedByBroadcaster(SseEventSink sink) {
        if (sink instanceof BroadcastSubscriber subscriber) {
            closedByRuntime(subscriber);
        }
    }

    /**
     * Ends a stream once: its place is freed now, its sink closed off this thread.
     *
     * @param slowBecause why it was cut as slow, or null when its client has gone
     */
    private void drop(BroadcastSubscriber subscriber, String slowBecause) {
        end(subscriber, slowBecause != null ? StreamEnding.SLOW : StreamEnding.DEAD, slowBecause);
    }

    private void end(BroadcastSubscriber subscriber, StreamEnding ending, String why) {
        if (!subscriber.markClosed()) {
            return;
        }
        subscribers.remove(subscriber);
        opener.closed(subscriber.connectionId);
        metrics.dropped(ending);
        switch (ending) {
            case SLOW -> LOG.info(() -> "Stream " + subscriber.connectionId + " cut: " + why
                    + " (resumes with Last-Event-ID)");
            case REPLACED -> LOG.fine(() -> "Stream " + subscriber.connectionId + " closed: its client opened a newer stream");
            case DEAD -> LOG.fine(() -> "Stream " + subscriber.connectionId + " closed: the client has gone");
        }
        try {
            closers.execute(() -> closeQuietly(subscriber));
        } catch (RejectedExecutionException shuttingDown) {
            closeQuietly(subscriber);
        }
    }

    private static void closeQuietly(BroadcastSubscriber subscriber) {
        try {
            subscriber.closeSink();
        } catch (RuntimeException alreadyGone) {
            LOG.log(Level.FINEST, "closing a finished stream", alreadyGone);
        }
    }

    /** The message's event, built on first use; null when the journal no longer holds it. */
    private Frame frame(long sequence) {
        int index = index(sequence);
        Frame cached = frames.get(index);
        if (cached != null && cached.sequence() == sequence) {
            return cached;
        }
        DashboardMessage message = journal.at(sequence);
        if (message == null) {
            return null;
        }
        // UTF-8 bytes rather than the String: the runtime writes the data once per client, and
        // bytes go out as they are instead of being encoded again for every one
        Frame built = new Frame(sequence, message.acceptedNanos(), sse.newEventBuilder()
                .id(message.id())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(byte[].class, message.json().getBytes(StandardCharsets.UTF_8))
                .build());
        // a replay and the broadcast may build it at once: both use the one that is kept
        return frames.compareAndSet(index, cached, built) ? built : frame(sequence);
    }

    private OutboundSseEvent systemEvent(String json, long retryMillis) {
        OutboundSseEvent.Builder event = sse.newEventBuilder()
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, json);
        if (retryMillis >= 0) {
            event.reconnectDelay(retryMillis);
        }
        return event.build();
    }

    private int index(long sequence) {
        return (int) (sequence % frames.length());
    }

    @PreDestroy
    void stop() {
        broadcasting.shutdownNow();
        SseBroadcaster current = broadcaster;
        if (current != null) {
            current.close(); // closes every registered stream
        }
        for (BroadcastSubscriber subscriber : subscribers) {
            drop(subscriber, null);
        }
        closers.shutdown();
    }

    /** A stream that fell out of the journal while it was being replayed to. */
    private static final class ClientTooSlow extends RuntimeException {
        ClientTooSlow() {
            super(null, null, false, false);
        }
    }
}
