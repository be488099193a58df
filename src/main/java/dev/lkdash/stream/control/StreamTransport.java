package dev.lkdash.stream.control;

/** One way of writing the event stream to clients; {@link EventStreams} runs the configured one. */
interface StreamTransport {

    /** New messages are in the journal. */
    void published();

    /**
     * Runs every second: heartbeats to the streams that are due, and streams whose writes have
     * been stuck longer than {@code dashboard.sse.send-timeout-ms} cut.
     */
    void tick();

    boolean isRunning();
}
