package dev.lkdash.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * One SSE stream on a raw non-blocking socket: a hand-written HTTP/1.1 GET, a chunked-encoding
 * decoder and an SSE line scanner that looks only at line prefixes ({@code id:}, {@code data:},
 * {@code event:}) and, in data lines, for {@code "webhookId":"EV_b<phase>t<sendNanos>n<n>"}. No
 * JSON is parsed and nothing is allocated per message: latency is the receive time minus the send
 * time the generator wrote into the LiveKit event id.
 */
final class StreamConn implements Loop.Handler {

    static final byte[] PATTERN = "\"webhookId\":\"EV_b".getBytes(StandardCharsets.US_ASCII);
    private static final int[] FAILURE = failureTable(PATTERN);

    enum State { NEW, CONNECTING, HEADERS, OPEN, CLOSED }

    /** Shared by every stream: what the orchestrator needs to know without asking each one. */
    static final class Group {
        final java.util.concurrent.atomic.AtomicInteger connected = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger closedByServer = new java.util.concurrent.atomic.AtomicInteger();
        volatile String lastError;
        volatile int lastRefusalStatus;
    }

    final Loop loop;
    final Group group;
    final InetSocketAddress server;
    final InetAddress bindAddress;
    final byte[] request;
    final int receiveBuffer;

    State state = State.NEW;
    SocketChannel channel;
    SelectionKey key;
    long connectStarted;
    long connectedAt;
    int status;

    // HTTP header accumulation
    private final byte[] head = new byte[4096];
    private int headLen;
    private boolean chunked;

    // chunked decoder: 0 size, 1 extension, 2 data, 3 after-data CRLF, 4 done
    private int chunkState;
    private long chunkRemaining;

    // SSE scanner
    private int linePos;
    private byte lineKind; // 'i' id, 'd' data, 'e' event, 'o' other
    private final byte[] pendingId = new byte[64];
    private int pendingIdLen;
    private long pendingSeq;
    private boolean frameHasId;
    private boolean frameHeartbeat;
    private boolean frameHasData;
    private int match;        // KMP position in PATTERN
    private int idPart;       // 0 matching, 1 phase, 2 nanos, 3 n, 4 done
    private long vPhase;
    private long vNanos;
    private long vN;
    private boolean frameMatched;

    // results, written by the loop thread only
    final byte[] lastId = new byte[64];
    int lastIdLen;
    long lastSeq;
    long received;         // messages of the current phase
    long receivedTotal;
    long heartbeats;
    long systemFrames;
    /**
     * Whether the server's message ids are consecutive ({@code dashboard.bus=local}); Redis stream
     * entry ids are not, and then holes and repeats are not counted. Set once, before any stream.
     */
    static volatile boolean consecutiveIds = true;
    /** Messages skipped on this connection (a hole in the server's sequence): lost. */
    long gaps;
    long repeats;
    boolean closedByServer;
    /** Set: messages of the current phase (by n) seen on this stream, across reconnects. */
    BitSet seen;
    /** Stop reading once this many messages of the current phase arrived (slow consumer), or -1. */
    long pauseAfter = -1;
    boolean paused;
    /** Not part of the phase's figures (the slow consumer and its resumed stream). */
    boolean excluded;

    StreamConn(Loop loop, Group group, InetSocketAddress server, InetAddress bindAddress, String hostHeader,
               String lastEventId, int receiveBuffer) {
        this.loop = loop;
        this.group = group;
        this.server = server;
        this.bindAddress = bindAddress;
        this.receiveBuffer = receiveBuffer;
        this.request = ("GET /api/events HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                + SignIn.headerLine()
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** On the loop thread. */
    void start() {
        try {
            connectStarted = System.nanoTime();
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (receiveBuffer > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            if (bindAddress != null) {
                channel.bind(new InetSocketAddress(bindAddress, 0));
            }
            state = State.CONNECTING;
            if (channel.connect(server)) {
                key = channel.register(loop.selector, 0, this);
                sendRequest();
            } else {
                key = channel.register(loop.selector, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void sendRequest() throws IOException {
        ByteBuffer out = ByteBuffer.wrap(request);
        int spins = 0;
        while (out.hasRemaining()) {
            channel.write(out);
            if (++spins > 1000) {
                throw new IOException("request not written");
            }
        }
        state = State.HEADERS;
        key.interestOps(SelectionKey.OP_READ);
    }

    @Override
    public void ready(SelectionKey key, long now) throws IOException {
        if (key.isConnectable()) {
            channel.finishConnect();
            sendRequest();
            return;
        }
        if (!key.isReadable() || paused) {
            return;
        }
        ByteBuffer buffer = loop.readBuffer;
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
            serverClosed();
            return;
        }
        if (n == 0) {
            return;
        }
        byte[] a = buffer.array();
        int from = 0;
        if (state == State.HEADERS) {
            from = headers(a, n);
            if (from < 0) {
                return;
            }
        }
        if (state == State.OPEN) {
            body(a, from, n, now);
            if (paused) {
                key.interestOps(0);
            }
        }
    }

    /** @return where the body starts in {@code a}, or -1 when the headers are not complete */
    private int headers(byte[] a, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            if (headLen == head.length) {
                throw new IOException("response headers too long");
            }
            head[headLen++] = a[i];
            if (headLen >= 4 && head[headLen - 1] == '\n' && head[headLen - 2] == '\r'
                    && head[headLen - 3] == '\n' && head[headLen - 4] == '\r') {
                String text = new String(head, 0, headLen, StandardCharsets.ISO_8859_1);
                status = Integer.parseInt(text.substring(9, 12));
                chunked = text.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
                if (status != 200) {
                    group.refused.incrementAndGet();
                    group.lastRefusalStatus = status;
                    closeQuietly();
                    return -1;
                }
                state = State.OPEN;
                return i + 1;
            }
        }
        return -1;
    }

    private void body(byte[] a, int from, int to, long now) {
        if (!chunked) {
            scan(a, from, to, now);
            return;
        }
        int i = from;
        while (i < to) {
            switch (chunkState) {
                case 0 -> { // size line
                    byte b = a[i++];
                    if (b == '\n') {
                        if (chunkRemaining == 0) {
                            chunkState = 4;
                        } else {
                            chunkState = 2;
                        }
                    } else if (b == ';') {
                        chunkState = 1;
                    } else if (b != '\r') {
                        chunkRemaining = chunkRemaining * 16 + Character.digit(b, 16);
                    }
                }
                case 1 -> {
                    if (a[i++] == '\n') {
                        chunkState = chunkRemaining == 0 ? 4 : 2;
                    }
                }
                case 2 -> {
                    int take = (int) Math.min(chunkRemaining, to - i);
                    scan(a, i, i + take, now);
                    i += take;
                    chunkRemaining -= take;
                    if (chunkRemaining == 0) {
                        chunkState = 3;
                    }
                }
                case 3 -> {
                    if (a[i++] == '\n') {
                        chunkState = 0;
                    }
                }
                default -> i = to; // terminal chunk: the server ended the stream
            }
        }
    }

    private void scan(byte[] a, int from, int to, long now) {
        for (int i = from; i < to; i++) {
            byte b = a[i];
            if (b == '\n') {
                endLine(now);
                continue;
            }
            if (b == '\r') {
                continue;
            }
            int pos = linePos++;
            if (pos == 0) {
                if (b == 'd') {
                    int end = dataLineFast(a, i, to);
                    if (end >= 0) {
                        linePos = 0;
                        i = end; // the line's '\n': the loop steps over it
                        continue;
                    }
                }
                lineKind = (b == 'i' || b == 'd' || b == 'e') ? b : (byte) 'o';
                continue;
            }
            switch (lineKind) {
                case 'i' -> { // "id: <run>-<seq>"
                    if (pos >= 4) {
                        if (pendingIdLen < pendingId.length) {
                            pendingId[pendingIdLen++] = b;
                        }
                        if (b == '-') {
                            pendingSeq = 0;
                        } else if (b >= '0' && b <= '9') {
                            pendingSeq = pendingSeq * 10 + (b - '0');
                        }
                    } else if (pos == 1 && b != 'd') {
                        lineKind = 'o';
                    }
                }
                case 'd' -> {
                    if (pos < 5) {
                        break;
                    }
                    frameHasData = true;
                    if (idPart == 0) {
                        int m = match;
                        while (m > 0 && PATTERN[m] != b) {
                            m = FAILURE[m - 1];
                        }
                        if (PATTERN[m] == b) {
                            m++;
                        }
                        if (m == PATTERN.length) {
                            idPart = 1;
                            vPhase = 0;
                            vNanos = 0;
                            vN = 0;
                            m = 0;
                        }
                        match = m;
                    } else if (idPart < 4) {
                        if (b >= '0' && b <= '9') {
                            int d = b - '0';
                            if (idPart == 1) {
                                vPhase = vPhase * 10 + d;
                            } else if (idPart == 2) {
                                vNanos = vNanos * 10 + d;
                            } else {
                                vN = vN * 10 + d;
                            }
                        } else if (b == 't' && idPart == 1) {
                            idPart = 2;
                        } else if (b == 'n' && idPart == 2) {
                            idPart = 3;
                        } else if (b == '"' && idPart == 3) {
                            idPart = 4;
                            frameMatched = true;
                        } else {
                            idPart = 4; // not one of ours
                        }
                    }
                }
                case 'e' -> {
                    if (pos == 7 && b == 'h') {
                        frameHeartbeat = true;
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * Fast path for a {@code data:} line wholly inside the buffer: find its end, then look for
     * the webhook id backwards from there (it is in the metadata, at the end of the JSON), so
     * most of the line is passed over by a tight newline search instead of the state machine.
     *
     * @return the index of the line's '\n', or -1 when the line does not end in this buffer
     */
    private int dataLineFast(byte[] a, int start, int to) {
        int end = -1;
        for (int j = start; j < to; j++) {
            if (a[j] == '\n') {
                end = j;
                break;
            }
        }
        if (end < 0) {
            return -1;
        }
        frameHasData = true;
        int last = end - PATTERN.length;
        int stop = Math.max(start, end - 400);
        for (int k = last; k >= stop; k--) {
            if (a[k] == '"' && a[k + 1] == 'w' && matchesAt(a, k)) {
                int q = k + PATTERN.length;
                long p = 0;
                long t = 0;
                long n = 0;
                while (q < end && a[q] >= '0' && a[q] <= '9') {
                    p = p * 10 + (a[q++] - '0');
                }
                if (q >= end || a[q++] != 't') {
                    break;
                }
                while (q < end && a[q] >= '0' && a[q] <= '9') {
                    t = t * 10 + (a[q++] - '0');
                }
                if (q >= end || a[q++] != 'n') {
                    break;
                }
                while (q < end && a[q] >= '0' && a[q] <= '9') {
                    n = n * 10 + (a[q++] - '0');
                }
                if (q < end && a[q] == '"') {
                    vPhase = p;
                    vNanos = t;
                    vN = n;
                    frameMatched = true;
                }
                break;
            }
        }
        idPart = 0;
        match = 0;
        return end;
    }

    private static boolean matchesAt(byte[] a, int k) {
        for (int m = 0; m < PATTERN.length; m++) {
            if (a[k + m] != PATTERN[m]) {
                return false;
            }
        }
        return true;
    }

    private void endLine(long now) {
        if (linePos == 0) {
            endFrame(now);
        } else if (lineKind == 'i' && pendingIdLen > 0) {
            frameHasId = true;
        }
        linePos = 0;
        match = 0;
        if (idPart != 0 && idPart != 4) {
            idPart = 4;
        }
    }

    private void endFrame(long now) {
        if (frameHasId) {
            receivedTotal++;
            if (consecutiveIds && lastSeq != 0) {
                if (pendingSeq <= lastSeq) {
                    repeats++;
                } else if (pendingSeq != lastSeq + 1) {
                    gaps += pendingSeq - lastSeq - 1;
                }
            }
            lastSeq = pendingSeq;
            System.arraycopy(pendingId, 0, lastId, 0, pendingIdLen);
            lastIdLen = pendingIdLen;
            if (frameMatched && vPhase == Bench.phase) {
                received++;
                if (!excluded) {
                    loop.phaseReceived++;
                    long micros = (now - Bench.T0 - vNanos) / 1000;
                    loop.delivery.recordValue(Math.max(0, Math.min(micros, 3_599_000_000L)));
                }
                if (seen != null && vN < Integer.MAX_VALUE) {
                    seen.set((int) vN);
                }
                if (pauseAfter >= 0 && received >= pauseAfter) {
                    paused = true;
                }
            }
        } else if (frameHeartbeat) {
            heartbeats++;
        } else if (frameHasData) {
            systemFrames++;
            if (connectedAt == 0) {
                connectedAt = now;
                loop.connect.recordValue(Math.max(0, (now - connectStarted) / 1000));
                group.connected.incrementAndGet();
            }
        }
        frameHasId = false;
        frameHeartbeat = false;
        frameHasData = false;
        frameMatched = false;
        pendingIdLen = 0;
        pendingSeq = 0;
        idPart = 0;
    }

    String lastEventId() {
        return lastIdLen == 0 ? null : new String(lastId, 0, lastIdLen, StandardCharsets.US_ASCII);
    }

    private void serverClosed() {
        if (state != State.CLOSED) {
            closedByServer = true;
            group.closedByServer.incrementAndGet();
        }
        closeQuietly();
    }

    /** Resumes reading (a paused slow consumer). On the loop thread. */
    void resume() {
        paused = false;
        pauseAfter = -1;
        if (key != null && key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    void closeQuietly() {
        state = State.CLOSED;
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    private void fail(IOException e) {
        if (state != State.CLOSED) {
            if (connectedAt == 0) {
                group.failed.incrementAndGet();
            } else {
                closedByServer = true;
                group.closedByServer.incrementAndGet();
            }
            group.lastError = e.toString();
        }
        closeQuietly();
    }

    @Override
    public void failed(IOException e) {
        fail(e);
    }

    boolean isOpen() {
        return state == State.OPEN && connectedAt != 0;
    }

    private static int[] failureTable(byte[] p) {
        int[] f = new int[p.length];
        int k = 0;
        for (int i = 1; i < p.length; i++) {
            while (k > 0 && p[k] != p[i]) {
                k = f[k - 1];
            }
            if (p[k] == p[i]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }
}
