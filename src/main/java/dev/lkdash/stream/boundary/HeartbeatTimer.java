package dev.lkdash.stream.boundary;

import dev.lkdash.stream.control.EventStreams;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/**
 * Ticks the stream every second (a non-persistent EJB schedule): heartbeats to the streams that
 * are due after {@code dashboard.sse.heartbeat-seconds}, streams stuck past the send timeout cut,
 * and half-open ones looked for when a check is due ({@code dashboard.sse.half-open-seconds}).
 */
@Singleton
public class HeartbeatTimer {

    @Inject
    EventStreams streams;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "sse-heartbeat")
    void tick() {
        streams.tick();
    }
}
