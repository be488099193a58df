package dev.lkdash.stream.control;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open stream: its non-blocking output, how far it got in the journal, and the container's
 * callbacks about it (output ready again, output failed, request finished).
 */
final class ServletStreamClient implements WriteListener, AsyncListener {

    final String connectionId;
    final int slice;
    final ServletOutputStream out;
    private final AsyncContext async;
    private final ServletStreamWriter writer;
    /**
     * Write requests not yet served. The caller that raises it from 0 writes until it is back to 0,
     * so writes to one client never overlap, whichever thread asked.
     */
    private final AtomicInteger writeRequests = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Sequence of the last message written. */
    volatile long cursor;
    /** Frames due before any message ({@code connected}, {@code resync}); null once written. */
    volatile byte[] preamble;
    volatile boolean heartbeatDue;
    /** Monotonic time of the last heartbeat flagged, or of the opening. */
    volatile long lastHeartbeatNanos = System.nanoTime();
    /** Monotonic time the output stopped taking bytes, 0 while it takes them. */
    volatile long blockedSinceNanos;
    /** Held while bytes are written, so that the request is never completed under a write. */
    final Object writeLock = new Object();
    /** Bytes written since the last flush; only read and written by the current writer. */
    boolean unflushed;
    /** Guarded by {@link #writeLock}. */
    private boolean completed;

    ServletStreamClient(String connectionId, int slice, AsyncContext async, ServletOutputStream out, long cursor,
                        byte[] preamble, ServletStreamWriter writer) {
        this.connectionId = connectionId;
        this.slice = slice;
        this.async = async;
        this.out = out;
        this.cursor = cursor;
        this.preamble = preamble;
        this.writer = writer;
    }

    boolean hasWork(long head) {
        return !isClosed() && (cursor < head || heartbeatDue || preamble != null);
    }

    /** @return true when the caller is now the writer and must call {@link #release} until it returns 0 */
    boolean claimWrite() {
        return writeRequests.getAndIncrement() == 0;
    }

    /** @return the requests that arrived meanwhile: the writer goes on while it is not 0 */
    int release(int served) {
        return writeRequests.addAndGet(-served);
    }

    /** @return true for the one caller that closes it */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Ends the response once, after {@link #markClosed}, never while bytes are being written. */
    void complete() {
        synchronized (writeLock) {
            if (!completed) {
                completed = true;
                async.complete();
            }
        }
    }

    @Override
    public void onWritePossible() {
        writer.write(this);
    }

    @Override
    public void onError(Throwable failure) {
        writer.gone(this);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        writer.gone(this);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        writer.gone(this);
    }

    @Override
    public void onError(AsyncEvent event) {
        writer.gone(this);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the request is started asynchronously once, before this listener is added
    }
}
