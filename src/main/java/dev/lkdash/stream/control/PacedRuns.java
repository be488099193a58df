package dev.lkdash.stream.control;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a task on an executor whenever asked, never two runs at once. Requests during a run make
 * one more run, started at most every {@code intervalNanos} after the previous one began: a request
 * that finds the task idle runs it at once, while under load one run takes care of everything
 * that arrived during the interval (one write, or one wake-up, for several messages).
 */
final class PacedRuns {

    private static final Logger LOG = Logger.getLogger(PacedRuns.class.getName());

    private final ExecutorService executor;
    private final Runnable task;
    private final long intervalNanos;
    private final String name;
    /** Runs requested but not yet done. */
    private final AtomicInteger requested = new AtomicInteger();

    /** @param name what the task does, for the log line when a run fails */
    PacedRuns(ExecutorService executor, Runnable task, long intervalNanos, String name) {
        this.executor = executor;
        this.task = task;
        this.intervalNanos = intervalNanos;
        this.name = name;
    }

    void request() {
        if (requested.getAndIncrement() == 0) {
            try {
                executor.execute(this::runWhileRequested);
            } catch (RejectedExecutionException shuttingDown) {
                requested.set(0);
            }
        }
    }

    private void runWhileRequested() {
        int served = 1;
        int left;
        do {
            long started = System.nanoTime();
            try {
                task.run();
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, name + " failed", failed);
            } finally {
                left = requested.addAndGet(-served);
                served = left;
            }
            if (left != 0) {
                LockSupport.parkNanos(intervalNanos - (System.nanoTime() - started));
            }
        } while (left != 0);
    }
}
