package dev.lkdash.events.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The Redis stream the instances share when {@code dashboard.bus=redis}: appends go through a
 * small pool, and the one reader blocks on a connection of its own so that appends never wait
 * behind it. The URL may carry a password, so only its host and port are ever logged.
 */
@ApplicationScoped
public class RedisStream {

    private static final Logger LOG = Logger.getLogger(RedisStream.class.getName());
    public static final String LOCAL = "local";
    public static final String REDIS = "redis";
    /** Connect and command timeout: an append that cannot finish in this is answered 503. */
    private static final int TIMEOUT_MS = 2000;
    /** How long one read waits for new entries; shorter than the timeout, so a quiet stream is no failure. */
    private static final int READ_BLOCK_MS = 1000;
    private static final int READ_BATCH = 1000;
    private static final String EVENT = "event";
    private static final String TIMESTAMP = "timestamp";
    private static final String JSON = "json";
    private static final String ORIGIN = "origin";
    private static final String CHANGE = "change";

    /**
     * One message as the stream holds it: its entry id, and its JSON without the id.
     *
     * @param changeElsewhere the change of the live rooms another instance made with it, or null
     *                        (this instance's own message, or one that changed no room)
     */
    public record Entry(String id, String event, long timestamp, String jsonWithoutId, String changeElsewhere) {
    }

    /** Tells this instance's messages from the others'. */
    private final String origin = UUID.randomUUID().toString();

    @Inject
    @ConfigProperty(name = "dashboard.bus")
    String bus;

    @Inject
    @ConfigProperty(name = "dashboard.redis.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "dashboard.redis.stream")
    String key;

    private URI server;
    private JedisPool appends;
    private Jedis reader;
    private volatile boolean reachable;
    private volatile boolean closed;

    @PostConstruct
    void connect() {
        if (!isEnabled()) {
            return;
        }
        server = URI.create(url.orElseThrow(() -> new IllegalStateException("dashboard.bus=redis needs dashboard.redis.url")).strip());
        JedisPoolConfig pool = new JedisPoolConfig();
        pool.setMaxTotal(16);
        pool.setMaxWaitMillis(TIMEOUT_MS);
        appends = new JedisPool(pool, server, TIMEOUT_MS, TIMEOUT_MS);
        LOG.info(() -> "Message bus: Redis stream " + key + " at " + server.getHost() + ":" + server.getPort());
    }

    /** Whether {@code dashboard.bus} is {@code redis}. */
    public boolean isEnabled() {
        return isRedis(bus);
    }

    /** Whether a {@code dashboard.bus} value names the shared Redis stream: the one reading of the key. */
    public static boolean isRedis(String bus) {
        return bus != null && REDIS.equals(bus.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Appends a message, keeping about {@code maxLength} entries (at least that many).
     *
     * @param change the change of the live rooms the message's event made, or null
     * @return the entry id Redis gave it
     * @throws RuntimeException when Redis could not be reached
     */
    public String append(String event, long timestamp, String jsonWithoutId, String change, int maxLength) {
        try (Jedis connection = appends.getResource()) {
            StreamEntryID id = connection.xadd(key, XAddParams.xAddParams().maxLen(maxLength).approximateTrimming(),
                    Map.of(EVENT, event, TIMESTAMP, Long.toString(timestamp), JSON, jsonWithoutId, ORIGIN, origin,
                            CHANGE, change == null ? "" : change));
            reachable = true;
            return id.toString();
        } catch (RuntimeException unreachable) {
            reachable = false;
            throw unreachable;
        }
    }

    /** The newest {@code count} entries, oldest first. */
    public List<Entry> newest(int count) {
        try (Jedis connection = appends.getResource()) {
            List<StreamEntry> newestFirst = connection.xrevrange(key, StreamEntryID.MAXIMUM_ID, StreamEntryID.MINIMUM_ID, count);
            reachable = true;
            List<Entry> entries = entries(newestFirst);
            Collections.reverse(entries);
            return entries;
        } catch (RuntimeException unreachable) {
            reachable = false;
            throw unreachable;
        }
    }

    /**
     * Waits up to a second for entries after the given id, on the reader's own connection
     * (opened again after a failure). Only the journal's reader thread calls this.
     *
     * @return the entries after {@code afterId}, oldest first; empty when none came
     */
    public List<Entry> readAfter(String afterId) {
        if (closed) {
            throw new IllegalStateException("the Redis connections are closed");
        }
        try {
            if (reader == null) {
                reader = new Jedis(server, TIMEOUT_MS, TIMEOUT_MS + READ_BLOCK_MS);
            }
            List<Map.Entry<String, List<StreamEntry>>> read = reader.xread(
                    XReadParams.xReadParams().block(READ_BLOCK_MS).count(READ_BATCH), Map.of(key, new StreamEntryID(afterId)));
            reachable = true;
            return read == null || read.isEmpty() ? List.of() : entries(read.get(0).getValue());
        } catch (RuntimeException unreachable) {
            reachable = false;
            closeReader();
            throw unreachable;
        }
    }

    /** Whether the last command reached Redis. */
    public boolean isReachable() {
        return reachable;
    }

    @PreDestroy
    void close() {
        closed = true;
        closeReader();
        if (appends != null) {
            appends.close();
        }
    }

    private void closeReader() {
        Jedis open = reader;
        reader = null;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException alreadyBroken) {
                // the connection is gone either way
            }
        }
    }

    private List<Entry> entries(List<StreamEntry> read) {
        List<Entry> entries = new ArrayList<>(read.size());
        for (StreamEntry entry : read) {
            Map<String, String> fields = entry.getFields();
            String json = fields.get(JSON);
            if (json == null || !json.startsWith("{\"")) {
                LOG.warning(() -> "Stream entry " + entry.getID() + " is not a dashboard message; skipped");
                continue;
            }
            String change = fields.getOrDefault(CHANGE, "");
            boolean elsewhere = !change.isEmpty() && !origin.equals(fields.get(ORIGIN));
            entries.add(new Entry(entry.getID().toString(), fields.getOrDefault(EVENT, ""),
                    Long.parseLong(fields.getOrDefault(TIMESTAMP, "0")), json, elsewhere ? change : null));
        }
        return entries;
    }

    /**
     * A stream entry id ({@code <milliseconds>-<sequence>}), ordered as Redis orders them.
     */
    public record EntryId(long millis, long sequence) implements Comparable<EntryId> {

        /** The id, or null when the text is not a stream entry id. */
        public static EntryId parse(String text) {
            if (text == null) {
                return null;
            }
            int dash = text.indexOf('-');
            if (dash < 1 || dash == text.length() - 1) {
                return null;
            }
            try {
                long millis = Long.parseLong(text, 0, dash, 10);
                long sequence = Long.parseLong(text, dash + 1, text.length(), 10);
                return millis < 0 || sequence < 0 ? null : new EntryId(millis, sequence);
            } catch (NumberFormatException notAnId) {
                return null;
            }
        }

        @Override
        public int compareTo(EntryId other) {
            int byMillis = Long.compare(millis, other.millis);
            return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
        }
    }
}
