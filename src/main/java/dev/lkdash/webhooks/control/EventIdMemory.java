package dev.lkdash.webhooks.control;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The ids of events accepted lately, so that LiveKit's retries are recognised. Bounded twice: an
 * id is forgotten after the retention time, and the oldest ids go first when the memory is full.
 * <p>
 * An id is claimed before its event is recorded, then either completed (recorded: later copies
 * are duplicates) or released (not recorded: a later copy is accepted). A copy arriving while
 * another is in flight waits for that outcome, so it is never answered as a duplicate of a copy
 * that then fails; a copy in flight is never forgotten for room.
 */
public final class EventIdMemory {

    /** A copy of the event is still in flight after the caller's wait: answer so that LiveKit retries. */
    public static final class StillInFlight extends RuntimeException {
        StillInFlight(String id) {
            super("another copy of " + id + " is still being recorded");
        }
    }

    private static final class Entry {
        final long claimedAt;
        boolean done;

        Entry(long claimedAt) {
            this.claimedAt = claimedAt;
        }
    }

    private final int maxEntries;
    private final long retentionNanos;
    private final LongSupplier nanoClock;
    /** id → its claim; insertion order is claim order, so the oldest come first. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public EventIdMemory(int maxEntries, Duration retention, LongSupplier nanoClock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the memory must hold at least one id");
        }
        this.maxEntries = maxEntries;
        this.retentionNanos = retention.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Claims an id, waiting up to {@code maxWait} while another copy of it is in flight.
     *
     * @return true when the caller now records the event, false for a duplicate of one recorded
     * @throws StillInFlight the other copy was still in flight after {@code maxWait}
     */
    public synchronized boolean claim(String id, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Entry entry;
        while ((entry = entries.get(id)) != null && !entry.done) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StillInFlight(id);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new StillInFlight(id);
            }
        }
        long now = nanoClock.getAsLong();
        forgetExpired(now);
        if (entries.containsKey(id)) {
            return false;
        }
        makeRoom();
        entries.put(id, new Entry(now));
        return true;
    }

    /** The claimed id's event is recorded: later copies are duplicates. */
    public synchronized void complete(String id) {
        Entry entry = entries.get(id);
        if (entry != null) {
            entry.done = true;
        }
        notifyAll();
    }

    /** The claimed id's event could not be recorded: a later copy is accepted. */
    public synchronized void release(String id) {
        entries.remove(id);
        notifyAll();
    }

    public synchronized int size() {
        forgetExpired(nanoClock.getAsLong());
        return entries.size();
    }

    /** Forgets the oldest recorded id when full; ids in flight stay. */
    private void makeRoom() {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (entries.size() >= maxEntries && oldestFirst.hasNext()) {
            if (oldestFirst.next().done) {
                oldestFirst.remove();
            }
        }
    }

    /** Forgets recorded ids past the retention; ids in flight stay. */
    private void forgetExpired(long now) {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (oldestFirst.hasNext()) {
            Entry entry = oldestFirst.next();
            if (now - entry.claimedAt < retentionNanos) {
                return;
            }
            if (entry.done) {
                oldestFirst.remove();
            }
        }
    }
}
