package dev.lkdash.stream.control;

/** Why the server ended a stream, as counted in {@code dashboard.sse.clients.dropped}. */
enum StreamEnding {
    /** A write failed or the runtime reported it closed: the client has gone. */
    DEAD,
    /** It could not keep up; it resumes with {@code Last-Event-ID}. */
    SLOW,
    /** Its client opened a newer stream (see {@link StreamOpener#opened}). */
    REPLACED,
    /** Its peer stopped acknowledging what it was sent and vanished (see {@link HalfOpenStreams}). */
    HALF_OPEN
}
