package dev.lkdash.webhooks.control;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The ids of events accepted lately, so that LiveKit's retries are recognised. Bounded twice: an
 * id is forgotten after the retention time, and the oldest ids go first when the memory is full.
 * An id is claimed before its event is recorded and released if recording fails, so a concurrent
 * copy is not accepted twice and a later retry of a refused event is not taken for a duplicate.
 */
public final class EventIdMemory {

    private final int maxEntries;
    private final long retentionNanos;
    private final LongSupplier nanoClock;
    /** id → time it was claimed; insertion order is claim order, so the oldest come first. */
    private final LinkedHashMap<String, Long> claimedAt = new LinkedHashMap<>();

    public EventIdMemory(int maxEntries, Duration retention, LongSupplier nanoClock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the memory must hold at least one id");
        }
        this.maxEntries = maxEntries;
        this.retentionNanos = retention.toNanos();
        this.nanoClock = nanoClock;
    }

    /** @return true when the id is new (it is remembered from now), false for a duplicate */
    public synchronized boolean claim(String id) {
        long now = nanoClock.getAsLong();
        forgetExpired(now);
        if (claimedAt.containsKey(id)) {
            return false;
        }
        if (claimedAt.size() >= maxEntries) {
            Iterator<String> oldest = claimedAt.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        claimedAt.put(id, now);
        return true;
    }

    /** Forgets an id whose event could not be recorded. */
    public synchronized void release(String id) {
        claimedAt.remove(id);
    }

    public synchronized int size() {
        forgetExpired(nanoClock.getAsLong());
        return claimedAt.size();
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<String, Long>> oldestFirst = claimedAt.entrySet().iterator();
        while (oldestFirst.hasNext() && now - oldestFirst.next().getValue() >= retentionNanos) {
            oldestFirst.remove();
        }
    }
}
