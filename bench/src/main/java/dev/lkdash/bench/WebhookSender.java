package dev.lkdash.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/**
 * Signed LiveKit webhooks over raw non-blocking HTTP/1.1 keep-alive connections, one request in
 * flight per connection, all on one selector thread. Closed loop (N connections, each sends its
 * next webhook when the last is answered) for throughput, open loop (a fixed rate, bounded
 * in-flight) for latency.
 */
final class WebhookSender {

    /** The body of webhook number {@code n} of a phase, sent at {@code sendNanos}. */
    @FunctionalInterface
    interface Bodies {
        byte[] body(int phase, long sendNanos, long n);
    }

    static final class Result {
        long sent;
        long accepted;
        long duplicate;
        long rejected;
        long ioErrors;
        long maxBacklog;
        long elapsedNanos;
        int lastStatus;
        String lastRejection;
        final Histogram ack = Loop.newHistogram();
        final BitSet acceptedNs = new BitSet();
    }

    private final Loop loop;
    private final Signer signer;
    private final Fixtures fixtures;
    private final InetSocketAddress server;
    private final String host;
    private final List<Conn> conns = new ArrayList<>();
    private Run run;
    /** Webhooks sent in the current run, readable from other threads. */
    volatile long sentSoFar;

    WebhookSender(Loop loop, Signer signer, Fixtures fixtures, InetSocketAddress server, String host) {
        this.loop = loop;
        this.signer = signer;
        this.fixtures = fixtures;
        this.server = server;
        this.host = host;
    }

    /**
     * {@code concurrency} connections send the fixtures back to back for {@code durationNanos}:
     * with {@code roomOrder}, each connection one room's webhooks in order (as LiveKit sends them);
     * else the webhooks in flight together belong to one or two sessions and arrive in any order.
     */
    CompletableFuture<Result> closedLoop(int phase, int concurrency, long durationNanos, boolean roomOrder) {
        return roomOrder
                ? closedLoop(phase, concurrency, durationNanos, fixtures.inRoomOrder(concurrency), concurrency, Long.MAX_VALUE)
                : closedLoop(phase, concurrency, durationNanos, fixtures::body, 0, Long.MAX_VALUE);
    }

    /** {@code concurrency} connections send these bodies back to back, {@code count} at most, for {@code durationNanos}. */
    CompletableFuture<Result> closedLoop(int phase, int concurrency, long durationNanos, Bodies bodies, long count) {
        return closedLoop(phase, concurrency, durationNanos, bodies, 0, count);
    }

    /**
     * @param lanes when positive, connection {@code i} sends bodies {@code i}, {@code i + lanes}, ...
     *              (bodies from one lane never overlap in time); else bodies go out in number order
     */
    private CompletableFuture<Result> closedLoop(int phase, int concurrency, long durationNanos, Bodies bodies,
                                                 int lanes, long count) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        loop.execute(() -> {
            Run r = new Run(phase, durationNanos, 0, concurrency, done, bodies, count);
            r.lanes = lanes;
            run = r;
            while (conns.size() < concurrency) {
                conns.add(new Conn());
            }
            for (int i = 0; i < concurrency; i++) {
                conns.get(i).lane = i;
                conns.get(i).laneSent = 0;
            }
            for (int i = 0; i < concurrency && r.nextN < count; i++) {
                r.send(conns.get(i));
            }
            r.finishIfDone(System.nanoTime());
        });
        return done;
    }

    /** {@code rate} webhooks a second for {@code durationNanos}, at most {@code maxInFlight} at once. */
    CompletableFuture<Result> openLoop(int phase, double rate, int maxInFlight, long durationNanos) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        loop.execute(() -> {
            Run r = new Run(phase, durationNanos, rate, maxInFlight, done, fixtures::body, Long.MAX_VALUE);
            run = r;
            r.idle.addAll(conns.subList(0, Math.min(conns.size(), maxInFlight)));
            loop.setTicker(r::tick);
        });
        return done;
    }

    void closeAll() {
        loop.await(() -> {
            for (Conn c : conns) {
                c.close();
            }
            conns.clear();
            return null;
        });
    }

    private final class Run {
        final int phase;
        final long startAt;
        final long endAt;
        final double rate;
        final int maxInFlight;
        final CompletableFuture<Result> done;
        final Bodies bodies;
        final long count;
        final Result result = new Result();
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        long nextN;
        /** Connections sending bodies of their own lane (see {@code closedLoop}); 0: number order. */
        int lanes;
        int inFlight;
        boolean finished;

        Run(int phase, long durationNanos, double rate, int maxInFlight, CompletableFuture<Result> done,
            Bodies bodies, long count) {
            this.phase = phase;
            this.bodies = bodies;
            this.count = count;
            this.startAt = System.nanoTime();
            this.endAt = startAt + durationNanos;
            this.rate = rate;
            this.maxInFlight = maxInFlight;
            this.done = done;
        }

        boolean open() {
            return rate > 0;
        }

        void send(Conn c) {
            long n = lanes > 0 ? c.lane + (long) lanes * c.laneSent++ : nextN++;
            long sendNanos = System.nanoTime() - Bench.T0;
            byte[] body = bodies.body(phase, sendNanos, n);
            String jwt = signer.sign(body);
            byte[] head = ("POST /api/webhooks/livekit HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/webhook+json\r\nAuthorization: " + jwt
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            ByteBuffer out = ByteBuffer.allocate(head.length + body.length);
            out.put(head).put(body).flip();
            inFlight++;
            result.sent++;
            sentSoFar = result.sent;
            c.begin(this, n, out);
        }

        void answered(Conn c, int status, String body, long startedNanos) {
            inFlight--;
            long now = System.nanoTime();
            result.ack.recordValue(Math.max(0, (now - startedNanos) / 1000));
            result.lastStatus = status;
            if (status == 200 && body.contains("\"ok\"")) {
                result.accepted++;
                if (c.n < Integer.MAX_VALUE) {
                    result.acceptedNs.set((int) c.n);
                }
            } else if (status == 200 && body.contains("duplicate")) {
                result.duplicate++;
            } else {
                result.rejected++;
                result.lastRejection = status + " " + body;
            }
            next(c, now);
        }

        void broken(Conn c) {
            inFlight--;
            result.ioErrors++;
            next(c, System.nanoTime());
        }

        private void next(Conn c, long now) {
            if (run != this) {
                return;
            }
            if (!open() && now < endAt && nextN < count && result.ioErrors < 1000) {
                send(c);
                return;
            }
            idle.add(c);
            finishIfDone(now);
        }

        boolean tick(long now) {
            if (finished) {
                return false;
            }
            if (now >= endAt) {
                finishIfDone(now);
                return !finished;
            }
            long due = (long) ((now - startAt) * rate / 1e9) - result.sent;
            while (due > 0) {
                Conn c = idle.poll();
                if (c == null) {
                    if (inFlight >= maxInFlight) {
                        break;
                    }
                    c = new Conn();
                    conns.add(c);
                }
                send(c);
                due--;
            }
            result.maxBacklog = Math.max(result.maxBacklog, due);
            return true;
        }

        void finishIfDone(long now) {
            if (!finished && inFlight == 0 && (now >= endAt || nextN >= count || result.ioErrors >= 1000)) {
                finished = true;
                result.elapsedNanos = now - startAt;
                done.complete(result);
            }
        }
    }

    private final class Conn implements Loop.Handler {
        SocketChannel channel;
        SelectionKey key;
        boolean connected;
        Run owner;
        long n;
        int lane;
        long laneSent;
        long started;
        ByteBuffer out;
        byte[] in = new byte[8192];
        int inLen;

        void begin(Run owner, long n, ByteBuffer out) {
            this.owner = owner;
            this.n = n;
            this.out = out;
            this.inLen = 0;
            this.started = System.nanoTime();
            try {
                if (channel == null) {
                    channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    connected = channel.connect(server);
                    key = channel.register(loop.selector, connected ? 0 : SelectionKey.OP_CONNECT, this);
                    if (!connected) {
                        return;
                    }
                }
                write();
            } catch (IOException e) {
                close();
                owner.broken(this);
            }
        }

        private void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        @Override
        public void ready(SelectionKey k, long now) throws IOException {
            if (k.isConnectable()) {
                channel.finishConnect();
                connected = true;
                write();
                return;
            }
            if (k.isWritable()) {
                write();
                return;
            }
            if (!k.isReadable()) {
                return;
            }
            if (inLen == in.length) {
                in = java.util.Arrays.copyOf(in, in.length * 2);
            }
            int r = channel.read(ByteBuffer.wrap(in, inLen, in.length - inLen));
            if (r < 0) {
                throw new IOException("connection closed before the answer");
            }
            inLen += r;
            parse();
        }

        private void parse() {
            int end = -1;
            for (int i = 3; i < inLen; i++) {
                if (in[i] == '\n' && in[i - 1] == '\r' && in[i - 2] == '\n' && in[i - 3] == '\r') {
                    end = i + 1;
                    break;
                }
            }
            if (end < 0) {
                return;
            }
            String head = new String(in, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            int status = Integer.parseInt(head.substring(9, 12));
            String body;
            int cl = head.indexOf("content-length:");
            if (cl >= 0) {
                int eol = head.indexOf('\r', cl);
                int length = Integer.parseInt(head.substring(cl + 15, eol).trim());
                if (inLen < end + length) {
                    return;
                }
                body = new String(in, end, length, StandardCharsets.UTF_8);
            } else if (head.contains("transfer-encoding: chunked")) {
                if (inLen < end + 5 || in[inLen - 1] != '\n' || in[inLen - 2] != '\r' || in[inLen - 3] != '\n'
                        || in[inLen - 4] != '\r' || in[inLen - 5] != '0') {
                    return;
                }
                body = new String(in, end, inLen - end, StandardCharsets.UTF_8);
            } else {
                body = "";
            }
            if (head.contains("connection: close")) {
                close();
            } else {
                key.interestOps(0);
            }
            owner.answered(this, status, body, started);
        }

        void close() {
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
            channel = null;
            key = null;
            connected = false;
        }

        @Override
        public void failed(IOException e) {
            channel = null;
            key = null;
            connected = false;
            if (owner != null) {
                owner.broken(this);
            }
        }
    }
}
