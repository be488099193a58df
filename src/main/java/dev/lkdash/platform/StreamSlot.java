package dev.lkdash.platform;

import jakarta.servlet.ServletRequest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A place for one stream in a per-address limit, taken before the stream opens. The stream
 * transport adopts it when the stream opens and releases it when the stream ends (the moment the
 * transport itself knows best, whichever way the stream ended); a request that never became a
 * stream is released by whoever took the slot. Released once, however often asked.
 */
public final class StreamSlot {

    private static final String ATTRIBUTE = "dev.lkdash.stream-slot";

    private final Runnable release;
    private final AtomicBoolean adopted = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    public StreamSlot(Runnable release) {
        this.release = release;
    }

    public void attachTo(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The slot taken for this request, or null when no limit applies. */
    public static StreamSlot of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof StreamSlot slot ? slot : null;
    }

    /** The stream opened: from now on it releases the slot when it ends. */
    public void adopt() {
        adopted.set(true);
    }

    public boolean isAdopted() {
        return adopted.get();
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
