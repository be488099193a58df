package dev.lkdash.guard.control;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Open streams per address, within a cap (0: no cap). Each slot taken is given back once, when
 * its stream ends.
 */
public final class StreamSlots {

    private final int perAddress;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public StreamSlots(int perAddress) {
        this.perAddress = perAddress;
    }

    /** @return whether the address may open one more stream (and, if so, it now holds a slot) */
    public boolean take(String address) {
        if (perAddress <= 0) {
            return true;
        }
        boolean[] taken = {false};
        open.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perAddress) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    public void giveBack(String address) {
        if (perAddress > 0) {
            open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    public int openFrom(String address) {
        return open.getOrDefault(address, 0);
    }
}
