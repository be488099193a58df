package dev.lkdash.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;

/**
 * One selector thread. Every channel registered here is touched only by this thread, so the
 * per-connection state and the loop's histograms need no locks; other threads hand work over with
 * {@link #execute} / {@link #call}.
 */
final class Loop implements Runnable {

    interface Handler {
        void ready(SelectionKey key, long now) throws IOException;

        void failed(IOException e);
    }

    interface Ticker {
        /** @return true while it wants to be called again at least every millisecond */
        boolean tick(long now);
    }

    final String name;
    final Selector selector;
    final Thread thread;
    final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private Ticker ticker;

    // ---- stream statistics, written by this thread only, read through call() ----
    /** Delivery latency (webhook written -> frame received) of the current phase, in microseconds. */
    Histogram delivery = newHistogram();
    /** Connect latency (connect() -> first frame), in microseconds. */
    Histogram connect = newHistogram();
    long phaseReceived;

    static Histogram newHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    Loop(String name) throws IOException {
        this.name = name;
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    <T> T await(Callable<T> task) {
        try {
            return call(task).get();
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e, e);
        }
    }

    /** Only from this loop's thread. */
    void setTicker(Ticker ticker) {
        this.ticker = ticker;
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (ticker != null) {
                    selector.select(1);
                } else {
                    selector.select(1000);
                }
                long now = System.nanoTime();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Handler handler = (Handler) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        handler.ready(key, now);
                    } catch (IOException e) {
                        key.cancel();
                        try {
                            key.channel().close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                        handler.failed(e);
                    }
                }
                if (ticker != null && !ticker.tick(System.nanoTime())) {
                    ticker = null;
                }
            } catch (Throwable e) {
                System.err.println(name + ": " + e);
                e.printStackTrace();
            }
        }
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException ignored) {
            // exiting
        }
    }
}
