package dev.lkdash.events.control;

import dev.lkdash.events.entity.DashboardMessage;
import dev.lkdash.events.entity.MessagePublished;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 */
@ApplicationScoped
public class MessageJournal {

    private static final Logger LOG = Logger.getLogger(MessageJournal.class.getName());

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
     * Appends a message and notifies observers.
     *
     * @param jsonWithoutId the message's JSON object without its {@code id} member; the id is put
     *                      first so that it reads first on the wire
     * @throws IllegalStateException when the application is shutting down
     */
    public DashboardMessage publish(String event, long timestamp, String jsonWithoutId) {
        if (!jsonWithoutId.startsWith("{\"")) {
            throw new IllegalArgumentException("a message is a non-empty JSON object");
        }
        AtomicReferenceArray<DashboardMessage> entries = ring();
        DashboardMessage message;
        synchronized (appendLock) {
            if (closed) {
                throw new IllegalStateException("the journal is closed");
            }
            long sequence = head + 1;
            String id = runId + "-" + sequence;
            message = new DashboardMessage(sequence, id, event, timestamp, System.nanoTime(),
                    "{\"id\":\"" + id + "\"," + jsonWithoutId.substring(1));
            entries.set(index(sequence), message);
            head = sequence;
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
        OptionalLong sequence = sequenceOf(lastMessageId);
        if (sequence.isEmpty()) {
            return sequence;
        }
        long newest = head;
        long after = sequence.getAsLong();
        boolean held = after >= 0 && after <= newest && newest - after <= ring().length();
        return held ? sequence : OptionalLong.empty();
    }

    /** The sequence of one of this run's message ids; empty for anything else. */
    public OptionalLong sequenceOf(String messageId) {
        if (messageId == null) {
            return OptionalLong.empty();
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

    /**
     * Where a client whose last id is not one of this run's (it saw an earlier run, before a
     * restart) can pick up this run: from its first message while all of them are still held.
     * Its earlier run's tail is lost, so it must resync, but nothing accepted since the restart
     * needs to be missed.
     */
    public OptionalLong runStartFor(String lastMessageId) {
        if (lastMessageId == null || lastMessageId.startsWith(runId + "-")) {
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
            if (notifier != null) {
                notifier.shutdown();
            }
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    private int index(long sequence) {
        return (int) (sequence % ring.length());
    }
}
