package dev.lkdash.stream.control;

import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicBoolean;

/** One open stream and how far it got. */
final class StreamClient {

    final String connectionId;
    final SseEventSink sink;
    /** Set while one writer owns the sink: writes to a sink never overlap. */
    final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Sequence of the last message written. */
    volatile long cursor;
    /** Monotonic time the write in progress started, 0 when none is. */
    volatile long writeStartedNanos;
    volatile boolean heartbeatDue;

    StreamClient(String connectionId, SseEventSink sink, long cursor) {
        this.connectionId = connectionId;
        this.sink = sink;
        this.cursor = cursor;
    }

    boolean hasWork(long head) {
        return !isClosed() && (cursor < head || heartbeatDue);
    }

    /** @return true for the one caller that closes it */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    boolean isClosed() {
        return closed.get();
    }
}
