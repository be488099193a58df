package dev.lkdash.stream.control;

import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.entity.DashboardMessage;
import dev.lkdash.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The servlet transport ({@code dashboard.sse.transport=servlet}): delivers the journal's messages
 * to every open stream through non-blocking servlet output.
 *
 * <p>What it saves over the JAX-RS transport ({@link BroadcastStreams}): Jersey's SSE writer runs
 * the message body writer for every event and client and flushes each event on its own (measured
 * ~11 µs of CPU per delivery, which capped a 2-core instance near 100,000 deliveries/s; see
 * docs/performance.md). Here each message's frame is encoded once; a writer copies the frames a
 * client is missing to its output, one write and one flush per batch; and nothing is buffered per
 * client beyond what the container takes while its output reports ready.
 *
 * <p>Each client has a cursor into the shared journal and belongs to one of
 * {@code dashboard.sse.writer-threads} slices; a slice's pass writes to its clients that are
 * behind. A client whose output stops taking bytes is left to the container, which calls back
 * when it takes them again; if that takes longer than {@code dashboard.sse.send-timeout-ms}, or
 * the client falls out of the journal, it is cut as slow and resumes with {@code Last-Event-ID}.
 * Writes to one client never overlap and always follow journal order; nothing here waits on a
 * client, so neither the webhook path, the heartbeat nor other clients can be held up by one.
 */
@ApplicationScoped
public class ServletStreamWriter implements StreamTransport {

    private static final Logger LOG = Logger.getLogger(ServletStreamWriter.class.getName());
    /**
     * Shortest time between two passes of a slice while messages keep coming: adds at most this
     * much latency, and a client that keeps up then gets the messages of an interval in one write
     * (measured: a write costs ~10 µs of server CPU, most of it the system call, whatever its size).
     */
    private static final long PASS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    @Inject
    MessageJournal journal;

    @Inject
    StreamMetrics metrics;

    @Inject
    StreamOpener opener;

    @Inject
    @ConfigProperty(name = "dashboard.sse.send-timeout-ms")
    long sendTimeoutMillis;

    @Inject
    @ConfigProperty(name = "dashboard.sse.writer-threads")
    int writerThreads;

    @Resource
    ManagedThreadFactory threadFactory;

    private final AtomicInteger nextSlice = new AtomicInteger();
    private Slice[] slices;
    private ExecutorService writers;
    /** Each message's frame, encoded once for all clients. */
    private AtomicReferenceArray<Frame> frames;
    private volatile byte[] heartbeat;

    private record Frame(long sequence, byte[] bytes) {
    }

    /**
     * A writer thread's share of the clients. Its passes never overlap; passes requested while one
     * runs start at most every {@link #PASS_INTERVAL_NANOS}, so under load a client gets the
     * messages of that interval in one write instead of one write each.
     */
    private final class Slice {

        final Set<ServletStreamClient> clients = ConcurrentHashMap.newKeySet();
        /** Reused by this slice's passes, which never overlap. */
        private final FrameBatch batch = new FrameBatch();
        private final PacedRuns passes = new PacedRuns(writers, this::pass, PASS_INTERVAL_NANOS, "A pass over the streams");

        void requestPass() {
            passes.request();
        }

        /** One look at each client: cut the one blocked too long, write to those behind. */
        private void pass() {
            long head = journal.head();
            long now = System.nanoTime();
            long sendTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis);
            for (ServletStreamClient client : clients) {
                long blockedSince = client.blockedSinceNanos;
                if (blockedSince != 0) {
                    if (now - blockedSince > sendTimeoutNanos) {
                        drop(client, true);
                    }
                } else if (client.hasWork(head)) {
                    write(client, batch);
                }
            }
        }
    }

    @PostConstruct
    void start() {
        if (writerThreads < 1) {
            throw new IllegalStateException("dashboard.sse.writer-threads must be at least 1");
        }
        writers = Executors.newFixedThreadPool(writerThreads, threadFactory);
        slices = new Slice[writerThreads];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = new Slice();
        }
        frames = new AtomicReferenceArray<>(journal.capacity());
        LOG.info(() -> "Servlet event stream ready: " + writerThreads
                + " writer threads, replay of " + journal.capacity() + " messages, send timeout "
                + sendTimeoutMillis + " ms");
    }

    /**
     * Opens a stream on an HTTP request whose response headers are set, as {@link StreamOpener}
     * says it starts.
     *
     * @throws ApiException 429 when {@code dashboard.sse.max-connections} streams are open
     */
    public void open(HttpServletRequest request, HttpServletResponse response, String lastEventId, String clientId)
            throws IOException {
        StreamStart start = opener.open(lastEventId, request, clientId);
        String connectionId = start.connectionId();
        long cursor = start.cursor();
        byte[] connected = SseFrames.encode(null, null, null, opener.retryMillis(), start.connected());
        byte[] preamble = start.resync() == null ? connected
                : SseFrames.concat(connected, SseFrames.encode(null, null, null, -1, start.resync()));
        AsyncContext async = null;
        ServletStreamClient client;
        try {
            // No container buffer: Undertow's non-blocking flush() keeps there what the socket did
            // not take while isReady() stays true, and nothing would write it before the next
            // message. Unbuffered, a write the socket cannot take whole makes isReady() false, and
            // the container writes the rest itself, then calls onWritePossible.
            response.setBufferSize(0);
            async = request.startAsync();
            async.setTimeout(0);
            ServletOutputStream out = response.getOutputStream();
            client = new ServletStreamClient(connectionId, Math.floorMod(nextSlice.getAndIncrement(), slices.length),
                    async, out, cursor, preamble, this);
            // this thread is the first writer; callbacks meanwhile only ask for another round
            client.claimWrite();
            async.addListener(client);
        } catch (IOException | RuntimeException failed) {
            opener.closed(connectionId);
            if (async != null) {
                completeQuietly(async);
            }
            throw failed;
        }
        slices[client.slice].clients.add(client);
        opener.opened(start, ending -> end(client, ending));
        try {
            client.out.setWriteListener(client);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Stream " + connectionId + " could not start", failed);
            drop(client, false); // the round below completes it
        }
        LOG.fine(() -> "Stream " + connectionId + " opened" + (lastEventId == null ? "" : " after " + lastEventId));
        drain(client, new FrameBatch());
    }

    @Override
    public void published() {
        requestPasses();
    }

    /**
     * Flags a heartbeat for every stream that is due and runs a pass over all of them, which also
     * cuts those whose output has been stuck too long. Never waits on a client.
     */
    @Override
    public void tick() {
        long now = System.nanoTime();
        byte[] frame = null;
        for (Slice slice : slices) {
            for (ServletStreamClient client : slice.clients) {
                if (opener.heartbeatDue(client.lastHeartbeatNanos, now)) {
                    if (frame == null) {
                        frame = SseFrames.encode("heartbeat", "heartbeat", null, -1,
                                StreamOpener.heartbeatData(System.currentTimeMillis()));
                        heartbeat = frame;
                    }
                    client.lastHeartbeatNanos = now;
                    client.heartbeatDue = true;
                }
            }
        }
        requestPasses();
    }

    @Override
    public boolean isRunning() {
        return !writers.isShutdown();
    }

    private void requestPasses() {
        for (Slice slice : slices) {
            slice.requestPass();
        }
    }

    /** Writes what the client is missing, on the caller's thread, unless another thread is at it. */
    void write(ServletStreamClient client) {
        write(client, new FrameBatch());
    }

    private void write(ServletStreamClient client, FrameBatch batch) {
        if (client.claimWrite()) {
            drain(client, batch);
        }
    }

    /**
     * Called by the container when the stream ended or its output failed. Completes the request
     * before returning, as the container expects, once a write in progress is over.
     */
    void gone(ServletStreamClient client) {
        drop(client, false);
        complete(client);
    }

    /** Runs as the client's only writer until no request for it is left. */
    private void drain(ServletStreamClient client, FrameBatch batch) {
        int requested = 1;
        do {
            try {
                synchronized (client.writeLock) {
                    writeWhileReady(client, batch);
                }
            } catch (IOException | RuntimeException failed) {
                metrics.sendFailed();
                drop(client, false);
            } finally {
                if (client.isClosed()) {
                    complete(client);
                }
                requested = client.release(requested);
            }
        } while (requested != 0);
    }

    /**
     * Writes what the client is missing (preamble, messages after its cursor, a due heartbeat) in
     * batches of whole frames, one write and one flush per batch, until it has nothing left or
     * its output stops taking bytes (the container then calls {@link ServletStreamClient#onWritePossible}).
     * One write per batch matters: the container's buffer is off (see {@link #open}), so each write
     * goes to the socket, and frame-by-frame writes would cost one system call each.
     */
    private void writeWhileReady(ServletStreamClient client, FrameBatch batch) throws IOException {
        ServletOutputStream out = client.out;
        while (!client.isClosed()) {
            if (!out.isReady()) {
                if (client.blockedSinceNanos == 0) {
                    client.blockedSinceNanos = System.nanoTime();
                }
                return;
            }
            client.blockedSinceNanos = 0;
            if (client.unflushed) {
                client.unflushed = false;
                out.flush();
                continue;
            }
            batch.clear();
            byte[] preamble = client.preamble;
            if (preamble != null) {
                client.preamble = null;
                batch.add(preamble);
            }
            long head = journal.head();
            long cursor = client.cursor;
            int messages = 0;
            long oldestAcceptedNanos = 0;
            while (cursor < head && batch.size() < FrameBatch.TARGET_BYTES) {
                DashboardMessage message = journal.at(cursor + 1);
                if (message == null) {
                    LOG.info(() -> "Stream " + client.connectionId + " fell behind the replay journal");
                    drop(client, true);
                    return;
                }
                batch.add(frame(message));
                cursor++;
                if (messages++ == 0) {
                    oldestAcceptedNanos = message.acceptedNanos();
                }
            }
            if (client.heartbeatDue) {
                client.heartbeatDue = false;
                batch.add(heartbeat);
            }
            if (batch.size() == 0) {
                return;
            }
            batch.writeTo(out);
            client.cursor = cursor;
            client.unflushed = true;
            if (messages > 0) {
                metrics.sent(messages, oldestAcceptedNanos);
            }
        }
    }

    private byte[] frame(DashboardMessage message) {
        int index = (int) (message.sequence() % frames.length());
        Frame cached = frames.get(index);
        if (cached != null && cached.sequence() == message.sequence()) {
            return cached.bytes();
        }
        byte[] bytes = SseFrames.message(message.id(), message.json());
        frames.set(index, new Frame(message.sequence(), bytes));
        return bytes;
    }

    /** Closes a stream once; its writer then completes the request (see {@link #drain}). */
    private void drop(ServletStreamClient client, boolean slow) {
        end(client, slow ? StreamEnding.SLOW : StreamEnding.DEAD);
    }

    private void end(ServletStreamClient client, StreamEnding ending) {
        if (!client.markClosed()) {
            return;
        }
        slices[client.slice].clients.remove(client);
        opener.closed(client.connectionId);
        metrics.dropped(ending);
        switch (ending) {
            case SLOW -> LOG.info(() -> "Stream " + client.connectionId
                    + " cut: it could not keep up (resumes with Last-Event-ID)");
            case REPLACED -> LOG.fine(() -> "Stream " + client.connectionId + " closed: its client opened a newer stream");
            case DEAD -> LOG.fine(() -> "Stream " + client.connectionId + " closed: the client has gone");
        }
        write(client);
    }

    private static void complete(ServletStreamClient client) {
        try {
            client.complete();
        } catch (RuntimeException alreadyDone) {
            LOG.log(Level.FINEST, "completing a finished stream", alreadyDone);
        }
    }

    private static void completeQuietly(AsyncContext async) {
        try {
            async.complete();
        } catch (RuntimeException alreadyDone) {
            LOG.log(Level.FINEST, "completing a stream that did not start", alreadyDone);
        }
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
        for (Slice slice : slices) {
            for (ServletStreamClient client : slice.clients) {
                if (client.markClosed()) {
                    complete(client); // after a write in progress, see ServletStreamClient#complete
                }
            }
            slice.clients.clear();
        }
    }
}
