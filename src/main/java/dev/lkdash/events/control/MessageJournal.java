package dev.lkdash.events.control;

import dev.lkdash.events.entity.DashboardMessage;
import dev.lkdash.events.entity.MessagePublished;
import dev.lkdash.events.entity.RoomChangedElsewhere;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ordered log of accepted messages. Appending fixes a message's place in acceptance order
 * (its sequence and id); the latest {@code dashboard.sse.replay-size} messages stay readable so a
 * client can resume after the last id it saw. Each append fires {@link MessagePublished}
 * asynchronously: observers run off the request thread and may see notifications in any order,
 * which is why readers take messages from here, by sequence, and never from the notification.
 * <p>
 * With {@code dashboard.bus=redis} the order is the shared Redis stream's: appending adds the
 * message to the stream, and one reader thread takes every entry of the stream, this instance's
 * and the others', into the journal in stream order, its entry id as the message id. The journal
 * then holds the stream's tail (read at start, then followed), so a client resumes after an id
 * any instance gave it without a round trip to Redis per reconnect.
 */
@ApplicationScoped
public class MessageJournal {

    private static final Logger LOG = Logger.getLogger(MessageJournal.class.getName());
    /** How long a stream resuming after an id newer than this instance has read waits for its reader. */
    private static final long CATCH_UP_WAIT_MS = 2000;
    /** Pause between attempts to read the shared stream while Redis cannot be reached. */
    private static final long RECONNECT_PAUSE_MS = 1000;

    /** Distinguishes this run's ids from an earlier run's, whose messages are no longer held. */
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final Object appendLock = new Object();
    private AtomicReferenceArray<DashboardMessage> ring;
    private volatile long head;
    private volatile boolean closed;

    @Inject
    @ConfigProperty(name = "dashboard.sse.replay-size")
    int capacity;

    @Inject
    Event<MessagePublished> published;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    RedisStream shared;

    @Inject
    Event<RoomChangedElsewhere> roomChanged;

    /** The id of the newest shared stream entry taken in; null until the stream's tail was read. */
    private String readUpTo;
    private Thread reader;

    /**
     * Runs the asynchronous observers. The container's default executor captures the caller's
     * context for every task through a ServiceLoader scan of the web app's class loader (measured:
     * a third of the server's CPU under webhook load); threads from the managed factory carry
     * their context from creation.
     */
    private ExecutorService notifier;

    MessageJournal() {
    }

    @PostConstruct
    void startNotifier() {
        notifier = Executors.newFixedThreadPool(2, threadFactory);
        if (isShared()) {
            try {
                takeTail(); // before the transports read the head, so the tail is not news to them
            } catch (RuntimeException unreachable) {
                LOG.warning(() -> "Redis cannot be reached at start (" + unreachable.getClass().getSimpleName()
                        + "); the journal reads the shared stream once it can");
            }
            reader = threadFactory.newThread(this::follow);
            reader.setName("lkdash-stream-reader");
            reader.start();
        }
    }

    /** Whether the journal's order is the shared Redis stream's ({@code dashboard.bus=redis}). */
    public boolean isShared() {
        return shared != null && shared.isEnabled();
    }

    /** Whether messages can be appended: always on one instance, while Redis answers on several. */
    public boolean busReachable() {
        return !isShared() || shared.isReachable();
    }

    /**
     * Takes the newest entries the stream holds (up to the capacity), oldest first. Their changes
     * of the live rooms are offered too: the room state keeps what is newer than each.
     */
    private void takeTail() {
        List<RedisStream.Entry> tail = shared.newest(ring().length());
        tail.forEach(this::take);
        readUpTo = tail.isEmpty() ? "0-0" : tail.get(tail.size() - 1).id();
        LOG.info(() -> "Shared stream read: " + tail.size() + " held messages, following after " + readUpTo);
    }

    /**
     * The reader: follows the shared stream after the last entry taken in, in order, until the
     * journal closes. While Redis cannot be reached it tries again every second and then goes on
     * after that same entry, so nothing is missed and nothing is taken twice.
     */
    private void follow() {
        boolean down = false;
        while (!closed) {
            try {
                if (readUpTo == null) {
                    takeTail();
                }
                for (RedisStream.Entry entry : shared.readAfter(readUpTo)) {
                    take(entry);
                    readUpTo = entry.id();
                }
                if (down) {
                    down = false;
                    LOG.info(() -> "Redis answers again; the shared stream is followed after " + readUpTo);
                }
            } catch (RuntimeException unreachable) {
                if (closed) {
                    return;
                }
                if (!down) {
                    down = true;
                    LOG.warning(() -> "Redis cannot be reached (" + unreachable.getClass().getSimpleName()
                            + "); webhooks are answered 503 and the stream is read again when it answers");
                }
                try {
                    Thread.sleep(RECONNECT_PAUSE_MS);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void take(RedisStream.Entry entry) {
        if (entry.changeElsewhere() != null && !closed) {
            try {
                roomChanged.fire(new RoomChangedElsewhere(entry.changeElsewhere()));
            } catch (RuntimeException notApplied) {
                LOG.log(Level.WARNING, "Message " + entry.id() + " of another instance changed rooms that could not be "
                        + "taken here; their live state stays behind until their next change", notApplied);
            }
        }
        append(entry.id(), entry.event(), entry.timestamp(), entry.jsonWithoutId());
    }

    /** For unit tests: a journal that notifies no one. */
    public MessageJournal(int capacity) {
        this.capacity = capacity;
    }

    private AtomicReferenceArray<DashboardMessage> ring() {
        AtomicReferenceArray<DashboardMessage> current = ring;
        if (current == null) {
            synchronized (appendLock) {
                if (ring == null) {
                    if (capacity < 1) {
                        throw new IllegalStateException("dashboard.sse.replay-size must be at least 1");
                    }
                    ring = new AtomicReferenceArray<>(capacity);
                }
                current = ring;
            }
        }
        return current;
    }

    /**
     * Appends a message and notifies observers; on the shared stream, appends it there, and the
     * reader takes it in (with every other instance's) in the stream's order.
     *
     * @param jsonWithoutId the message's JSON object without its {@code id} member; the id is put
     *                      first so that it reads first on the wire
     * @return the message's id
     * @throws IllegalStateException when the application is shutting down
     * @throws RuntimeException      when the shared stream cannot be reached
     */
    public String publish(String event, long timestamp, String jsonWithoutId) {
        return publish(event, timestamp, jsonWithoutId, null);
    }

    /**
     * The same for a message whose event changed live rooms: on the shared stream, the other
     * instances take that change into their live state before they deliver the message.
     *
     * @param change the change as the rooms component wrote it for the others, or null
     */
    public String publish(String event, long timestamp, String jsonWithoutId, String change) {
        if (!jsonWithoutId.startsWith("{\"")) {
            throw new IllegalArgumentException("a message is a non-empty JSON object");
        }
        if (isShared()) {
            if (closed) {
                throw new IllegalStateException("the journal is closed");
            }
            return shared.append(event, timestamp, jsonWithoutId, change, ring().length());
        }
        return append(null, event, timestamp, jsonWithoutId).id();
    }

    /** Puts a message at the head, with the given id or (null) one of this run's, and notifies. */
    private DashboardMessage append(String givenId, String event, long timestamp, String jsonWithoutId) {
        AtomicReferenceArray<DashboardMessage> entries = ring();
        DashboardMessage message;
        synchronized (appendLock) {
            if (closed) {
                throw new IllegalStateException("the journal is closed");
            }
            long sequence = head + 1;
            String id = givenId != null ? givenId : runId + "-" + sequence;
            message = new DashboardMessage(sequence, id, event, timestamp, System.nanoTime(),
                    "{\"id\":\"" + id + "\"," + jsonWithoutId.substring(1));
            entries.set(index(sequence), message);
            head = sequence;
            appendLock.notifyAll(); // streams resuming after an id not read yet
        }
        if (published != null) {
            published.fireAsync(new MessagePublished(message), NotificationOptions.ofExecutor(notifier)).exceptionally(failure -> {
                LOG.log(Level.WARNING, "An observer failed on message " + message.id(), failure);
                return null;
            });
        }
        return message;
    }

    /** Sequence of the newest message, 0 before the first. */
    public long head() {
        return head;
    }

    /** The message with this sequence, or null when it is not (or no longer) held. */
    public DashboardMessage at(long sequence) {
        DashboardMessage message = ring().get(index(sequence));
        return message != null && message.sequence() == sequence ? message : null;
    }

    /**
     * The sequence a client can resume after, given the last id it saw: empty when the id is not
     * one of this run's or the messages after it are no longer held.
     */
    public OptionalLong resumePoint(String lastMessageId) {
        if (isShared()) {
            awaitRead(RedisStream.EntryId.parse(lastMessageId));
        }
        OptionalLong sequence = sequenceOf(lastMessageId);
        if (sequence.isEmpty()) {
            return sequence;
        }
        long newest = head;
        long after = sequence.getAsLong();
        boolean held = after >= 0 && after <= newest && newest - after <= ring().length();
        return held ? sequence : OptionalLong.empty();
    }

    /**
     * A client may resume on this instance after an id another instance gave it before this one's
     * reader got there: waits briefly until it did, so the stream neither repeats nor skips.
     */
    private void awaitRead(RedisStream.EntryId lastSeen) {
        if (lastSeen == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_WAIT_MS);
        synchronized (appendLock) {
            while (!closed && !readBeyond(lastSeen)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    appendLock.wait(left);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean readBeyond(RedisStream.EntryId id) {
        DashboardMessage newest = at(head);
        RedisStream.EntryId newestId = newest == null ? null : RedisStream.EntryId.parse(newest.id());
        return newestId != null && newestId.compareTo(id) >= 0;
    }

    /** The sequence of one of this run's message ids (on the shared stream: of a held entry); empty for anything else. */
    public OptionalLong sequenceOf(String messageId) {
        if (messageId == null) {
            return OptionalLong.empty();
        }
        if (isShared()) {
            return heldSequenceOf(RedisStream.EntryId.parse(messageId));
        }
        int dash = messageId.lastIndexOf('-');
        if (dash != runId.length() || !messageId.startsWith(runId)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(messageId, dash + 1, messageId.length(), 10));
        } catch (NumberFormatException notOurs) {
            return OptionalLong.empty();
        }
    }

    /** Finds a held stream entry by its id; the journal holds them in id order. */
    private OptionalLong heldSequenceOf(RedisStream.EntryId wanted) {
        if (wanted == null) {
            return OptionalLong.empty();
        }
        long high = head;
        long low = Math.max(1, high - ring().length() + 1);
        while (low <= high) {
            long middle = (low + high) >>> 1;
            DashboardMessage message = at(middle);
            if (message == null) {
                return OptionalLong.empty(); // overwritten meanwhile: too old to resume after
            }
            int order = RedisStream.EntryId.parse(message.id()).compareTo(wanted);
            if (order == 0) {
                return OptionalLong.of(middle);
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Where a client whose last id is not one of this run's (it saw an earlier run, before a
     * restart) can pick up this run: from its first message while all of them are still held.
     * Its earlier run's tail is lost, so it must resync, but nothing accepted since the restart
     * needs to be missed.
     */
    public OptionalLong runStartFor(String lastMessageId) {
        if (isShared() || lastMessageId == null || lastMessageId.startsWith(runId + "-")) {
            // the shared stream's ids outlive a restart: one not held is simply too old
            return OptionalLong.empty();
        }
        return head <= ring().length() ? OptionalLong.of(0) : OptionalLong.empty();
    }

    public int capacity() {
        return ring().length();
    }

    /** Refuses further messages: in-flight webhooks are answered 503 so that LiveKit retries. */
    @PreDestroy
    public void close() {
        synchronized (appendLock) {
            closed = true;
            appendLock.notifyAll();
            if (notifier != null) {
                notifier.shutdown();
            }
        }
        if (reader != null) {
            reader.interrupt();
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    private int index(long sequence) {
        return (int) (sequence % ring.length());
    }
}
