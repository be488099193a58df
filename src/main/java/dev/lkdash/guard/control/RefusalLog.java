package dev.lkdash.guard.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * At most one log line per refusal reason per interval, however many requests are refused: a
 * flood of bad requests must not become a flood of log lines. The line that goes out says how
 * many of that reason were left out since the previous one.
 */
public final class RefusalLog {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Consumer<String> sink;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RefusalLog(long intervalNanos, LongSupplier nanoClock, Consumer<String> sink) {
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
        this.sink = sink;
    }

    /**
     * @param reason a fixed code, one of a few
     * @param detail already made safe for the log ({@code LogText})
     */
    public void refused(String reason, String detail) {
        String line = windows.computeIfAbsent(reason, ignored -> new Window()).next(nanoClock.getAsLong(), reason, detail);
        if (line != null) {
            sink.accept(line);
        }
    }

    private final class Window {
        private boolean logged;
        private long loggedAt;
        private long suppressed;

        synchronized String next(long now, String reason, String detail) {
            if (logged && now - loggedAt < intervalNanos) {
                suppressed++;
                return null;
            }
            String line = "Refused (" + reason + "): " + detail
                    + (suppressed > 0 ? "; " + suppressed + " more of this reason not logged since the previous line" : "");
            logged = true;
            loggedAt = now;
            suppressed = 0;
            return line;
        }
    }
}
