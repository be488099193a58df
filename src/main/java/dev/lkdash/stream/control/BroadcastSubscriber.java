package dev.lkdash.stream.control;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stream of the JAX-RS transport, as the {@code SseBroadcaster} sees it: it wraps the
 * client's sink so that what the broadcaster hands it can be checked before it is written. A
 * message must follow the last one written, so a message the runtime's broadcaster dropped
 * (Jersey's per-subscriber buffer overflows under a burst) is noticed at the next one and the
 * stream is cut, never continued with a hole; the client resumes with {@code Last-Event-ID}.
 * Heartbeats reach it through the broadcaster too, written only when this stream is due.
 *
 * <p>Once closed, {@link #send} throws {@link IllegalStateException}: Jersey and RESTEasy both take
 * that as the end of the subscriber and drop it from the broadcaster.
 */
final class BroadcastSubscriber implements SseEventSink {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    final String connectionId;
    private final SseEventSink sink;
    private final BroadcastStreams streams;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Sequence of the last message written; only the broadcaster's deliveries (or the replay before them) change it. */
    volatile long lastSequence;
    /**
     * Monotonic time the oldest write under way started, 0 when none is. Only that write clears
     * it: another thread's write meanwhile may return at once (the runtime queues it behind the
     * first), which says nothing about the client.
     */
    final AtomicLong writingSinceNanos = new AtomicLong();
    /** Monotonic time of the last heartbeat written, or of the opening. */
    volatile long lastHeartbeatNanos = System.nanoTime();

    BroadcastSubscriber(String connectionId, SseEventSink sink, BroadcastStreams streams) {
        this.connectionId = connectionId;
        this.sink = sink;
        this.streams = streams;
    }

    /** Called by the broadcaster, in broadcast order, for messages and heartbeats. */
    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        if (isClosed()) {
            throw new IllegalStateException("The stream " + connectionId + " is closed");
        }
        if (event.getId() == null) {
            long now = System.nanoTime();
            if (streams.heartbeatDue(lastHeartbeatNanos, now)) {
                lastHeartbeatNanos = now;
                write(event);
            }
            return DONE;
        }
        long sequence = streams.sequenceOf(event);
        long last = lastSequence;
        if (sequence <= last) {
            return DONE; // the replay before joining already wrote it
        }
        if (sequence != last + 1) {
            streams.missed(this, sequence - last - 1);
            throw new IllegalStateException("The stream " + connectionId + " missed messages");
        }
        write(event);
        lastSequence = sequence;
        streams.delivered(sequence);
        return DONE;
    }

    /**
     * Writes one event to the client's sink. Its stage is not passed on: a runtime that chains a
     * broadcast's sends (RESTEasy) would otherwise hold every later stream behind a slow one.
     *
     * @throws IllegalStateException when the client has gone (the stream is then dropped)
     */
    void write(OutboundSseEvent event) {
        boolean first = writingSinceNanos.compareAndSet(0, System.nanoTime());
        try {
            sink.send(event).whenComplete((written, failure) -> {
                if (failure != null) {
                    streams.gone(this);
                }
            });
        } catch (RuntimeException clientGone) {
            streams.gone(this);
            throw new IllegalStateException("The stream " + connectionId + " has gone", clientGone);
        } finally {
            if (first) {
                writingSinceNanos.set(0);
            }
        }
    }

    /** @return true for the one caller that closes it */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    /** Ends the client's response; after {@link #markClosed}. */
    void closeSink() {
        sink.close();
    }

    @Override
    public boolean isClosed() {
        return closed.get() || sink.isClosed();
    }

    /**
     * Called by the broadcaster when it gives up on this stream (Jersey does so when the stream's
     * buffer overflows behind a stuck write) or closes, or by anyone ending the stream.
     */
    @Override
    public void close() {
        streams.closedByRuntime(this);
    }
}
