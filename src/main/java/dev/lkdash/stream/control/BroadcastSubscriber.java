package dev.lkdash.stream.control;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stream of the JAX-RS transport, as the {@code SseBroadcaster} sees it: it wraps the
 * client's sink so that what the broadcaster hands it can be checked before it is written. A
 * message must follow the last one written, so a message the runtime's broadcaster dropped
 * (Jersey's per-subscriber buffer overflows under a burst) is noticed at the next one and the
 * stream is cut, never continued with a hole; the client resumes with {@code Last-Event-ID}.
 * Heartbeats reach it through the broadcaster too, written only when this stream is due.
 *
 * <p>While it joins, what the broadcaster hands it is held, not written, until the end of its
 * replay has been written ({@link #holdDeliveries}, {@link #releaseDeliveries}): the replay's
 * writes, which may block on a slow client, happen without any lock the broadcast needs.
 *
 * <p>Once closed, {@link #send} throws {@link IllegalStateException}: Jersey and RESTEasy both take
 * that as the end of the subscriber and drop it from the broadcaster.
 */
final class BroadcastSubscriber implements SseEventSink {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    /** A stream whose replay takes so long that this many deliveries wait behind it is cut as slow. */
    static final int HOLD_LIMIT = 4096;

    final String connectionId;
    private final SseEventSink sink;
    private final BroadcastStreams streams;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held by whoever delivers to this stream, so that deliveries are written one at a time, in order. */
    private final Object deliveryLock = new Object();
    /** Deliveries waiting for the replay to be written, or null once it has been. */
    private List<OutboundSseEvent> held;
    /** Sequence of the last message written. */
    volatile long lastSequence;
    /**
     * Writes handed to the sink whose stage has not completed. A runtime that writes in the
     * caller's thread (Jersey) has at most one, while it blocks; one that queues the write and
     * completes its stage once the container took the bytes (RESTEasy over non-blocking servlet
     * output) has one per event its client has not taken yet.
     */
    private final AtomicInteger unfinished = new AtomicInteger();
    /** Monotonic time a write last completed, or the first write started while none was unfinished. */
    private volatile long progressNanos;
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
            throw ended("is closed");
        }
        synchronized (deliveryLock) {
            if (held == null) {
                deliver(event);
            } else if (held.size() < HOLD_LIMIT) {
                held.add(event);
            } else {
                streams.cut(this, "its replay was still being written after " + HOLD_LIMIT + " more messages");
                throw ended("could not take its replay");
            }
        }
        return DONE;
    }

    /** From now on, what the broadcaster hands over waits for {@link #releaseDeliveries}. */
    void holdDeliveries() {
        synchronized (deliveryLock) {
            held = new ArrayList<>();
        }
    }

    /**
     * The replay has been written up to {@code lastWritten}: writes the deliveries held meanwhile
     * (those the replay already wrote are skipped), then lets the broadcaster's through.
     *
     * @throws IllegalStateException when the stream ended meanwhile
     */
    void releaseDeliveries(long lastWritten) {
        synchronized (deliveryLock) {
            lastSequence = lastWritten;
            List<OutboundSseEvent> waiting = held;
            held = null;
            for (OutboundSseEvent event : waiting) {
                if (isClosed()) {
                    throw ended("is closed");
                }
                deliver(event);
            }
        }
    }

    /** Writes a heartbeat when due, a message when it follows the last one; cuts the stream at a hole. */
    private void deliver(OutboundSseEvent event) {
        if (event.getId() == null) {
            long now = System.nanoTime();
            if (streams.heartbeatDue(lastHeartbeatNanos, now)) {
                lastHeartbeatNanos = now;
                write(event);
            }
            return;
        }
        long sequence = streams.sequenceOf(event);
        long last = lastSequence;
        if (sequence <= last) {
            return; // the replay already wrote it
        }
        if (sequence != last + 1) {
            streams.cut(this, "it missed " + (sequence - last - 1) + " messages the broadcaster dropped for it");
            throw ended("missed messages");
        }
        write(event);
        lastSequence = sequence;
        streams.delivered(sequence);
    }

    /**
     * Writes one event to the client's sink. Its stage is not passed on: a runtime that chains a
     * broadcast's sends (RESTEasy) would otherwise hold every later stream behind a slow one. A
     * stream with more than {@link #HOLD_LIMIT} writes unfinished is cut as slow, as it would
     * otherwise be queued for without bound until the send timeout.
     *
     * @throws IllegalStateException when the client has gone or was cut (the stream is then dropped)
     */
    void write(OutboundSseEvent event) {
        int before = unfinished.getAndIncrement();
        if (before == 0) {
            progressNanos = System.nanoTime();
        } else if (before >= HOLD_LIMIT) {
            unfinished.decrementAndGet();
            streams.cut(this, HOLD_LIMIT + " writes to it were still unfinished");
            throw ended("could not keep up");
        }
        CompletionStage<?> sent;
        try {
            sent = sink.send(event);
        } catch (RuntimeException clientGone) {
            unfinished.decrementAndGet();
            streams.gone(this);
            throw ended("has gone");
        }
        sent.whenComplete((written, failure) -> {
            if (failure != null) {
                streams.gone(this);
            }
            progressNanos = System.nanoTime();
            unfinished.decrementAndGet();
        });
        if (closed.get()) { // a runtime that completes the write at once (Jersey) reported a failure
            throw ended("has gone");
        }
    }

    /**
     * @return the monotonic time since which writes to this stream have been waiting with none
     * completing, or 0 when none is waiting: how long its client has taken nothing
     */
    long stalledSinceNanos() {
        long since = progressNanos;
        return unfinished.get() > 0 ? since : 0;
    }

    private IllegalStateException ended(String how) {
        return new IllegalStateException("The stream " + connectionId + " " + how);
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
