package dev.lkdash.stream.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds streams whose peer vanished without a word (power cut, a NAT or network that dropped the
 * connection) and closes them ({@code dashboard.sse.half-open-seconds}). Writes to such a
 * connection keep succeeding, as the heartbeats are far too small to fill its buffers, and the
 * kernel gives up on it only after its retransmissions (about 15 minutes with Linux's default
 * {@code tcp_retries2}), while the stream holds one of its address's places. The kernel's TCP
 * table says sooner: a connection whose data has gone unacknowledged through retransmission
 * timeouts for that long has no one at the other end.
 *
 * <p>Cheap: the table is read once per check, every eighth of the time (at least a second), and
 * only while streams are open; transport-neutral, as each stream names its connection when it opens.
 * Off where the table cannot be read (not Linux), which is logged once.
 */
@ApplicationScoped
public class HalfOpenStreams {

    private static final Logger LOG = Logger.getLogger(HalfOpenStreams.class.getName());
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    @ConfigProperty(name = "dashboard.sse.half-open-seconds")
    long halfOpenSeconds;

    /** The kernel's tables, or none when detection is off. */
    private volatile List<Path> tables = List.of();
    private final ConcurrentHashMap<String, Watched> watched = new ConcurrentHashMap<>();
    /** Connections seen retransmitting at every check since {@link Stall#sinceNanos}; only the checks touch it. */
    private final Map<String, Stall> stalls = new HashMap<>();
    private boolean checked;
    private long nextCheckNanos;

    private record Watched(String connection, String peer, Runnable end) {
    }

    private record Stall(long sinceNanos, TcpTable.Unacknowledged last) {
    }

    @PostConstruct
    void start() {
        if (halfOpenSeconds <= 0) {
            LOG.info("Half-open streams are not looked for (dashboard.sse.half-open-seconds=0): a vanished client's "
                    + "stream is closed once the kernel gives up on its connection");
        } else if (!Files.isReadable(TcpTable.LINUX.get(0))) {
            LOG.info("Half-open streams are not looked for: " + TcpTable.LINUX.get(0) + " cannot be read here; a vanished "
                    + "client's stream is closed once the kernel gives up on its connection");
        } else {
            tables = TcpTable.LINUX;
            LOG.info(() -> "Half-open streams are closed after " + halfOpenSeconds
                    + " s of unacknowledged retransmissions (the kernel's TCP table, checked every "
                    + checkEveryNanos() / SECOND_NANOS + " s)");
        }
    }

    /**
     * Watches an open stream's connection; {@code end} closes the stream, which then calls
     * {@link #forget}.
     *
     * @param connection its name in the TCP table ({@link TcpTable#connection}), or null when unknown
     * @param peer       the peer's address and port, for the log
     */
    void watch(String connectionId, String connection, String peer, Runnable end) {
        if (connection != null) {
            watched.put(connectionId, new Watched(connection, peer, end));
        }
    }

    void forget(String connectionId) {
        watched.remove(connectionId);
    }

    /** The heartbeat timer's tick: reads the table when a check is due and closes the half-open streams. */
    public void tick() {
        List<Path> from = tables;
        if (!from.isEmpty()) {
            check(from, System.nanoTime());
        }
    }

    void check(List<Path> from, long nowNanos) {
        if (checked && nowNanos - nextCheckNanos < 0) {
            return;
        }
        checked = true;
        nextCheckNanos = nowNanos + checkEveryNanos();
        if (watched.isEmpty()) {
            stalls.clear();
            return;
        }
        Map<String, TcpTable.Unacknowledged> retransmitting;
        try {
            retransmitting = TcpTable.retransmitting(from);
        } catch (IOException unreadable) {
            tables = List.of();
            LOG.warning(() -> "Half-open streams are no longer looked for: the kernel's TCP table could not be read ("
                    + unreadable.getClass().getSimpleName() + ")");
            return;
        }
        // only the streams' connections are followed: the host's other connections are not ours to judge
        Set<String> streamConnections = new HashSet<>();
        watched.values().forEach(stream -> streamConnections.add(stream.connection()));
        retransmitting.keySet().retainAll(streamConnections);
        Set<String> halfOpen = track(retransmitting, nowNanos);
        if (halfOpen.isEmpty()) {
            return;
        }
        List<Watched> ending = new ArrayList<>();
        watched.forEach((connectionId, stream) -> {
            if (halfOpen.contains(stream.connection())) {
                ending.add(stream);
                LOG.info(() -> "Stream " + connectionId + " closed as half-open: its connection from " + stream.peer()
                        + " has left what it was sent unacknowledged through retransmissions for more than "
                        + halfOpenSeconds + " s");
            }
        });
        ending.forEach(stream -> stream.end().run());
    }

    /**
     * Keeps, for each connection retransmitting now, since when it has been at every check, and
     * returns those at it longer than {@code dashboard.sse.half-open-seconds}. A stall starts
     * again when its retransmissions or its unacknowledged bytes went down meanwhile: the peer
     * acknowledged something between the checks.
     */
    private Set<String> track(Map<String, TcpTable.Unacknowledged> retransmitting, long nowNanos) {
        stalls.keySet().retainAll(retransmitting.keySet());
        long thresholdNanos = TimeUnit.SECONDS.toNanos(halfOpenSeconds);
        Set<String> halfOpen = new HashSet<>();
        retransmitting.forEach((connection, now) -> {
            Stall before = stalls.get(connection);
            boolean acknowledgedMeanwhile = before != null && (now.retransmits() < before.last().retransmits()
                    || now.queuedBytes() < before.last().queuedBytes());
            long since = before == null || acknowledgedMeanwhile ? nowNanos : before.sinceNanos();
            stalls.put(connection, new Stall(since, now));
            if (nowNanos - since >= thresholdNanos) {
                halfOpen.add(connection);
            }
        });
        return halfOpen;
    }

    private long checkEveryNanos() {
        return Math.max(SECOND_NANOS, TimeUnit.SECONDS.toNanos(halfOpenSeconds) / 8);
    }
}
